"""People with different access to the marketplace: editors, members, outsiders and a regional curator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from councils.membership import editors_group
from councils.models import CouncilMembership, CouncilPage, Region, ServiceArea


def _user(username: str) -> User:
    return User.objects.create_user(username, email=f"{username}@example.gov.uk", password="pw")


@pytest.fixture
def leeds(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["Leeds"]


@pytest.fixture
def bristol(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["City of Bristol"]


@pytest.fixture
def waste(home) -> ServiceArea:
    return ServiceArea.objects.get(name="Waste and recycling")


@pytest.fixture
def housing(home) -> ServiceArea:
    return ServiceArea.objects.get(name="Housing")


@pytest.fixture
def leeds_editor(leeds: CouncilPage) -> User:
    user = _user("leeds-editor")
    user.groups.add(editors_group(leeds))
    return user


@pytest.fixture
def bristol_editor(bristol: CouncilPage) -> User:
    user = _user("bristol-editor")
    user.groups.add(editors_group(bristol))
    return user


@pytest.fixture
def leeds_member(leeds: CouncilPage) -> User:
    """Council staff who is not an editor: sees private details, cannot change the register."""
    user = _user("leeds-member")
    CouncilMembership.objects.create(user=user, council=leeds)
    return user


@pytest.fixture
def bristol_member(bristol: CouncilPage) -> User:
    user = _user("bristol-member")
    CouncilMembership.objects.create(user=user, council=bristol)
    return user


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but works for no council (a supplier, say)."""
    return _user("outsider")


@pytest.fixture
def yorkshire_curator(home) -> User:
    """A curator of a regional centre covering Yorkshire and The Humber only."""
    from experiments.models import RegionalCentreIndexPage, RegionalCentrePage
    from experiments.services import ensure_curators_group

    centre = RegionalCentrePage(title="Northern innovation centre", summary="Yorkshire's centre.")
    RegionalCentreIndexPage.objects.get().add_child(instance=centre)
    centre.regions.set([Region.objects.get(name="Yorkshire and The Humber")])
    centre.save_revision().publish()
    user = _user("curator")
    user.groups.add(ensure_curators_group(centre))
    return user
