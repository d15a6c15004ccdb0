"""Page builders under the names the browser tests call; they are the builders of tests/factories/content.py."""

from __future__ import annotations

from tests.factories.content import add_page, case_study, challenge, experiment, pattern, service_area
from tests.factories.content import centre as regional_centre

__all__ = ["add_page", "case_study", "challenge", "experiment", "pattern", "regional_centre", "service_area"]
