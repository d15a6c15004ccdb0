"""Read-only open data under /api/v1/: a list (search filters), a CSV export and a detail view per content type.

Added to the one NinjaAPI in sandbox_site/api.py with `api.add_router("/", opendata.api.router)`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema

from core.links import absolute_url
from core.numbers import parse_id
from opendata import listing
from opendata.csv_export import csv_lines
from opendata.kinds import KINDS, Kind
from opendata.serializers import page_detail
from opendata.visibility import page_id_from_doc_id, public_pages
from search.api import FilterParameters
from search.facets import FACETS
from search.forms import parse_search_params

router = Router(tags=["Open data"])

FILTERS_HELP = (
    f"Filters are the search page's: q, {', '.join(f for f in FACETS if f != 'kind')} "
    "(repeat a parameter for several values), sort (relevance or newest), page, page_size (1 to 100). "
    "Invalid parameters get a 400 response listing each problem."
)


class ListItem(Schema):
    id: int
    kind: str
    title: str
    url: str
    summary: str
    council: str
    regions: list[str]
    service_area: str
    stage: str
    published: datetime.date | None
    detail: str


class ListResponse(Schema):
    results: list[ListItem]
    total: int
    page: int
    page_size: int


class ErrorItem(Schema):
    parameter: str
    message: str


class ErrorResponse(Schema):
    detail: str
    errors: list[ErrorItem] = []


def bad_parameters(errors: Any) -> JsonResponse:
    """The same 400 shape as the search API."""
    problems = [{"parameter": e.parameter, "message": e.message} for e in errors]
    return JsonResponse({"detail": "Check the parameters", "errors": problems}, status=400)


def _item(kind: Kind, hit: Any) -> dict[str, Any]:
    pk = page_id_from_doc_id(hit.id)
    return {
        "id": pk,
        "kind": hit.kind,
        "title": hit.title,
        "url": absolute_url(hit.url),
        "summary": hit.summary,
        "council": hit.council,
        "regions": list(hit.regions),
        "service_area": hit.service_area,
        "stage": hit.stage,
        "published": hit.published,
        "detail": absolute_url(reverse(f"api-v1:{kind.name}-detail", kwargs={"ref": str(pk)})),
    }


def _find(kind: Kind, ref: str) -> Any:
    pages = public_pages(kind.model)
    pk = parse_id(ref)
    page = pages.filter(pk=pk).first() if pk is not None else None
    # Slugs are unique among siblings only: the oldest page with the slug wins; ids are always unambiguous.
    return page or pages.filter(slug=ref).order_by("pk").first()


def _register(kind: Kind) -> None:
    label = kind.plural_label.lower()

    # `filters` documents the parameters in the OpenAPI schema; parse_search_params applies the search page's rules.
    def list_view(request: HttpRequest, filters: Query[FilterParameters]) -> Any:
        params = parse_search_params(request.GET, allow_page_size=True)
        if not params.is_valid:
            return bad_parameters(params.errors)
        result, hits = listing.search(listing.with_kind(params.query, kind.name))
        return {
            "results": [_item(kind, h) for h in hits],
            "total": result.total,
            "page": result.page,
            "page_size": result.page_size,
        }

    def csv_view(request: HttpRequest, filters: Query[FilterParameters]) -> Any:
        params = parse_search_params(request.GET, allow_page_size=True)
        if not params.is_valid:
            return bad_parameters(params.errors)
        response = StreamingHttpResponse(
            csv_lines(listing.iter_all(listing.with_kind(params.query, kind.name)), absolute_url, kind),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind.plural_slug}.csv"'
        return response

    def detail_view(request: HttpRequest, ref: str) -> Any:
        page = _find(kind, ref)
        if page is None:
            return JsonResponse({"detail": "Not found", "errors": []}, status=404)
        return page_detail(page)

    router.add_api_operation(
        f"/{kind.plural_slug}/",
        ["GET"],
        list_view,
        response={200: ListResponse, 400: ErrorResponse},
        summary=f"List {label}",
        description=f"Live, public {label}. {FILTERS_HELP}",
        operation_id=f"list_{kind.name}",
        url_name=f"{kind.name}-list",
    )
    router.add_api_operation(
        f"/{kind.plural_slug}.csv",
        ["GET"],
        csv_view,
        response={200: None, 400: ErrorResponse},
        summary=f"Download {label} as CSV",
        description=f"Every matching row (up to {listing.MAX_EXPORT_ROWS:,}) as CSV. {FILTERS_HELP}",
        operation_id=f"csv_{kind.name}",
        url_name=f"{kind.name}-csv",
    )
    router.add_api_operation(
        f"/{kind.plural_slug}/{{ref}}/",
        ["GET"],
        detail_view,
        response={200: dict, 404: ErrorResponse},
        summary=f"One of the {label}, by id or slug",
        operation_id=f"get_{kind.name}",
        url_name=f"{kind.name}-detail",
    )


for _kind in KINDS.values():
    _register(_kind)
