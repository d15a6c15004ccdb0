"""Panel for the pattern page template: `{% load adoption_tags %}{% pattern_adoption page %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from councils.membership import council_for
from patterns.dashboard import build_dashboard
from patterns.models import PatternPage
from patterns.services import can_record_for

register = template.Library()


@register.inclusion_tag("patterns/includes/adoption_summary.html", takes_context=True)
def pattern_adoption(context: template.Context, pattern: PatternPage) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    council = council_for(user)
    data = build_dashboard(pattern_ids=[pattern.pk])
    # A draft or private pattern has no public figures (build_dashboard only counts live, public patterns).
    item = data.patterns[0] if data.patterns else None
    return {
        "pattern": pattern,
        "item": item,
        "target": data.target,
        "criteria": list(pattern.criteria.all()),
        "user_council": council,
        "can_record": item is not None and council is not None and can_record_for(user, council),
    }
