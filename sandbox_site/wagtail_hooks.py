"""Wagtail hooks of the site app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from sandbox_site import caching


@hooks.register("before_serve_page")
def allow_page_cache_for_public_pages(page: Page, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
    """Only pages with no view restriction on themselves or an ancestor may be shared from the page cache.

    Previews do not run this hook (Wagtail serves them through serve_preview), so they are never cached.
    """
    if caching.may_look_up(request) and caching.page_is_public(page):
        caching.mark_shareable(request)
