"""Template helpers for search: content-kind labels and the "related content" panel on page templates."""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.models import Page

from search import engines
from search.forms import KIND_LABELS

register = template.Library()

RELATED_LIMIT = 5


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


@register.inclusion_tag("search/includes/related_content.html")
def related_content(page: Page, limit: int = RELATED_LIMIT) -> dict[str, Any]:
    """Pages like this one, from the engine (which holds only live, public pages). Nothing shown for drafts."""
    hits = engines.get_engine().related(f"page:{page.pk}", limit=limit) if page.pk and page.live else []
    return {"hits": hits}
