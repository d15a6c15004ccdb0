"""Template helpers for the site layout: navigation, breadcrumbs and public-only links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page
from wagtail.query import PageQuerySet

from core.kinds import sections
from core.links import page_url

register = template.Library()

# Section slugs are fixed by sandbox_site.site_tree; search is served by the search app.
NAVIGATION: list[tuple[str, str]] = [
    ("Search", "/search/"),
    ("Challenges", "/challenges/"),
    ("Case studies", "/case-studies/"),
    ("Patterns", "/patterns/"),
    ("Adoption", "/adoption/"),
    ("Experiments", "/experiments/"),
    ("Regional centres", "/regional-centres/"),
    ("Councils", "/councils/"),
    ("Marketplace", "/marketplace/"),
    ("Open data", "/open-data/"),
]


# Each kind's pages belong, for readers, to its section, even those that live under a council or centre in the tree.
SECTION_OF_PAGE_TYPE = {kind.model_label.partition(".")[2]: f"/{kind.plural_slug}/" for kind in sections()}


@register.simple_tag
def site_navigation(request: HttpRequest | None, page: Page | None = None) -> list[dict[str, Any]]:
    """The header links, with the current section marked."""
    path = getattr(request, "path", "") or ""
    section = SECTION_OF_PAGE_TYPE.get(type(page).__name__) if page is not None else None
    return [
        {
            "text": text,
            "href": href,
            "current": path == href,
            "active": href == section if section else path.startswith(href),
        }
        for text, href in NAVIGATION
    ]


@register.simple_tag
def breadcrumbs(page: Page | None) -> list[dict[str, str]]:
    """Ancestors of a page below the tree root, home first (the page itself is not included)."""
    if page is None or not getattr(page, "pk", None):
        return []
    ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
    crumbs = []
    for ancestor in ancestors:
        url = ancestor.get_url()
        if url:
            crumbs.append({"text": "Home" if ancestor.depth == 2 else ancestor.title, "href": url})
    return crumbs


@register.filter(name="public")
def public_pages(pages: Any) -> Any:
    """Only live pages without view restrictions: drafts and private pages must never leak through links.

    Accepts a page queryset, a single page (returns it or None) or an iterable of pages.
    """
    if pages is None:
        return None
    if isinstance(pages, QuerySet):
        return cast(PageQuerySet, pages).live().public()
    if isinstance(pages, Page):
        visible = Page.objects.filter(pk=pages.pk).live().public().exists()
        return pages if visible else None
    if isinstance(pages, Iterable):
        items = list(pages)
        ids = set(Page.objects.filter(pk__in=[p.pk for p in items]).live().public().values_list("pk", flat=True))
        return [p for p in items if p.pk in ids]
    return None


@register.filter(name="council_children")
def council_children(page: Page, model_label: str) -> QuerySet[Any]:
    """Live, public children of one page type, e.g. `council|council_children:"challenges.ChallengePage"`."""
    model = apps.get_model(model_label)
    return model.objects.child_of(page).live().public().order_by("title")


@register.filter(name="collection_items")
def collection_items(collection: Page) -> list[Any]:
    """A collection's items that point at live, public pages, each with a `kind` label for display."""
    public_ids = Page.objects.live().public().values("pk")
    items = list(collection.items.filter(page__in=public_ids).select_related("page", "page__content_type"))
    for item in items:
        model = item.page.content_type.model_class()
        item.kind = str(model._meta.verbose_name).capitalize() if model else "Page"
    return items


@register.filter(name="absolute_page_url")
def absolute_page_url(page: Page) -> str:
    """The page's absolute URL on the configured base URL (for e-mails, which have no request to be relative to)."""
    return page_url(page)


@register.filter(name="split_list")
def split_list(value: str | None) -> list[str]:
    """A comma-separated field (suppliers, products) as a list of trimmed names."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@register.inclusion_tag("sandbox_site/includes/provenance.html")
def provenance(page: Page) -> dict[str, Any]:
    """Where a write-up comes from: its source link, or on a demonstration site a label saying it is invented."""
    source = getattr(page, "source_url", "")
    return {"source": source, "invented": settings.DEMO_NOTICE and not source}


@register.filter(name="pounds")
def pounds(value: int | None) -> str:
    return f"£{value:,}" if value is not None else ""


@register.filter(name="thousands")
def thousands(value: int | None) -> str:
    return f"{value:,}" if value is not None else ""
