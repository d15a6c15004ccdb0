"""People: site users, council staff (members and editors) and regional centres' curators."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from councils.membership import editors_group
from councils.models import CouncilMembership, CouncilPage
from experiments.models import RegionalCentrePage
from experiments.services import ensure_curators_group


def make_user(username: str, **fields: Any) -> User:
    fields.setdefault("email", f"{username}@example.gov.uk")
    return User.objects.create_user(username=username, password="pw-" + username, **fields)


def member_of(council: CouncilPage, username: str) -> User:
    user = make_user(username)
    CouncilMembership.objects.create(user=user, council=council)
    return user


def editor_of(council: CouncilPage, username: str) -> User:
    user = make_user(username)
    user.groups.add(editors_group(council))
    return user


def curator_of(centre: RegionalCentrePage, username: str) -> User:
    user = make_user(username)
    user.groups.add(ensure_curators_group(centre))
    return user
