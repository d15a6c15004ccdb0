"""The council profile sections: `{% load council_tags %}{% council_profile page %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count

from councils.membership import can_manage_members
from councils.models import CouncilPage

register = template.Library()


@register.inclusion_tag("councils/includes/council_profile.html", takes_context=True)
def council_profile(context: template.Context, council: CouncilPage) -> dict[str, Any]:
    challenge_model = apps.get_model("challenges", "ChallengePage")
    case_study_model = apps.get_model("challenges", "CaseStudyPage")
    interest_model = apps.get_model("challenges", "ChallengeInterest")
    experiment_model = apps.get_model("experiments", "ExperimentPage")
    adoption_model = apps.get_model("patterns", "AdoptionRecord")
    pattern_model = apps.get_model("patterns", "PatternPage")
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()

    public_challenges = challenge_model.objects.live().public()
    own_challenges = list(
        public_challenges.descendant_of(council).annotate(interest_count=Count("interests")).order_by("title")
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
        "challenges": own_challenges,
        "most_interested": sorted(
            (c for c in own_challenges if c.interest_count), key=lambda c: (-c.interest_count, c.title)
        )[:5],
        "case_studies": list(case_study_model.objects.live().public().descendant_of(council).order_by("title")),
        "joined": joined,
        "experiments": list(
            experiment_model.objects.live().public().filter(participating_councils=council).order_by("title")
        ),
        "adoptions": adoptions,
        "can_manage_members": can_manage_members(user, council),
        "request": request,
    }
