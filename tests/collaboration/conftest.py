"""Fixtures for the collaboration features: council staff, a curator, and published content to act on."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from councils.membership import editors_group
from councils.models import CouncilMembership, CouncilPage
from experiments.services import curators_group_name
from tests.factories import open_content as content


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


@pytest.fixture
def leeds(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["Leeds"]


@pytest.fixture
def bristol(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["City of Bristol"]


@pytest.fixture
def southwark(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["Southwark"]


@pytest.fixture
def leeds_editor(leeds: CouncilPage) -> User:
    return editor_of(leeds, "leeds-editor")


@pytest.fixture
def leeds_member(leeds: CouncilPage) -> User:
    return member_of(leeds, "leeds-member")


@pytest.fixture
def bristol_member(bristol: CouncilPage) -> User:
    return member_of(bristol, "bristol-member")


@pytest.fixture
def bristol_editor(bristol: CouncilPage) -> User:
    return editor_of(bristol, "bristol-editor")


@pytest.fixture
def outsider(db: Any) -> User:
    """Signed in, but belongs to no council."""
    return make_user("supplier")


@pytest.fixture
def challenge(leeds: CouncilPage) -> Any:
    return content.challenge(leeds, "Missed bin collections")


@pytest.fixture
def yorkshire_centre(home: Any) -> Any:
    return content.centre("Yorkshire centre for service innovation", ["Yorkshire and The Humber", "North East"])


@pytest.fixture
def yorkshire_curator(yorkshire_centre: Any) -> User:
    from django.contrib.auth.models import Group

    user = make_user("yorkshire-curator")
    user.groups.add(Group.objects.get(name=curators_group_name(yorkshire_centre)))
    return user


@pytest.fixture
def pattern(home: Any) -> Any:
    from patterns.models import PatternCriterion

    page = content.pattern("Report a missed bin")
    PatternCriterion.objects.create(pattern=page, text="Uses the open waste API", sort_order=0)
    PatternCriterion.objects.create(pattern=page, text="Tells residents when it will be collected", sort_order=1)
    return page
