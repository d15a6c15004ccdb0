"""Whole-response cache for anonymous visitors: public pages, the search page and the search API.

Why: rendering a content page costs tens of milliseconds of CPU (tree lookups, related content, panels); under 50
concurrent connections on two cores that becomes seconds of queueing. Most visitors are anonymous and see the same
bytes, so those responses are stored and replayed.

What is cached (opt-in, never by default):
- Wagtail pages whose `before_serve_page` hook found no view restriction on the page or an ancestor
  (pagecache/wagtail_hooks.py), and the views named in `settings.PAGE_CACHE_VIEWS`.
- Only GET and HEAD, only status 200, only for requests with no session or messages cookie, and only when the
  response sets no cookie (a CSRF token is a cookie) and carries no form token.
Previews, admin, POST, signed-in members and private pages therefore never reach the cache.

Invalidation: the key includes a generation token kept in the database (`PageCacheGeneration`). Saving or deleting
any model that public pages show, publishing, unpublishing, moving a page and a privacy change replace the token
inside the same transaction, so no process serves an old page after the change commits; each batch of search index
changes replaces it once the engine has them (`search.indexing.index_updated`). `settings.PAGE_CACHE_SECONDS` is
the safety net for writes that bypass signals (bulk `update()`).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from core.kinds import app_labels
from core.pages import page_confirmed
from pagecache.models import PageCacheGeneration
from search import analytics
from search.analytics import counts_as_search, normalise_term
from search.forms import PAGE_SIZE, parse_search_params
from search.indexing import index_updated
from search.models import DailySearchTerm

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
KEY_PREFIX = "page-cache"
# Marker set by the before_serve_page hook (or by the view name check) that a response may be shared.
SHAREABLE = "_page_cache_shareable"
HIT_HEADER = "X-Page-Cache"
FORM_TOKEN = b"csrfmiddlewaretoken"
# Response headers worth replaying; cookies are never stored (responses that set one are not cached at all).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Link", "Cache-Control")

# Apps whose every model may appear on a public page.
CONTENT_APPS = ("sandbox_site", *app_labels())
# Models outside those apps that public pages or search results show.
ALSO_SHOWN = (
    "wagtailcore.pageviewrestriction",
    "wagtailcore.site",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.searchpromotion",
    "search.glossaryentry",
)


# --- the generation token ------------------------------------------------------------------------------------------


def current_generation() -> str:
    """The token for keys; creates the row on first use (a fresh token, so no stale entry can match)."""
    token = PageCacheGeneration.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is not None:
        return token
    try:
        with transaction.atomic():
            return PageCacheGeneration.objects.create(pk=1, token=secrets.token_hex(16)).token
    except IntegrityError:  # another request created it first
        return PageCacheGeneration.objects.values_list("token", flat=True).get(pk=1)


def bump_generation() -> None:
    """Make every cached response stale. Runs inside the caller's transaction, so it commits with the change."""
    token = secrets.token_hex(16)
    if not PageCacheGeneration.objects.filter(pk=1).update(token=token):
        try:
            with transaction.atomic():
                PageCacheGeneration.objects.create(pk=1, token=token)
        except IntegrityError:
            PageCacheGeneration.objects.filter(pk=1).update(token=token)


def _shown_models() -> frozenset[type[models.Model]]:
    shown = {m for label in CONTENT_APPS for m in apps.get_app_config(label).get_models()}
    shown |= {apps.get_model(label) for label in ALSO_SHOWN}
    return frozenset(shown)


_shown: frozenset[type[models.Model]] | None = None


def _on_model_change(sender: type[models.Model], **kwargs: Any) -> None:
    global _shown
    if _shown is None:
        _shown = _shown_models()
    if sender in _shown or issubclass(sender, Page):
        bump_generation()


def _on_index_updated(sender: object, **kwargs: Any) -> None:
    # Queued index changes reached the engine: search results have just changed (one bump per batch, not per row).
    bump_generation()


def _on_page_event(sender: type, **kwargs: Any) -> None:
    # Moves update the tree with queryset updates (no post_save); unpublish is covered twice for safety.
    bump_generation()


