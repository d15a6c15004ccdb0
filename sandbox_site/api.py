"""The one public JSON API (/api/v1/). Apps add read-only routers here; OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from core.text import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH
from opendata.api import router as opendata_router
from search.api import router as search_router
from search.forms import parse_search_params

api = NinjaAPI(
    title="Council innovation sandbox API",
    version="1",
    description=(
        "Open, read-only data about shared challenges, case studies, patterns and experiments from UK councils. "
        "Invalid parameters get a 400 response with a message for each problem. "
        f"Titles are at most {MAX_TITLE_LENGTH} characters, summaries {MAX_SUMMARY_LENGTH} and each body field "
        f"{MAX_BODY_LENGTH:,}, with no control characters."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Ninja's own type checks (the schema's enumerations) answer 400, not 422, in our parameter parser's shape.

    Every operation that has query parameters takes the search parameters, so the parser's messages (the search
    page's, every problem at once) replace pydantic's whenever it finds the problem too.
    """
    problems = [
        {"parameter": e.parameter, "message": e.message}
        for e in parse_search_params(request.GET, allow_page_size=True).errors
    ]
    errors = problems or [
        {"parameter": _parameter_name(e.get("loc", ())), "message": str(e.get("msg", "Invalid value"))}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": "Check the parameters", "errors": errors}, status=400)


def _parameter_name(location: Sequence[object]) -> str:
    """('query', 'kind', 0) -> 'kind': the innermost name, not a list index."""
    return next((str(part) for part in reversed(location) if isinstance(part, str)), "?")


api.add_router("/search", search_router)
api.add_router("/", opendata_router)
