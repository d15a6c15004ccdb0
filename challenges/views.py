"""Registering and withdrawing a council's interest in a shared challenge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from challenges import services
from challenges.forms import InterestForm
from challenges.models import ChallengeInterest, ChallengePage
from councils.membership import council_for


@login_required
@require_http_methods(["GET", "POST"])
def register_interest(request: HttpRequest, challenge_id: int) -> HttpResponse:
    challenge = get_object_or_404(ChallengePage.objects.live().public(), pk=challenge_id)
    council = council_for(request.user)
    if council is None:
        raise PermissionDenied("Only members of a council can register interest. Ask your council's editors.")
    if services.owner_of(challenge) == council:
        context = {"challenge": challenge, "council": council, "refusal": services.own_challenge_message(council)}
        return render(request, "challenges/interest_form.html", context, status=403)
    existing = ChallengeInterest.objects.filter(challenge=challenge, council=council).first()
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_interest(
                request.user, challenge, form.cleaned_data["role"], form.pledge(), form.cleaned_data["note"]
            )
        except services.InterestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{council.title}'s interest in this challenge has been registered.")
            return redirect(challenge.url)
    return render(
        request,
        "challenges/interest_form.html",
        {"challenge": challenge, "council": council, "form": form, "existing": existing},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def withdraw_interest(request: HttpRequest, interest_id: int) -> HttpResponse:
    interest = get_object_or_404(ChallengeInterest.objects.select_related("challenge", "council"), pk=interest_id)
    services.withdraw_interest(request.user, interest)
    messages.success(request, f"{interest.council.title}'s interest has been withdrawn.")
    return redirect(interest.challenge.url or "/")
