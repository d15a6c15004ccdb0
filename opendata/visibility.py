"""The one rule for everything published as open data, feeds or alerts: live and public, nothing else.

Wagtail's `live()` drops drafts and unpublished pages; `public()` drops pages under a view restriction
on themselves or any ancestor. Every exit point filters through here, even when the search index
should already hold only public pages, so a stale index cannot leak a page.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page
from wagtail.query import PageQuerySet

from core.numbers import parse_id


def public_pages(model: type[Page] = Page) -> PageQuerySet:
    return model.objects.live().public()


def is_public(page: Page) -> bool:
    return public_pages().filter(pk=page.pk).exists()


def public_ids(ids: Iterable[int | None]) -> set[int]:
    """Which of these page ids are live and public (one query); None (no page) is never public."""
    known = [i for i in ids if i is not None]
    if not known:
        return set()
    return set(public_pages().filter(pk__in=known).values_list("pk", flat=True))


def page_id_from_doc_id(doc_id: str) -> int | None:
    """Search document ids are "page:<pk>" (search/types.py)."""
    prefix, _, pk = doc_id.partition(":")
    return parse_id(pk) if prefix == "page" else None
