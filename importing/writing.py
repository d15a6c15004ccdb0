"""Create and publish pages from valid import records, under the right parent. Publishing indexes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import transaction
from wagtail.models import Page

from challenges.models import ReusableOutput
from councils.models import CouncilPage
from experiments.models import CollectionItem, RegionalCentreIndexPage, RegionalCentrePage
from importing.fields import FORMATS, KINDS
from importing.validation import Output, Parent, Target, ValidRecord
from patterns.models import PatternCriterion, PatternIndexPage

_PARENT_MODELS: dict[str, type[Page]] = {
    "council": CouncilPage,
    "centre": RegionalCentrePage,
    "patterns": PatternIndexPage,
    "centres": RegionalCentreIndexPage,
}
# The sections that hold one kind each, found as the one page of their type.
_SECTIONS = ("patterns", "centres")


def existing_places(slugs: Iterable[str]) -> list[tuple[Parent, str]]:
    """(place, slug) of the pages under councils, regional centres and the patterns section already using these
    slugs."""
    wanted = set(slugs)
    if not wanted:
        return []
    places_by_path: dict[str, Parent] = {}
    for where, model in _PARENT_MODELS.items():
        for pk, path in model.objects.values_list("pk", "path"):
            places_by_path[path] = (where, None if where in _SECTIONS else pk)
    places: list[tuple[Parent, str]] = []
    for slug, path in Page.objects.filter(slug__in=wanted).values_list("slug", "path"):
        place = places_by_path.get(path[: -Page.steplen])
        if place is not None:
            places.append((place, slug))
    return places


def _parent_pages(records: Sequence[ValidRecord]) -> dict[Parent, Page]:
    """The pages the records go under, by place."""
    parents: dict[Parent, Page] = {}
    for where, model in _PARENT_MODELS.items():
        wanted = {r.parent[1] for r in records if r.parent[0] == where}
        if not wanted:
            continue
        found = model.objects.all()[:1] if where in _SECTIONS else model.objects.filter(pk__in=wanted)
        for page in found:
            parents[(where, None if where in _SECTIONS else page.pk)] = page
    return parents


# Child rows a record brings, by the page's relation name: how one value becomes a row.
_CHILDREN = {
    "reusable_outputs": lambda item: ReusableOutput(title=item.title, url=item.url, licence=item.licence),
    "criteria": lambda text: PatternCriterion(text=text),
}


def _build(record: ValidRecord, created: dict[int, Page]) -> Page:
    values = {attr: value for attr, value in record.values.items() if attr != "last_confirmed"}
    page = FORMATS[record.kind].model(slug=record.slug, **values)
    for attr, targets in record.targets.items():
        ids = [_page_id(target, created) for target in targets]
        if attr.endswith("_id"):
            setattr(page, attr, ids[0])
        elif attr == "items":
            # A collection's items: the pages it points at, in order, each with its note.
            notes = record.many.get("items", ())
            page.items = [CollectionItem(page_id=pk, note=note) for pk, note in zip(ids, notes, strict=True)]
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


def _parent(record: ValidRecord, parents: dict[Parent, Page]) -> Page:
    if record.parent not in parents:
        section = "regional centres" if record.parent[0] == "centres" else record.parent[0]
        raise Page.DoesNotExist(f"The site has no {section} section to import {record.label}s into")
    return parents[record.parent]


@transaction.atomic
def write_records(records: Sequence[ValidRecord], written: Callable[[int], None] | None = None) -> list[Page]:
    """Create and publish every record in one transaction: all pages, or (on any failure) none.

    Kinds are written in the format's order (challenges, case studies, patterns, centres, experiments, collections)
    so a record can point at a page made from a line further down the file; the pages come back in the file's
    order. `written` is told how many pages are published so far after each one, while the transaction is still
    open: whatever it records must live outside the database to be seen before the commit."""
    parents = _parent_pages(records)
    created: dict[int, Page] = {}
    for record in sorted(records, key=lambda r: KINDS.index(r.kind)):
        page = _build(record, created)
        _parent(record, parents).add_child(instance=page)
        for attr, items in record.many.items():
            if attr == "tags":
                page.tags.add(*items)  # type: ignore[attr-defined]
            elif attr not in _CHILDREN and attr != "items":
                getattr(page, attr).set(items)
        for attr, targets in record.targets.items():
            if not attr.endswith("_id") and attr != "items":
                getattr(page, attr).set([_page_id(target, created) for target in targets])
        page.save_revision().publish()
        if "last_confirmed" in record.values:
            # Publishing confirms the page today; the file says when its owners last did.
            page.confirm(record.values["last_confirmed"])  # type: ignore[attr-defined]
        created[record.line] = page
        if written:
            written(len(created))
    return [created[record.line] for record in records]


__all__ = ["Output", "existing_places", "write_records"]
