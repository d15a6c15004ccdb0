"""The public search page and its autocomplete endpoint. Engine-agnostic: they see only the port's dataclasses."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.filters import FilterGroup, FilterOption
from core.pagination import pagination
from core.text import control_character, strip_control_characters
from search import analytics, engines
from search.facets import FACETS
from search.forms import FACET_LABELS, KIND_LABELS, MAX_QUERY_LENGTH, SearchParams, normalise_text, parse_search_params
from search.promotions import search_with_best_bets
from search.types import Facet, FacetValue, ResultPage

AUTOCOMPLETE_MIN_LENGTH = 2
AUTOCOMPLETE_LIMIT = 8
# Facets with many values show the most common ones; selected values always show.
FACET_DISPLAY_LIMIT = 12
# Always-open facets; the others fold into a "details" element so the filter column stays short.
OPEN_FACETS = ("kind", "region", "service_area", "stage")


def _url_with(params: QueryDict, **changes: str | None) -> str:
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value  # an existing key keeps its place, so links stay readable
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _facet_groups(result: ResultPage, params: SearchParams) -> list[FilterGroup]:
    by_name: dict[str, Facet] = {facet.name: facet for facet in result.facets}
    groups = []
    for name in FACETS:
        selected = set(params.selected.get(name, ()))
        values = list(by_name[name].values) if name in by_name else []
        shown = {v.value for v in values}
        # A selected value the engine no longer counts (e.g. 0 with other filters) must stay checked.
        values += [FacetValue(value=v, count=0, selected=True) for v in sorted(selected - shown)]
        values = [v for i, v in enumerate(values) if i < FACET_DISPLAY_LIMIT or v.value in selected]
        if not values:
            continue
        options = tuple(
            FilterOption(
                value=v.value,
                label=KIND_LABELS.get(v.value, v.value) if name == "kind" else v.value,
                selected=v.value in selected,
                count=v.count,
            )
            for v in values
        )
        groups.append(FilterGroup(name, FACET_LABELS[name], options, collapsible=name not in OPEN_FACETS))
    return groups


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    params = parse_search_params(request.GET)
    query = params.query
    context: dict[str, Any] = {
        "params": params,
        "query_text": query.text
        if params.text_is_valid
        else strip_control_characters(normalise_text(request.GET.get("q", ""))[:1000]),
        # Only the search box is the user's own typing; other unusable values (from edited links) are ignored.
        "errors": [e for e in params.errors if e.parameter == "q"],
        "sort": query.sort,
        "max_query_length": MAX_QUERY_LENGTH,
        "kind_labels": KIND_LABELS,
    }
    if params.text_is_valid:
        result = search_with_best_bets(query)
        total_pages = max(1, math.ceil(result.total / query.page_size))
        if analytics.counts_as_search(query):
            analytics.record_search(query.text, analytics.result_count(result))
        context.update(
            result=result,
            facet_groups=_facet_groups(result, params),
            any_filters=bool(query.filters),
            clear_filters_url=_url_with(QueryDict(mutable=True), q=query.text or None) if query.filters else "",
            suggestion_url=_url_with(request.GET, q=result.suggestion, page=None) if result.suggestion else None,
            first_page_url=_url_with(request.GET, page=None),
            sort_urls={s: _url_with(request.GET, sort=s, page=None) for s in ("relevance", "newest")},
            pagination=pagination(query.page, total_pages, lambda number: _url_with(request.GET, page=str(number))),
            first_number=(query.page - 1) * query.page_size + 1,
        )
    status = 400 if not params.text_is_valid else 200
    return render(request, "search/search_page.html", context, status=status)


@require_safe
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Titles and tags starting with what was typed, for the search box. An empty list for short or odd input."""
    prefix = normalise_text(request.GET.get("q", ""))
    if not AUTOCOMPLETE_MIN_LENGTH <= len(prefix) <= MAX_QUERY_LENGTH or control_character(prefix):
        return JsonResponse([], safe=False)
    suggestions = engines.get_engine().autocomplete(prefix, limit=AUTOCOMPLETE_LIMIT)
    return JsonResponse(list(suggestions), safe=False)
