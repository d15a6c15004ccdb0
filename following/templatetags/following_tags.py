"""`{% load following_tags %}{% save_search_form %}` on the search page: save this search, or follow it as a feed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from core.kinds import sections
from following.feeds import FEED_KINDS, feed_url_for_search
from following.forms import SaveSearchForm
from following.services import canonical_query
from opendata.kinds import BY_SLUG, kind_of
from search.forms import parse_search_params

register = template.Library()


@register.inclusion_tag("following/includes/save_search.html", takes_context=True)
def save_search_form(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    params = parse_search_params(request.GET)
    query = canonical_query(params) if params.is_valid else ""
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "query": query,
        "form": SaveSearchForm(),
        "feed_url": feed_url_for_search(query),
        "signed_in": request.user.is_authenticated,
        "login_url": f"{settings.LOGIN_URL}?{urlencode({'next': f'/search/?{query}' if query else '/search/'})}",
    }


# Section listing pages -> the feed of what they list.
INDEX_FEEDS = {kind.index_model_label: kind.plural_slug for kind in sections() if kind.feed}


@register.simple_tag
def feed_link(page: Any) -> SafeString:
    """Feed autodiscovery: `<link rel="alternate">` to the feed that follows this page's part of the site."""
    if not isinstance(page, Page) or page.specific_class is None:
        return mark_safe("")
    label = page.specific_class._meta.label
    if label == "councils.CouncilPage":
        url, title = reverse("following:council-feed", args=(page.slug,)), f"New from {page.title}"
    elif label == "experiments.RegionalCentrePage":
        url, title = reverse("following:centre-feed", args=(page.slug,)), f"New from {page.title}"
    else:
        kind = kind_of(page)
        slug = INDEX_FEEDS.get(label) or (kind.plural_slug if kind and kind.name in FEED_KINDS else None)
        if slug is None:
            return mark_safe("")
        url, title = reverse("following:kind-feed", args=(slug,)), f"New {BY_SLUG[slug].label.lower()}"
    return format_html('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">', title, url)
