"""Saved searches for the local editor sign-ins, so `send_saved_search_alerts` has something to send."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import QueryDict

from demo.base import DemoContext
from following.models import SavedSearch
from following.services import canonical_query
from search.forms import parse_search_params

# (username, name, search query string)
SAVED_SEARCHES = [
    ("leeds-editor", "Bin collections", "q=bin+collections"),
    ("leeds-editor", "SEND transport in Yorkshire", "q=SEND+transport&region=Yorkshire+and+The+Humber"),
    ("bristol-editor", "Housing case studies", "kind=case_study&service_area=Housing"),
]


def run(demo: DemoContext) -> None:
    if not settings.DEBUG:
        demo.write("  Saved searches: skipped (DEBUG is off)")
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in={s[0] for s in SAVED_SEARCHES})}
    created = 0
    for username, name, querystring in SAVED_SEARCHES:
        if username not in users:
            continue
        query = canonical_query(parse_search_params(QueryDict(querystring)))
        _, was_created = SavedSearch.objects.get_or_create(user=users[username], query=query, defaults={"name": name})
        created += was_created
    demo.write(f"  Saved searches: {created} created ({len(SAVED_SEARCHES) - created} already there)")
