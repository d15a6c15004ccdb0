"""`{% load upkeep_tags %}{% content_upkeep page %}`: the dormant notice and, for owners, the confirm button;
`{% confirmation page as confirmation %}`: when the page was confirmed and whether it may be out of date."""

from __future__ import annotations

from typing import Any

from django import template

from core.pages import ContentPage, confirmed_on, may_be_out_of_date
from upkeep.services import can_confirm

register = template.Library()


@register.inclusion_tag("upkeep/content_upkeep.html", takes_context=True)
def content_upkeep(context: template.Context, page: ContentPage) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "page": page,
        "confirmed_on": confirmed_on(page),
        "dormant": bool(getattr(page, "is_dormant", False)),
        "can_confirm": user is not None and can_confirm(user, page),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def confirmation(page: ContentPage) -> dict[str, Any]:
    return {"on": confirmed_on(page), "out_of_date": may_be_out_of_date(page)}
