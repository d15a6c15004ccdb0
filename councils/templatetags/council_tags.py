"""The council profile sections: `{% load council_tags %}{% council_profile page %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from councils.membership import can_manage_members
from councils.models import CouncilPage

register = template.Library()


@register.inclusion_tag("councils/includes/council_profile.html", takes_context=True)
def council_profile(context: template.Context, council: CouncilPage) -> dict[str, Any]:
    challenge_model = apps.get_model("challenges", "ChallengePage")
    interest_model = apps.get_model("challenges", "ChallengeInterest")
    adoption_model = apps.get_model("patterns", "AdoptionRecord")
    pattern_model = apps.get_model("patterns", "PatternPage")
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()

    public_challenges = challenge_model.objects.live().public()
    # The council page template lists everything the council published; this adds the collaboration view of it.
    most_interested = list(
        public_challenges.descendant_of(council)
        .annotate(interest_count=challenge_model.partner_count())
        .filter(interest_count__gt=0)
        .order_by("-interest_count", "title")[:5]
    )
    joined = list(
        interest_model.objects.filter(council=council, challenge__in=public_challenges)
        .select_related("challenge")
        .order_by("challenge__title")
    )
    adoptions = list(
        adoption_model.objects.filter(council=council, pattern__in=pattern_model.objects.live().public())
        .select_related("pattern")
        .order_by("pattern__title")
    )
    return {
        "council": council,
        "most_interested": most_interested,
        "joined": joined,
        "adoptions": adoptions,
        "can_manage_members": can_manage_members(user, council),
        "request": request,
    }
