"""The service areas the marketplace tests file register entries under (people are in tests/conftest.py)."""

from __future__ import annotations

import pytest

from councils.models import ServiceArea
from tests.factories.content import service_area


@pytest.fixture
def waste(home) -> ServiceArea:
    return service_area("Waste and recycling")


@pytest.fixture
def housing(home) -> ServiceArea:
    return service_area("Housing")
