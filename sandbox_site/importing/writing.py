"""Create and publish pages from valid import records, under the right parent. Publishing indexes them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage
from councils.models import CouncilPage
from patterns.models import PatternIndexPage, PatternPage
from sandbox_site.importing.validation import ValidRecord


def existing_places(slugs: Iterable[str]) -> list[tuple[int | None, str]]:
    """(council id, slug) of council pages' children, and (None, slug) of patterns, already using these slugs."""
    wanted = set(slugs)
    if not wanted:
        return []
    council_paths = dict(CouncilPage.objects.values_list("path", "pk"))
    pattern_index_paths = set(PatternIndexPage.objects.values_list("path", flat=True))
    places: list[tuple[int | None, str]] = []
    for slug, path in Page.objects.filter(slug__in=wanted).values_list("slug", "path"):
        parent_path = path[: -Page.steplen]
        if parent_path in council_paths:
            places.append((council_paths[parent_path], slug))
        elif parent_path in pattern_index_paths:
            places.append((None, slug))
    return places


def _build(record: ValidRecord) -> Page:
    common = {"title": record.title, "slug": record.slug, "summary": record.summary}
    if record.service_area_id:
        common["service_area_id"] = record.service_area_id
    if record.kind == "challenge":
        return ChallengePage(**common, problem_statement=record.body, status=record.stage)
    if record.kind == "case_study":
        return CaseStudyPage(**common, problem=record.body, stage=record.stage)
    # A pattern's summary states the problem it solves; the body describes the solution.
    return PatternPage(**common, problem=record.summary, solution=record.body, maturity=record.stage)


def _parent(record: ValidRecord, councils: dict[int, CouncilPage], pattern_index: Page | None) -> Page:
    if record.kind == "pattern":
        if pattern_index is None:
            raise PatternIndexPage.DoesNotExist("The site has no patterns section to import patterns into")
        return pattern_index
    assert record.council_id is not None  # validation requires it for challenges and case studies
    return councils[record.council_id]


@transaction.atomic
def write_records(records: Sequence[ValidRecord]) -> list[Page]:
    """Create and publish every record in one transaction: all pages, or (on any failure) none."""
    council_ids = {r.council_id for r in records if r.council_id and r.kind != "pattern"}
    councils = {c.pk: c for c in CouncilPage.objects.filter(pk__in=council_ids)}
    pattern_index = PatternIndexPage.objects.first()
    created: list[Page] = []
    for record in records:
        page = _build(record)
        if record.year:
            # The year the work was first written up, so "newest" and year filters tell the truth.
            page.first_published_at = timezone.make_aware(datetime.datetime(record.year, 1, 1, 12))
        _parent(record, councils, pattern_index).add_child(instance=page)
        if record.tags:
            page.tags.add(*record.tags)  # type: ignore[attr-defined]
        if record.partner_council_ids:
            page.partner_councils.set(record.partner_council_ids)  # type: ignore[attr-defined]
        page.save_revision().publish()
        created.append(page)
    return created