def connect() -> None:
    """Called from PageCacheConfig.ready()."""
    post_save.connect(_on_model_change, dispatch_uid="page_cache_saved")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_deleted")
    index_updated.connect(_on_index_updated, dispatch_uid="page_cache_index_updated")
    post_page_move.connect(_on_page_event, dispatch_uid="page_cache_page_moved")
    page_unpublished.connect(_on_page_event, dispatch_uid="page_cache_page_unpublished")
    # Confirming stores the date with update() (no post_save), and cached copies of the page show it.
    page_confirmed.connect(_on_page_event, dispatch_uid="page_cache_page_confirmed")


# --- which requests and responses may be shared --------------------------------------------------------------------


def mark_shareable(request: HttpRequest) -> None:
    setattr(request, SHAREABLE, True)


def page_is_public(page: Page) -> bool:
    """No view restriction (login, group or password) on the page or any ancestor."""
    return not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def request_is_anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def may_look_up(request: HttpRequest) -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD") and request_is_anonymous(request)


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view_opted_in = match is not None and match.view_name in settings.PAGE_CACHE_VIEWS
    return (
        (getattr(request, SHAREABLE, False) or view_opted_in)
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and FORM_TOKEN not in response.content
    )


def cache_key(request: HttpRequest, generation: str) -> str:
    # HEAD shares GET's entry; the host and scheme keep sites and http/https apart.
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{KEY_PREFIX}:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


# --- replaying side effects of a cached view ----------------------------------------------------------------------


@dataclass
class Entry:
    content: bytes
    headers: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)


def _search_counted(request: HttpRequest, *, api: bool) -> tuple[str, bool]:
    """The text of a search and whether the view counted it in analytics (search.analytics decides for both)."""
    params = parse_search_params(request.GET, allow_page_size=api)
    valid = params.is_valid if api else params.text_is_valid  # the page ignores other unusable parameters
    return params.query.text, valid and counts_as_search(params.query, max_page_size=PAGE_SIZE if api else None)


def _remember_search_total(request: HttpRequest, api: bool) -> dict[str, Any]:
    """After a miss: the result count the view just recorded, so a hit can count the search the same way."""
    text, counted = _search_counted(request, api=api)
    if not counted:
        return {}
    total = (
        DailySearchTerm.objects.filter(term=normalise_term(text))
        .order_by("-date")
        .values_list("last_result_count", flat=True)
        .first()
    )
    return {"search": [text, total]} if total is not None else {}


def _count_cached_search(request: HttpRequest, entry: Entry) -> None:
    if "search" in entry.extra:
        text, total = entry.extra["search"]
        analytics.record_search(text, total)


@dataclass(frozen=True)
class SideEffects:
    on_miss: Callable[[HttpRequest], dict[str, Any]]
    on_hit: Callable[[HttpRequest, Entry], None]


# Views whose work is more than a response: a hit replays it (search analytics count every search).
SIDE_EFFECTS = {
    "search:search": SideEffects(lambda r: _remember_search_total(r, api=False), _count_cached_search),
    "api-v1:search": SideEffects(lambda r: _remember_search_total(r, api=True), _count_cached_search),
}


# --- the middleware -----------------------------------------------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Serves stored responses to anonymous GET/HEAD requests and stores shareable ones. See the module docstring."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_look_up(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = cache_key(request, current_generation())
        try:
            entry = cache.get(key)
        except Exception as error:  # noqa: BLE001 - an unreachable cache service must not take the site down
            logger.warning("Page cache unavailable, rendering instead: %s", error)
            return self.get_response(request)
        if isinstance(entry, Entry):
            return self._replay(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and may_store(request, response):
            match = request.resolver_match
            effects = SIDE_EFFECTS.get(match.view_name) if match else None
            extra = {"view": match.view_name, **effects.on_miss(request)} if match and effects else {}
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            try:
                cache.set(key, Entry(response.content, headers, extra), settings.PAGE_CACHE_SECONDS)
            except Exception as error:  # noqa: BLE001 - as above: the rendered response is still good
                logger.warning("Page cache unavailable, response not stored: %s", error)
                return response
            response[HIT_HEADER] = "miss"
        return response

    def _replay(self, request: HttpRequest, entry: Entry) -> HttpResponse:
        response = HttpResponse(b"" if request.method == "HEAD" else entry.content, status=200)
        for name, value in entry.headers.items():
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(entry.content))
        effects = SIDE_EFFECTS.get(entry.extra.get("view", ""))
        if effects:
            effects.on_hit(request, entry)
        response[HIT_HEADER] = "hit"
        return response
