"""Owners re-confirm a page is still accurate (the button is shown to them on the page itself)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.pages import ContentPage
from upkeep import services


@login_required
@require_POST
def confirm_page(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ContentPage):
        return HttpResponse("Only content pages can be confirmed.", status=400, content_type="text/plain")
    on = services.confirm(page, request.user)
    messages.success(request, f"Thank you. '{page.title}' is confirmed as accurate on {on:%d %B %Y}.")
    return redirect(page.url or "/")
