"""Page builders under the names tests/sandbox_site/test_listing.py calls (`live=False` for a draft). They are the
builders of tests/factories/content.py, which every other test calls directly."""

from __future__ import annotations

from typing import Any

from challenges.models import ChallengePage
from councils.models import CouncilPage
from tests.factories import content
from tests.factories.content import case_study
from tests.factories.content import service_area as area

__all__ = ["area", "case_study", "challenge"]


def challenge(
    council: CouncilPage, title: str = "Missed bin collections", *, live: bool = True, **fields: Any
) -> ChallengePage:
    return content.challenge(council, title, state="live" if live else "draft", **fields)
