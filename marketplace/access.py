"""Who may see and change marketplace data. One place, so views, templates and tests agree.

- The public sees which products councils use; never contract dates, costs, satisfaction or notes.
- Any signed-in council member (councils.membership.council_for) sees those private details, for every council:
  comparing contract end dates across councils is the point of joint procurement.
- Only a council's editors (and site admins) change its register.
- Regional centre curators see every buying group that has a member council in their centre's regions.
  (A curator is whoever may edit the centre's page, as in docs/adr/0002.)
- The public sees an average or count derived from private details only when at least
  MIN_COUNCILS_FOR_PUBLIC_FIGURES councils contribute to it: with one, the average is that council's own rating.
"""

from __future__ import annotations

from django.db.models import QuerySet

from councils.membership import AnyUser, council_for, is_council_editor
from councils.models import CouncilPage, Region

MIN_COUNCILS_FOR_PUBLIC_FIGURES = 3


def can_see_private(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or council_for(user) is not None)


def can_edit_register(user: AnyUser, council: CouncilPage) -> bool:
    return user.is_authenticated and (user.is_superuser or is_council_editor(user, council))


def curator_regions(user: AnyUser) -> QuerySet[Region]:
    """Regions covered by the regional centres this user may edit (their groups' page permissions, not group names)."""
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.filter(
        regional_centres__group_permissions__group__user=user,
        regional_centres__group_permissions__permission__codename="change_page",
    ).distinct()


def can_see_buying_groups(user: AnyUser) -> bool:
    return can_see_private(user) or curator_regions(user).exists()
