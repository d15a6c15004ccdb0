"""Council accounts: which council a signed-in user works for, and who may manage that.

A user belongs to one council through a `CouncilMembership`. Members of a council's editors group are council staff
too, so an editor without a membership record still counts as a member of the one council whose group they are in.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from councils.models import CouncilMembership, CouncilPage

EDITORS_GROUP_PREFIX = "Council editors: "
_GSS_IN_GROUP_NAME = re.compile(r"\(([A-Z0-9]{9})\)$")

# Who a request can come from: a signed-in user or the anonymous visitor (the project uses Django's own User).
AnyUser = User | AnonymousUser


class MembershipError(ValueError):
    """A membership change that cannot be made (shown to the user as a plain message)."""


def editors_group(council: CouncilPage) -> Group | None:
    """The council's editors group, if it has been created (councils.services.ensure_editors_group makes it)."""
    return Group.objects.filter(name__startswith=EDITORS_GROUP_PREFIX, name__endswith=f"({council.gss_code})").first()


def _editor_gss_codes(user: AnyUser) -> list[str]:
    names = user.groups.filter(name__startswith=EDITORS_GROUP_PREFIX).values_list("name", flat=True)
    return [m.group(1) for m in (_GSS_IN_GROUP_NAME.search(n) for n in names) if m]


def council_for(user: AnyUser) -> CouncilPage | None:
    """The one council this user works for, or None (anonymous, or no council)."""
    if not user.is_authenticated:
        return None
    if hasattr(user, "_council_for_cache"):
        return user._council_for_cache
    membership = CouncilMembership.objects.filter(user=user).select_related("council").first()
    council = membership.council if membership else None
    if council is None:
        codes = _editor_gss_codes(user)
        # Only an unambiguous editor counts: someone editing for several councils must be given a membership.
        if len(codes) == 1:
            council = CouncilPage.objects.filter(gss_code=codes[0]).first()
    # Kept on this user object, so a request asks once however many checks it makes.
    user.__dict__["_council_for_cache"] = council
    return council


def is_member(user: AnyUser, council: CouncilPage) -> bool:
    found = council_for(user)
    return found is not None and found.pk == council.pk


def is_council_editor(user: AnyUser, council: CouncilPage) -> bool:
    return user.is_authenticated and council.gss_code in _editor_gss_codes(user)


def can_manage_members(user: AnyUser, council: CouncilPage) -> bool:
    """Site admins manage every council's members; a council's editors manage their own council's."""
    return user.is_authenticated and (user.is_superuser or is_council_editor(user, council))


def _other_council(user: User, council: CouncilPage) -> CouncilPage | None:
    """Another council the user already belongs to: by a membership record or through its editors group."""
    existing = CouncilMembership.objects.filter(user=user).exclude(council=council).select_related("council").first()
    if existing is not None:
        return existing.council
    codes = [code for code in _editor_gss_codes(user) if code != council.gss_code]
    return CouncilPage.objects.filter(gss_code__in=codes).order_by("title").first()


@transaction.atomic
def add_member(actor: AnyUser, council: CouncilPage, user: User) -> CouncilMembership:
    if not actor.is_authenticated or not can_manage_members(actor, council):
        raise PermissionDenied("You cannot manage this council's members.")
    existing = CouncilMembership.objects.select_for_update().filter(user=user).first()
    if existing is not None and existing.council_id == council.pk:
        raise MembershipError(f"{user.get_username()} is already a member of {council.title}.")
    other = _other_council(user, council)
    if other is not None and not actor.is_superuser:
        # Moving someone away from another council is that council's business, so only site admins may.
        raise MembershipError(f"{user.get_username()} belongs to {other.title}. Ask a site administrator to move them.")
    if existing is not None:
        existing.council = council
        existing.added_by = actor
        existing.save(update_fields=["council", "added_by"])
        return existing
    return CouncilMembership.objects.create(user=user, council=council, added_by=actor)


@transaction.atomic
def remove_member(actor: AnyUser, council: CouncilPage, user: User) -> None:
    if not can_manage_members(actor, council):
        raise PermissionDenied("You cannot manage this council's members.")
    deleted, _ = CouncilMembership.objects.filter(user=user, council=council).delete()
    if not deleted:
        raise MembershipError(f"{user.get_username()} is not a member of {council.title}.")


def staff_emails(council: CouncilPage) -> list[str]:
    """Email addresses of the council's editors and members (the owners of its content), sorted, no blanks."""
    group = editors_group(council)
    users = User.objects.filter(is_active=True).exclude(email="")
    editors = set(users.filter(groups=group).values_list("email", flat=True)) if group else set()
    members = set(users.filter(council_membership__council=council).values_list("email", flat=True))
    return sorted(editors | members)
