"""Who may see and change marketplace data. One place, so views, templates and tests agree.

- The public sees which products councils use; never contract dates, costs, satisfaction or notes.
- Any signed-in council member (councils.membership.council_for) sees those private details, for every council:
  comparing contract end dates across councils is the point of joint procurement.
- Only a council's editors (and site admins) change its register.
- Regional centre curators see every buying group that has a member council in their centre's regions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from councils.membership import AnyUser, council_for, is_council_editor
from councils.models import CouncilPage, Region

CURATORS_GROUP_PREFIX = "Centre curators: "


def can_see_private(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or council_for(user) is not None)


def can_edit_register(user: AnyUser, council: CouncilPage) -> bool:
    return user.is_authenticated and (user.is_superuser or is_council_editor(user, council))


def curator_regions(user: AnyUser) -> QuerySet[Region]:
    """Regions covered by the regional centres whose curators group this user is in."""
    if not user.is_authenticated:
        return Region.objects.none()
    names = [
        n.removeprefix(CURATORS_GROUP_PREFIX)
        for n in user.groups.filter(name__startswith=CURATORS_GROUP_PREFIX).values_list("name", flat=True)
    ]
    return Region.objects.filter(regional_centres__title__in=names).distinct()


def can_see_buying_groups(user: AnyUser) -> bool:
    return can_see_private(user) or curator_regions(user).exists()
