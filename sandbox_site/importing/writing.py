"""Create and publish pages from valid import records, under the right parent. Publishing indexes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from wagtail.models import Page

from challenges.models import ReusableOutput
from councils.models import CouncilPage
from patterns.models import PatternCriterion, PatternIndexPage
from sandbox_site.importing.fields import FORMATS, KINDS
from sandbox_site.importing.validation import Output, Target, ValidRecord


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


# Child rows a record brings, by the page's relation name: how one value becomes a row.
_CHILDREN = {
    "reusable_outputs": lambda item: ReusableOutput(title=item.title, url=item.url, licence=item.licence),
    "criteria": lambda text: PatternCriterion(text=text),
}


def _build(record: ValidRecord, created: dict[int, Page]) -> Page:
    page = FORMATS[record.kind].model(slug=record.slug, **record.values)
    for attr, targets in record.targets.items():
        ids = [_page_id(target, created) for target in targets]
        if attr.endswith("_id"):
            setattr(page, attr, ids[0])
    for attr, items in record.many.items():
        if attr in _CHILDREN:
            setattr(page, attr, [_CHILDREN[attr](item) for item in items])
    if record.published:
        # When the work was first written up, so "newest" and year filters tell the truth.
        page.first_published_at = record.published
    return page


def _page_id(target: Target, created: dict[int, Page]) -> int:
    where, number = target
    return number if where == "page" else created[number].pk


def _parent(record: ValidRecord, councils: dict[int, CouncilPage], pattern_index: Page | None) -> Page:
    if record.kind == "pattern":
        if pattern_index is None:
            raise PatternIndexPage.DoesNotExist("The site has no patterns section to import patterns into")
        return pattern_index
    assert record.council_id is not None  # validation requires it for challenges and case studies
    return councils[record.council_id]


@transaction.atomic
def write_records(records: Sequence[ValidRecord]) -> list[Page]:
    """Create and publish every record in one transaction: all pages, or (on any failure) none.

    Kinds are written in the format's order (challenges, case studies, patterns) so a record can point at a page
    made from a line further down the file; the pages come back in the file's order."""
    council_ids = {r.council_id for r in records if r.council_id}
    councils = {c.pk: c for c in CouncilPage.objects.filter(pk__in=council_ids)}
    pattern_index = PatternIndexPage.objects.first()
    created: dict[int, Page] = {}
    for record in sorted(records, key=lambda r: KINDS.index(r.kind)):
        page = _build(record, created)
        _parent(record, councils, pattern_index).add_child(instance=page)
        for attr, items in record.many.items():
            if attr == "tags":
                page.tags.add(*items)  # type: ignore[attr-defined]
            elif attr not in _CHILDREN:
                getattr(page, attr).set(items)
        for attr, targets in record.targets.items():
            if not attr.endswith("_id"):
                getattr(page, attr).set([_page_id(target, created) for target in targets])
        page.save_revision().publish()
        created[record.line] = page
    return [created[record.line] for record in records]


__all__ = ["Output", "existing_places", "write_records"]
