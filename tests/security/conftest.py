"""Users and content for the security tests: two councils' editors and two regional centres' curators."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from councils.services import ensure_editors_group
from experiments.services import ensure_curators_group
from tests.security import builders


def _user(username: str, *groups: Group, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.gov.uk", "correct-horse-battery", is_superuser=superuser
    )
    user.groups.add(*groups)
    return user


@pytest.fixture
def superuser(db: Any) -> User:
    return _user("site-admin", superuser=True)


@pytest.fixture
def tenancy(councils: dict[str, Any]) -> dict[str, Any]:
    """Leeds and Bristol editors, two centres' curators, and content each of them owns."""
    leeds, bristol = councils["Leeds"], councils["City of Bristol"]
    north = builders.regional_centre("Northern innovation centre", ["Yorkshire and The Humber"])
    west = builders.regional_centre("Western innovation centre", ["South West"])
    return {
        "leeds": leeds,
        "bristol": bristol,
        "north": north,
        "west": west,
        "leeds_editor": _user("leeds-editor", ensure_editors_group(leeds)),
        "bristol_editor": _user("bristol-editor", ensure_editors_group(bristol)),
        "north_curator": _user("north-curator", ensure_curators_group(north)),
        "west_curator": _user("west-curator", ensure_curators_group(west)),
        "leeds_study": builders.case_study(leeds, "Leeds waste sensors"),
        "bristol_study": builders.case_study(bristol, "Bristol waste app"),
        "bristol_challenge": builders.challenge(bristol, "Bristol fly-tipping"),
        "north_experiment": builders.experiment(north, "Northern route trial"),
        "west_experiment": builders.experiment(west, "Western route trial"),
    }


def client_for(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client
