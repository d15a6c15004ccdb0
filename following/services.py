"""Saved searches and their email digests. Views, the management command and tests all call these."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.links import site_base_url
from following.models import SavedSearch
from opendata import listing
from opendata.visibility import page_id_from_doc_id, public_pages
from search.forms import FACET_LABELS, KIND_LABELS, SearchParams, parse_search_params

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 50
# Matches looked at per saved search per digest, newest first.
DIGEST_CANDIDATES = 100


class SavedSearchError(ValueError):
    """A saved search that cannot be made; the message is for the user."""


def canonical_query(params: SearchParams) -> str:
    """The search's text and filters as a stable query string (no page or sort: those are not the search)."""
    data = QueryDict(mutable=True)
    for key, values in params.selected.items():
        for value in values:
            data.appendlist(key, value)
    return data.urlencode()


def default_name(params: SearchParams) -> str:
    """A readable name from the search's words and filters: “damp and mould” in case studies; Region: London."""
    filters = dict(params.query.filters)
    kinds = " or ".join(_plural(KIND_LABELS.get(k, k)).lower() for k in filters.pop("kind", ()))
    head = f"“{params.query.text}”" if params.query.text else ""
    if kinds:
        head = f"{head} in {kinds}" if head else kinds[:1].upper() + kinds[1:]
    parts = [head] if head else []
    parts += [f"{FACET_LABELS.get(name, name)}: {' or '.join(values)}" for name, values in filters.items() if values]
    return ("; ".join(parts) or "All content")[:100]


def _plural(label: str) -> str:
    """'Case study' -> 'Case studies', 'Pattern' -> 'Patterns' (the kinds' labels are singular)."""
    if label.endswith("y") and label[-2:-1] not in ("a", "e", "o", "u"):
        return label[:-1] + "ies"
    return label + "s"


def save_search(user: User, querystring: str, name: str = "") -> SavedSearch:
    params = parse_search_params(QueryDict(querystring))
    if not params.is_valid:
        raise SavedSearchError(params.errors[0].message)
    query = canonical_query(params)
    if not query:
        raise SavedSearchError("Enter search terms or choose a filter before saving a search")
    existing = SavedSearch.objects.filter(user=user, query=query).first()
    if existing is not None:
        raise SavedSearchError(f"You have already saved this search: {existing.name}")
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchError(f"You can save up to {MAX_SAVED_SEARCHES} searches. Remove one to save another")
    saved = SavedSearch(user=user, name=" ".join(name.split())[:100] or default_name(params), query=query)
    try:
        saved.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise SavedSearchError(error.messages[0]) from None
    saved.save()
    return saved


def delete_saved_search(user: User, pk: int) -> None:
    """Only the owner can delete; anyone else gets DoesNotExist (a 404: we do not confirm it exists)."""
    SavedSearch.objects.get(pk=pk, user=user).delete()


def new_matches(saved: SavedSearch, until: datetime) -> list[Page]:
    """Live, public pages matching the search, first published after the last digest and up to `until`."""
    params = parse_search_params(QueryDict(saved.query))
    if not params.is_valid:
        logger.warning("Saved search %s no longer parses: %s", saved.pk, params.errors)
        return []
    query = dataclasses.replace(params.query, sort="newest", page=1, page_size=DIGEST_CANDIDATES, with_facets=False)
    _, hits = listing.search(query)
    ids = [page_id_from_doc_id(h.id) for h in hits]
    pages = {
        p.pk: p
        for p in public_pages()
        .filter(pk__in=ids, first_published_at__gt=saved.last_sent, first_published_at__lte=until)
        .specific()
    }
    return [pages[i] for i in ids if i in pages]


@dataclass
class AlertSummary:
    users: int = 0
    searches: int = 0
    emails: int = 0
    matches: int = 0
    failed: int = 0


def send_saved_search_alerts(now: datetime | None = None) -> AlertSummary:
    """One digest email per user with new matches; running it again sends nothing new (idempotent).

    `last_sent` moves forward only after the user's email is sent, so a failed send loses nothing.
    """
    now = now or timezone.now()
    summary = AlertSummary()
    searches = SavedSearch.objects.filter(user__is_active=True).exclude(user__email="").select_related("user")
    by_user: dict[int, list[SavedSearch]] = {}
    for saved in searches.order_by("user_id", "name", "pk"):
        by_user.setdefault(saved.user_id, []).append(saved)
    for user_searches in by_user.values():
        user = user_searches[0].user
        summary.users += 1
        sections = []
        for saved in user_searches:
            summary.searches += 1
            matches = new_matches(saved, now)
            if matches:
                sections.append({"search": saved, "pages": matches, "url": f"/search/?{saved.query}"})
                summary.matches += len(matches)
        if sections:
            context = {
                "user": user,
                "sections": sections,
                "base_url": site_base_url(),
                "manage_url": reverse("following:saved-searches"),
            }
            try:
                send_mail(
                    subject="New matches for your saved searches",
                    message=render_to_string("following/email/digest.txt", context),
                    from_email=None,
                    recipient_list=[user.email],
                    html_message=render_to_string("following/email/digest.html", context),
                )
            except Exception:
                logger.exception("Saved search digest to user %s failed; it will be retried next run", user.pk)
                summary.failed += 1
                continue
            summary.emails += 1
        with transaction.atomic():
            SavedSearch.objects.filter(pk__in=[s.pk for s in user_searches]).update(last_sent=now)
    return summary
