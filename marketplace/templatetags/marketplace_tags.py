from django import template

from councils.models import CouncilPage
from marketplace import access

register = template.Library()


@register.inclusion_tag("marketplace/includes/council_register_section.html", takes_context=True)
def council_register(context: template.Context, council: CouncilPage) -> dict[str, object]:
    """The council page's systems register section; private columns only for signed-in council staff."""
    request = context["request"]
    return {
        "request": request,
        "council": council,
        "systems": council.systems.select_related("service_area", "product", "product__supplier"),
        "show_private": access.can_see_private(request.user),
        "can_edit": access.can_edit_register(request.user, council),
    }
