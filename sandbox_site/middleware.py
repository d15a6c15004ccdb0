"""Refuse a request whose address holds a NUL character, before any view or database sees it.

PostgreSQL cannot store or compare text containing NUL (it raises DataError), and every view that looks up a slug,
code or search term from the address would otherwise have to remember that. Form fields refuse NUL already (Django's
CharField), so the address is what is left: the path and the query string.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "The address must not contain a null character (U+0000)"


def has_null_character(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists())


class RefuseNullCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not has_null_character(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            # The API's own 400 shape (sandbox_site/api.py).
            return JsonResponse(
                {"detail": "Check the parameters", "errors": [{"parameter": "", "message": MESSAGE}]}, status=400
            )
        return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
