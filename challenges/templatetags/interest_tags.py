"""Challenge panels: `{% load interest_tags %}{% challenge_interest page %}`, `{% most_interested_challenges %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from challenges.forms import InterestForm
from challenges.models import ChallengePage, ChallengeStatus
from challenges.services import interest_summary, most_interested, own_challenge_message, owner_of
from councils.membership import council_for, staff_emails
from councils.models import CouncilPage

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


@register.inclusion_tag("challenges/includes/interest_panel.html", takes_context=True)
def challenge_interest(context: template.Context, challenge: ChallengePage) -> dict[str, Any]:
    user = _user(context)
    council = council_for(user)
    summary = interest_summary(challenge)
    interests = [i for _, group in summary.by_role for i in group]
    # Contact details are for council staff only: the public sees who is interested, not how to reach them.
    show_contacts = council is not None or user.is_superuser
    owner = owner_of(challenge)
    return {
        "challenge": challenge,
        "summary": summary,
        "status_steps": ChallengeStatus.choices,
        "user": user,
        "user_council": council,
        "own_challenge": own_challenge_message(council) if council is not None and council == owner else "",
        "user_interest": next((i for i in interests if council and i.council_id == council.pk), None),
        "show_contacts": show_contacts,
        "owner_contacts": staff_emails(owner) if show_contacts and owner else [],
        "form": InterestForm(),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("challenges/includes/most_interested.html", takes_context=True)
def most_interested_challenges(
    context: template.Context, council: CouncilPage | None = None, limit: int = 5
) -> dict[str, Any]:
    heading = (
        "Challenges with the most councils interested"
        if council is None
        else f"{council.title}'s challenges with the most councils interested"
    )
    return {
        "challenges": list(most_interested(limit=limit, owner=council)),
        "heading": heading,
        "request": context.get("request"),
    }
