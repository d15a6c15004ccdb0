"""Site-wide views: error pages, the health check, the open data page and the one sign-in page."""

from urllib.parse import urlencode

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from opendata.kinds import KINDS
from search.engines import get_engine
from search.models import IndexChange


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: the error may be the database itself.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def admin_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's sign-in page: sent to the site's one sign-in page, on to the admin (or where the editor was going)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': target or '/admin/'})}")


def open_data(request: HttpRequest) -> HttpResponse:
    """Every download and the API documentation, in one place."""
    downloads = [
        {"label": kind.plural_label, "csv": f"/api/v1/{kind.plural_slug}.csv", "json": f"/api/v1/{kind.plural_slug}/"}
        for kind in KINDS.values()
    ]
    return render(request, "sandbox_site/open_data.html", {"downloads": downloads})


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
    try:
        health = get_engine().health()
        backlog = IndexChange.objects.count()
    except Exception as error:  # noqa: BLE001 - health reports any failure rather than raising it
        return {"ok": False, "detail": str(error)}
    extra = {k: v for k, v in health.extra.items() if isinstance(v, str | int | float | bool)}
    return {"engine": health.engine, "ok": health.ok, "documents": health.documents, "backlog": backlog, **extra}
