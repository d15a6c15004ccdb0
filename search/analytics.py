"""Search analytics for curators: what people search for, and what finds nothing (unmet needs).

One row per normalised search term per day, updated with a single UPDATE in the common case. Nothing about the
person searching is stored, and terms that look like personal data (email addresses, phone or reference numbers)
are not recorded at all.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from search.models import DailySearchTerm
from search.types import ResultPage, SearchQuery

MAX_TERM_LENGTH = 200
REPORT_DAYS = 30
REPORT_ROWS = 50
PERMISSION = "search.view_dailysearchterm"

_EMAIL = re.compile(r"\S+@\S+\.\S+")
# Phone numbers, National Insurance numbers, case and account references: long runs of digits.
_LONG_NUMBER = re.compile(r"\d[\d\s-]{5,}\d")
_NI_NUMBER = re.compile(r"\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b")


def normalise_term(text: str) -> str:
    return " ".join(text.lower().split())[:MAX_TERM_LENGTH]


def looks_personal(term: str) -> bool:
    return bool(_EMAIL.search(term) or _LONG_NUMBER.search(term) or _NI_NUMBER.search(term))


def counts_as_search(query: SearchQuery, *, max_page_size: int | None = None) -> bool:
    """A person's search: its first page, before filters, and (for the API) not a bulk fetch of big pages.

    The search page, the API and the page cache (which replays cached searches) all decide with this.
    """
    if max_page_size is not None and query.page_size > max_page_size:
        return False
    return bool(query.text and query.page == 1 and not query.filters)


def result_count(result: ResultPage) -> int:
    """What a search found, for the report: a partial match did not find what was asked, so it counts as zero."""
    return 0 if result.partial_match else result.total


def record_search(text: str, result_count: int, *, on: datetime.date | None = None) -> bool:
    """Count one search for its term today. Returns False when nothing was recorded."""
    term = normalise_term(text)
    if not term or looks_personal(term):
        return False
    day = on or timezone.localdate()
    zero = 1 if result_count == 0 else 0
    changes = {
        "searches": F("searches") + 1,
        "zero_result_searches": F("zero_result_searches") + zero,
        "last_result_count": result_count,
    }
    if DailySearchTerm.objects.filter(term=term, date=day).update(**changes):
        return True
    try:
        with transaction.atomic():
            DailySearchTerm.objects.create(
                term=term, date=day, searches=1, zero_result_searches=zero, last_result_count=result_count
            )
    except IntegrityError:  # another request created today's row first
        DailySearchTerm.objects.filter(term=term, date=day).update(**changes)
    return True


@dataclass(frozen=True)
class TermSummary:
    term: str
    searches: int
    zero_result_searches: int
    last_searched: datetime.date


def _grouped(days: int):  # a values() QuerySet of per-term totals
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    return (
        DailySearchTerm.objects.filter(date__gte=since)
        .values("term")
        .annotate(total=Sum("searches"), zero=Sum("zero_result_searches"), last=Max("date"))
    )


def _summaries(rows: object) -> list[TermSummary]:
    return [TermSummary(r["term"], r["total"], r["zero"], r["last"]) for r in rows]  # type: ignore[attr-defined]


def top_terms(days: int = REPORT_DAYS, limit: int = REPORT_ROWS) -> list[TermSummary]:
    return _summaries(_grouped(days).order_by("-total", "term")[:limit])


def zero_result_terms(days: int = REPORT_DAYS, limit: int = REPORT_ROWS) -> list[TermSummary]:
    """Terms that found nothing at least once: candidate shared challenges."""
    return _summaries(_grouped(days).filter(zero__gt=0).order_by("-zero", "term")[:limit])


def prune(older_than_days: int = 400) -> int:
    """Delete old rows; the report only looks back a month."""
    cutoff = timezone.localdate() - datetime.timedelta(days=older_than_days)
    deleted, _ = DailySearchTerm.objects.filter(date__lt=cutoff).delete()
    return deleted
