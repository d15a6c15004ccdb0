"""Saved searches: list, save and remove (signed-in users, each sees and changes only their own)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from following.feeds import feed_url_for_search
from following.models import SavedSearch
from following.services import SavedSearchError, delete_saved_search, save_search


class SignedInRequest(HttpRequest):
    """A request that login_required has let through, so its user is signed in."""

    user: User


@login_required
def saved_searches(request: SignedInRequest) -> HttpResponse:
    searches = [
        {"search": s, "results_url": f"/search/?{s.query}", "feed_url": feed_url_for_search(s.query)}
        for s in SavedSearch.objects.filter(user=request.user)
    ]
    return render(request, "following/saved_searches.html", {"searches": searches})


@login_required
@require_POST
def save(request: SignedInRequest) -> HttpResponse:
    querystring = request.POST.get("query", "")
    try:
        saved = save_search(request.user, querystring, request.POST.get("name", ""))
    except SavedSearchError as error:
        return render(
            request,
            "following/save_failed.html",
            {"error": str(error), "back_url": f"/search/?{querystring}" if querystring else "/search/"},
            status=400,
        )
    messages.success(request, f"Search saved: {saved.name}. We will email you when new matches are published.")
    return redirect("following:saved-searches")


@login_required
@require_POST
def delete(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        delete_saved_search(request.user, pk)
    except SavedSearch.DoesNotExist:
        raise Http404("No saved search with that number") from None
    messages.success(request, "Saved search removed.")
    return redirect("following:saved-searches")
