"""Operations on regional centres."""

from __future__ import annotations

from django.contrib.auth.models import Group

from councils.services import grant_access
from experiments.models import RegionalCentrePage

CURATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def curators_group_name(centre: RegionalCentrePage) -> str:
    return f"Centre curators: {centre.title}"


def ensure_curators_group(centre: RegionalCentrePage) -> Group:
    """A group whose members manage only this centre's experiments and collections."""
    group, _ = Group.objects.get_or_create(name=curators_group_name(centre))
    grant_access([(group, centre)], CURATOR_PAGE_PERMISSIONS)
    return group
