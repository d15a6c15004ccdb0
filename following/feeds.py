"""Atom feeds: each content type, each council, each regional centre, and any search.

Only live, public pages appear (opendata.visibility), newest first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from core.kinds import names_where
from core.links import absolute_url, page_url, site_host
from core.text import strip_control_characters
from opendata import listing
from opendata.kinds import BY_SLUG, KINDS, Kind, kind_of
from opendata.visibility import page_id_from_doc_id, public_pages
from search.forms import parse_search_params

SUFFIX = " \N{EN DASH} Council innovation sandbox"
FEED_KINDS = names_where(lambda kind: kind.feed)


def feed_size() -> int:
    return getattr(settings, "FEED_ITEMS", 50)


def _annotate_owners(pages: list[Page]) -> list[Page]:
    """Set `feed_owner` (the council or regional centre above each page) with one query per owner type."""
    prefixes = {p.path[: Page.steplen * i] for p in pages for i in range(1, p.depth)}
    owners: dict[str, str] = {}
    for label in ("councils.CouncilPage", "experiments.RegionalCentrePage"):
        model = apps.get_model(label)
        owners.update(model.objects.filter(path__in=prefixes).values_list("path", "title"))
    area_ids = {area for p in pages if (area := getattr(p, "service_area_id", None)) is not None}
    areas = dict(apps.get_model("councils.ServiceArea").objects.filter(pk__in=area_ids).values_list("pk", "name"))
    for page in pages:
        ancestors = (page.path[: Page.steplen * i] for i in range(page.depth - 1, 0, -1))
        page.feed_owner = next((owners[p] for p in ancestors if p in owners), "")
        area = getattr(page, "service_area_id", None)
        page.feed_service_area = areas.get(area, "") if area is not None else ""
    return pages


def _newest(queryset: Any) -> list[Page]:
    return _annotate_owners(list(queryset.order_by("-first_published_at", "-pk")[: feed_size()]))


class PlainTextAtomFeed(Atom1Feed):
    """Summaries are plain text: `type="html"` tells feed readers to turn escaped text back into live markup."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Strings (and lists of them) without the characters XML cannot carry, whatever was saved before the rule."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return strip_control_characters(value)
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return {key: clean(value) for key, value in values.items()}


class PageFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_feed(self, obj: Any, request: HttpRequest) -> Any:
        # One control character in one page would otherwise make the whole feed a server error.
        feed = super().get_feed(obj, request)
        feed.feed = _plain(feed.feed)
        feed.items = [_plain(item) for item in feed.items]
        return feed

    def item_title(self, item: Page) -> str:
        return item.title

    def item_description(self, item: Page) -> str:
        return getattr(item, "summary", "")

    def item_link(self, item: Page) -> str:
        return page_url(item)

    def item_guid(self, item: Page) -> str:
        # Stable even if the page moves: the tag URI scheme (RFC 4151) with the page id.
        return f"tag:{site_host()},2026:page:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Page) -> Any:
        return item.first_published_at

    def item_updateddate(self, item: Page) -> Any:
        return item.last_published_at

    def item_author_name(self, item: Page) -> str | None:
        return getattr(item, "feed_owner", "") or None

    def item_categories(self, item: Page) -> Iterable[str]:
        kind = kind_of(item)
        return [c for c in (kind.plural_label if kind else "", getattr(item, "feed_service_area", "")) if c]


class KindFeed(PageFeed):
    def get_object(self, request: HttpRequest, plural_slug: str) -> Kind:
        kind = BY_SLUG.get(plural_slug)
        if kind is None or kind.name not in FEED_KINDS:
            raise Http404("No feed for that content type")
        return kind

    def title(self, obj: Kind) -> str:
        return f"{obj.label}{SUFFIX}"

    def subtitle(self, obj: Kind) -> str:
        return f"Newly published {obj.label.lower()} from UK councils and regional centres."

    def link(self, obj: Kind) -> str:
        return absolute_url(f"/search/?kind={obj.name}&sort=newest")

    def feed_url(self, obj: Kind) -> str:
        return absolute_url(reverse("following:kind-feed", args=[obj.plural_slug]))

    def items(self, obj: Kind) -> list[Page]:
        return _newest(public_pages(obj.model))


class _AncestorFeed(PageFeed):
    model_label = ""
    what = ""
    url_name = ""

    def get_object(self, request: HttpRequest, slug: str) -> Page:
        page = public_pages(apps.get_model(self.model_label)).filter(slug=slug).first()
        if page is None:
            raise Http404(f"No {self.what} with that address")
        return page

    def title(self, obj: Page) -> str:
        return f"{obj.title}{SUFFIX}"

    def subtitle(self, obj: Page) -> str:
        return f"Newly published work from {obj.title}."

    def link(self, obj: Page) -> str:
        return page_url(obj)

    def feed_url(self, obj: Page) -> str:
        return absolute_url(reverse(self.url_name, args=[obj.slug]))

    def items(self, obj: Page) -> list[Page]:
        models = [KINDS[k].model for k in FEED_KINDS]
        return _newest(public_pages().descendant_of(obj).type(*models).specific())


class CouncilFeed(_AncestorFeed):
    model_label = "councils.CouncilPage"
    what = "council"
    url_name = "following:council-feed"


class CentreFeed(_AncestorFeed):
    model_label = "experiments.RegionalCentrePage"
    what = "regional centre"
    url_name = "following:centre-feed"


class SearchFeed(PageFeed):
    """Any search, as a feed of its newest matches: /search/feed/?q=bins&region=London."""

    def get_object(self, request: HttpRequest) -> Any:
        params = parse_search_params(request.GET)
        return {"params": params, "querystring": request.GET.urlencode()}

    def title(self, obj: Any) -> str:
        text = obj["params"].query.text
        return f"Search: {text}{SUFFIX}" if text else f"Search{SUFFIX}"

    def subtitle(self, obj: Any) -> str:
        return "Newest matches for this search."

    def feed_url(self, obj: Any) -> str:
        return absolute_url(feed_url_for_search(obj["querystring"]))

    def link(self, obj: Any) -> str:
        return absolute_url(f"/search/?{obj['querystring']}" if obj["querystring"] else "/search/")

    def items(self, obj: Any) -> list[Page]:
        query = dataclasses.replace(
            obj["params"].query, sort="newest", page=1, page_size=feed_size(), with_facets=False
        )
        _, hits = listing.search(query)
        ids = [page_id_from_doc_id(h.id) for h in hits]
        pages = {p.pk: p for p in public_pages().filter(pk__in=ids).specific()}
        return _annotate_owners([pages[i] for i in ids if i in pages])


_search_feed = SearchFeed()


def search_feed(request: HttpRequest) -> HttpResponse:
    """Bad parameters get a 400 with the problems listed, as the search API does, not an empty feed."""
    params = parse_search_params(request.GET)
    if not params.is_valid:
        return JsonResponse(
            {
                "detail": "Check the parameters",
                "errors": [{"parameter": e.parameter, "message": e.message} for e in params.errors],
            },
            status=400,
        )
    return _search_feed(request)


def feed_url_for_search(querystring: str) -> str:
    return reverse("following:search-feed") + (f"?{querystring}" if querystring else "")
