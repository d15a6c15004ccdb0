"""The published content types the open data and feeds expose: the registry's kinds flagged for open data."""

from __future__ import annotations

from wagtail.models import Page

from core.kinds import Kind, kinds_where

KINDS: dict[str, Kind] = {kind.name: kind for kind in kinds_where(lambda kind: kind.open_data)}

BY_SLUG: dict[str, Kind] = {k.plural_slug: k for k in KINDS.values()}

__all__ = ["BY_SLUG", "KINDS", "Kind", "kind_of"]


def kind_of(page: Page) -> Kind | None:
    """The kind of a (specific) page, or None for pages the open data does not describe."""
    label = page.specific_class._meta.label if page.specific_class else ""
    return next((k for k in KINDS.values() if k.model_label == label), None)
