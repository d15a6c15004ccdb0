"""GET /api/v1/search/: the search API. Same parameter parser, engine and best bets as the search page."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import create_model

from core.links import absolute_url
from search import analytics
from search.facets import BY_NAME, REGISTRY
from search.forms import (
    FACET_LABELS,
    MAX_API_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    PAGE_SIZE,
    SORTS,
    parse_search_params,
)
from search.promotions import search_with_best_bets
from search.types import KINDS, Hit, ResultPage

router = Router(tags=["search"])

# Enumerations in the OpenAPI schema, from the one registry (a value outside them is a 400).
KindName = Literal[KINDS]  # type: ignore[valid-type]
SortName = Literal[SORTS]  # type: ignore[valid-type]


class SearchResult(Schema):
    title: str
    url: str
    kind: str
    council: str
    region: str  # the regions, comma separated (also given as a list in `regions`)
    regions: list[str]
    service_area: str
    stage: str
    summary: str
    highlight: str  # HTML-escaped text with <mark> around matched words
    published: datetime.date | None
    recommended: bool  # a curator's best bet for this query
    missing: list[str] = Field(description="Words of the query (as typed) that this result does not contain.")


class FacetValueOut(Schema):
    value: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchResponse(Schema):
    results: list[SearchResult]
    total: int
    page: int
    page_size: int
    facets: list[FacetOut]
    suggestion: str | None
    expanded_terms: list[str]
    degraded: bool
    partial_match: bool = Field(
        description="True when no result contains every word, so these results contain some of the words."
    )


class ParameterProblem(Schema):
    parameter: str
    message: str


class ErrorResponse(Schema):
    detail: str
    errors: list[ParameterProblem]


# One list parameter per facet of the registry; `kind` is the search API's own (an open-data URL names its kind).
FacetParameters = create_model(
    "FacetParameters",
    __base__=Schema,
    **{spec.name: (list[str], Field([], description=spec.help)) for spec in REGISTRY if spec.name != "kind"},  # type: ignore[call-overload]
)


class FilterParameters(FacetParameters):  # type: ignore[misc,valid-type]
    """Documented here for the OpenAPI schema; validated by search.forms (the same rules as the search page).

    The open-data lists and CSV exports take these; the search API adds `kind` (an open-data URL names its kind).
    """

    q: str | None = Field(
        None,
        description=f"Search terms, up to {MAX_QUERY_LENGTH} characters. "
        'Supports "exact phrases", -excluded words and OR.',
    )
    sort: SortName | None = Field(None, description="'relevance' (default) or 'newest'.")
    page: str | None = Field(None, description="Page number, 1 or more (default 1).")
    page_size: str | None = Field(None, description=f"Results a page, 1 to {MAX_API_PAGE_SIZE} (default 20).")


class SearchParameters(FilterParameters):
    kind: list[KindName] = Field([], description=BY_NAME["kind"].help)


def _result(hit: Hit) -> SearchResult:
    return SearchResult(
        title=hit.title,
        url=absolute_url(hit.url),
        kind=hit.kind,
        council=hit.council,
        region=", ".join(hit.regions),
        regions=list(hit.regions),
        service_area=hit.service_area,
        stage=hit.stage,
        summary=hit.summary,
        highlight=hit.highlight,
        published=hit.published,
        recommended=hit.promoted,
        missing=list(hit.missing),
    )


def _response(result: ResultPage) -> SearchResponse:
    return SearchResponse(
        results=[_result(hit) for hit in result.hits],
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        facets=[
            FacetOut(
                name=facet.name,
                label=FACET_LABELS.get(facet.name, facet.name),
                values=[FacetValueOut(value=v.value, count=v.count, selected=v.selected) for v in facet.values],
            )
            for facet in result.facets
        ],
        suggestion=result.suggestion,
        expanded_terms=list(result.expanded_terms),
        degraded=result.degraded,
        partial_match=result.partial_match,
    )


@router.get(
    "/",
    response={200: SearchResponse, 400: ErrorResponse},
    summary="Search challenges, case studies, patterns, experiments, collections, councils and council systems",
    description=(
        "Only live, public pages are searched, and the public part of councils' systems registers (which product "
        "a council uses for which service area; never contract dates, costs, satisfaction or notes). "
        "Values within one filter are ORed; different filters are ANDed. "
        "Facet counts for one filter honour the other selected filters."
    ),
)
def search(request: HttpRequest, filters: Query[SearchParameters]) -> Status:
    params = parse_search_params(request.GET, allow_page_size=True)
    if not params.is_valid:
        problems = [ParameterProblem(parameter=e.parameter, message=e.message) for e in params.errors]
        return Status(400, ErrorResponse(detail="Check the parameters", errors=problems))
    result = search_with_best_bets(params.query)
    query = params.query
    if analytics.counts_as_search(query, max_page_size=PAGE_SIZE):
        analytics.record_search(query.text, analytics.result_count(result))
    return Status(200, _response(result))
