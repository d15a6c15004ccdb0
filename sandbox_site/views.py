"""Site-wide views: error pages and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: the error may be the database itself.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        database_ok = False
    # Search is reported but does not fail the check: a degraded search still serves (from the database).
    return JsonResponse({"database": database_ok, "search": _search_health()}, status=200 if database_ok else 503)


def _search_health() -> dict[str, object]:
    """The engine's own report (for Elasticsearch: reachability, index version, counts) and the queue backlog."""
    from search.engines import get_engine
    from search.models import IndexChange

    try:
        health = get_engine().health()
        backlog = IndexChange.objects.count()
    except Exception as error:  # noqa: BLE001 - health reports any failure rather than raising it
        return {"ok": False, "detail": str(error)}
    extra = {k: v for k, v in health.extra.items() if isinstance(v, str | int | float | bool)}
    return {"engine": health.engine, "ok": health.ok, "documents": health.documents, "backlog": backlog, **extra}
