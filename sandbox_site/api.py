"""The one public JSON API (/api/v1/). Apps add read-only routers here; OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from opendata.api import router as opendata_router
from search.api import router as search_router

api = NinjaAPI(
    title="Council innovation sandbox API",
    version="1",
    description=(
        "Open, read-only data about shared challenges, case studies, patterns and experiments from UK councils. "
        "Invalid parameters get a 400 response with a message for each problem."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Ninja's own type checks answer 400 (not 422) in the same shape as our parameter parser."""
    errors = [
        {"parameter": str(e.get("loc", ["", "?"])[-1]), "message": str(e.get("msg", "Invalid value"))}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": "Check the parameters", "errors": errors}, status=400)


api.add_router("/search", search_router)
api.add_router("/", opendata_router)
