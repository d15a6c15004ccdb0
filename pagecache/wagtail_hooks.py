"""Wagtail hooks of the page cache."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from pagecache import cache


@hooks.register("before_serve_page")
def allow_page_cache_for_public_pages(page: Page, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
    """Only pages with no view restriction on themselves or an ancestor may be shared from the page cache.

    Previews do not run this hook (Wagtail serves them through serve_preview), so they are never cached.
    """
    if cache.may_look_up(request) and cache.page_is_public(page):
        cache.mark_shareable(request)
