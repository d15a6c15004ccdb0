"""The public "before you start" page: describe a problem, see who has already worked on it.

Join an existing challenge, or post a new one (the admin add page for the user's council, or sign in).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.admin.auth import require_admin_access
from wagtail.models import GroupPagePermission, Page

from challenges.forms import ProblemForm
from core.kinds import names_where
from core.numbers import parse_id
from councils.membership import AnyUser
from councils.models import CouncilIndexPage, CouncilPage
from search import engines
from search.types import Hit

RESULTS_PER_KIND = 5
# Shown in this order, each under its own heading.
KIND_HEADINGS: dict[str, str] = {
    "challenge": "Shared challenges you could join",
    "case_study": "Case studies: work already done",
    "pattern": "Patterns and standards you could reuse",
    "experiment": "Experiments by regional centres",
}


@dataclass(frozen=True)
class PostLink:
    text: str
    url: str


def similar_public_hits(text: str, kinds: tuple[str, ...], limit: int) -> list[Hit]:
    """The engine's most similar content, re-checked as live and public (a stale index cannot leak a draft)."""
    hits = engines.get_engine().similar_to_text(text, limit=limit, kinds=kinds)
    ids = {h.id: parse_id(h.id.removeprefix("page:")) for h in hits if h.id.startswith("page:")}
    public = set(Page.objects.live().public().filter(pk__in=set(ids.values()) - {None}).values_list("pk", flat=True))
    return [h for h in hits if ids.get(h.id) in public]


def post_links(user: AnyUser, next_url: str) -> list[PostLink]:
    """Where this person can post a new challenge: their councils' admin add pages, or sign in first."""
    if not user.is_authenticated:
        return [PostLink("Sign in to post a new challenge", f"{settings.LOGIN_URL}?{urlencode({'next': next_url})}")]
    granted = GroupPagePermission.objects.filter(group__in=user.groups.all(), permission__codename="add_page").values(
        "page"
    )
    councils = CouncilPage.objects.filter(pk__in=granted).order_by("title")
    links = [
        PostLink(
            f"Post a new challenge for {c.title}",
            reverse("wagtailadmin_pages:add", args=("challenges", "challengepage", c.pk)),
        )
        for c in councils
    ]
    if not links and user.has_perm("wagtailadmin.access_admin"):
        index = CouncilIndexPage.objects.first()
        if index is not None:
            links.append(
                PostLink("Choose a council to post a new challenge", reverse("wagtailadmin_explore", args=(index.pk,)))
            )
    return links


def before_you_start(request: HttpRequest) -> HttpResponse:
    form = ProblemForm(request.GET)
    groups: list[dict[str, object]] = []
    if form.is_valid():
        # One call per kind, so a crowd of case studies cannot push every challenge off the page.
        for kind, heading in KIND_HEADINGS.items():
            of_kind = similar_public_hits(form.cleaned_data["problem"], (kind,), limit=RESULTS_PER_KIND)
            if of_kind:
                groups.append({"kind": kind, "heading": heading, "hits": of_kind})
    context = {
        "form": form,
        "searched": form.is_valid(),
        "groups": groups,
        "post_links": post_links(request.user, request.get_full_path()),
    }
    return render(request, "challenges/before_you_start.html", context, status=400 if form.errors else 200)


# The admin panel (challenges/panels.py) on challenge and case study edit forms.
SIMILAR_KINDS = names_where(lambda kind: kind.similar)
SIMILAR_LIMIT = 6
MAX_SIMILAR_TEXT = 1000
MIN_SIMILAR_TEXT = 3


@require_admin_access
def similar_content_json(request: HttpRequest) -> JsonResponse:
    """?title=&summary=&exclude=<page id> -> the most similar live, public content, for the edit form panel."""
    text = " ".join(f"{request.GET.get('title', '')} {request.GET.get('summary', '')}".split())[:MAX_SIMILAR_TEXT]
    exclude = f"page:{request.GET.get('exclude', '')}"
    if len(text) < MIN_SIMILAR_TEXT:
        return JsonResponse({"results": []})
    hits = [h for h in similar_public_hits(text, SIMILAR_KINDS, limit=SIMILAR_LIMIT + 1) if h.id != exclude]
    fields = ("title", "url", "kind", "council", "stage", "summary")
    return JsonResponse({"results": [{f: getattr(h, f) for f in fields} for h in hits[:SIMILAR_LIMIT]]})
