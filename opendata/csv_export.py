"""CSV export of a listing, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from opendata.kinds import Kind
from opendata.serializers import CSV_FIELDS, CSV_PREFETCH, field_value
from opendata.visibility import page_id_from_doc_id
from search.batching import batched
from search.types import Hit

HEADERS = ("id", "kind", "title", "url", "council", "regions", "service_area", "stage", "published", "summary")
# Pages read at a time for a kind's own columns.
BATCH = 100

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Text for a CSV cell; a leading formula character is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def cell(value: Any) -> str:
    """A published field value (serializers.field_value) as one cell: lists joined with '; ', choices by label."""
    if isinstance(value, dict) and "label" in value:
        value = value["label"]
    elif isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return neutralise(value)


def hit_row(hit: Hit, absolute: Callable[[str], str] = str) -> tuple[str, ...]:
    return tuple(
        neutralise(v)
        for v in (
            page_id_from_doc_id(hit.id),
            hit.kind,
            hit.title,
            absolute(hit.url),
            hit.council,
            "; ".join(hit.regions),
            hit.service_area,
            hit.stage,
            hit.published.isoformat() if hit.published else "",
            hit.summary,
        )
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _kind_cells(kind: Kind, hits: list[Hit]) -> dict[int | None, tuple[str, ...]]:
    """The kind's own columns for a batch of hits, by page id (one query per batch and relation)."""
    fields = CSV_FIELDS.get(kind.name, ())
    ids = [page_id_from_doc_id(h.id) for h in hits]
    pages = kind.model._default_manager.filter(pk__in=ids).prefetch_related(*CSV_PREFETCH.get(kind.name, ()))
    return {page.pk: tuple(cell(field_value(page, f)) for f in fields) for page in pages}


def csv_lines(hits: Iterable[Hit], absolute: Callable[[str], str] = str, kind: Kind | None = None) -> Iterator[str]:
    """Header then one line per hit, streamed; `absolute` turns a page path into a full URL. With a kind, its
    CSV_FIELDS follow as columns, read from the pages."""
    writer = csv.writer(_Echo())
    fields = CSV_FIELDS.get(kind.name, ()) if kind is not None else ()
    yield writer.writerow(HEADERS + fields)
    for batch in batched(hits, BATCH):
        extra = _kind_cells(kind, batch) if kind is not None and fields else {}
        for hit in batch:
            own = extra.get(page_id_from_doc_id(hit.id), ("",) * len(fields))
            yield writer.writerow(hit_row(hit, absolute) + own)
