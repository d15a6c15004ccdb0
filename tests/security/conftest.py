"""Users and content for the security tests: two councils' editors and two regional centres' curators."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import content as make
from tests.factories.people import curator_of, editor_of, make_user


@pytest.fixture
def superuser(db: Any) -> User:
    return make_user("site-admin", is_superuser=True)


@pytest.fixture
def tenancy(councils: dict[str, Any]) -> dict[str, Any]:
    """Leeds and Bristol editors, two centres' curators, and content each of them owns."""
    leeds, bristol = councils["Leeds"], councils["City of Bristol"]
    north = make.centre("Northern innovation centre", ["Yorkshire and The Humber"])
    west = make.centre("Western innovation centre", ["South West"])
    return {
        "leeds": leeds,
        "bristol": bristol,
        "north": north,
        "west": west,
        "leeds_editor": editor_of(leeds, "leeds-editor"),
        "bristol_editor": editor_of(bristol, "bristol-editor"),
        "north_curator": curator_of(north, "north-curator"),
        "west_curator": curator_of(west, "west-curator"),
        "leeds_study": make.case_study(leeds, "Leeds waste sensors"),
        "bristol_study": make.case_study(bristol, "Bristol waste app"),
        "bristol_challenge": make.challenge(bristol, "Bristol fly-tipping"),
        "north_experiment": make.experiment(north, "Northern route trial"),
        "west_experiment": make.experiment(west, "Western route trial"),
    }


def client_for(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client
