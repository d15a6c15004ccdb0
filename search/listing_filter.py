"""Listing filters answered by the search engine: the same index, facets and visibility rules as /search/.

The listing keeps its own ordering and pagination; the engine says which pages match the selected filters.
Filter values arrive as the listing's slugs or choice values and are turned into the facet values the engine
indexes (names and labels), so the listing URLs stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Model, QuerySet, TextChoices

from search.engines import get_engine
from search.types import SearchQuery

# Enough for any realistic filtered listing in a few round trips; the engine caps nothing itself.
BATCH = 1000


def names_for(model: type[Model], slugs: Sequence[str]) -> tuple[str, ...]:
    """Region or service area slugs -> the names the index holds."""
    return tuple(model._default_manager.filter(slug__in=slugs).values_list("name", flat=True))  # type: ignore[attr-defined]


def labels_for(choices: type[TextChoices], values: Sequence[str]) -> tuple[str, ...]:
    """Choice values -> their labels, as the index holds them ("being_worked_on" -> "Being worked on")."""
    labels = dict(choices.choices)
    return tuple(str(labels[value]) for value in values if value in labels)


def matching_page_ids(kind: str, filters: Mapping[str, Sequence[str]]) -> list[int]:
    """Page ids of every indexed document of this kind that matches the filters."""
    wanted = {"kind": (kind,), **{name: tuple(values) for name, values in filters.items()}}
    engine = get_engine()
    ids: list[int] = []
    page = 1
    while True:
        result = engine.search(SearchQuery(filters=wanted, page=page, page_size=BATCH, with_facets=False))
        ids += [int(hit.id.removeprefix("page:")) for hit in result.hits if hit.id.startswith("page:")]
        if not result.hits or page * BATCH >= result.total:
            return ids
        page += 1


def engine_filter(queryset: QuerySet[Any], kind: str, filters: Mapping[str, Sequence[str]]) -> QuerySet[Any]:
    """Narrow the listing's queryset to what the engine finds. No filter selected: the queryset as it is."""
    selected = {name: tuple(values) for name, values in filters.items() if values}
    if not selected:
        return queryset
    return queryset.filter(pk__in=matching_page_ids(kind, selected))
