"""Browser tests: Debian's Chromium (never a downloaded browser) driving a live server on 127.0.0.1.

Run with `make test-browser` (pytest -m browser). Each journey saves a screenshot of its last page
into test-artefacts/ (gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser import axe

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"

# The live server listens on 127.0.0.1, not "localhost" (which may resolve to ::1 first).
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous, so Django's async guard would misfire.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def site_url(live_server: Any) -> str:
    return live_server.url


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page], Path]:
    """Save the journey's last page as an artefact named after the test."""

    def save(page: Page) -> Path:
        ARTEFACTS.mkdir(exist_ok=True)
        path = ARTEFACTS / f"{request.node.name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def check_accessibility() -> Callable[[Page], None]:
    """Run axe-core on the current page and fail, readably, on any WCAG A/AA violation."""

    def check(page: Page) -> None:
        violations = axe.run(page)
        assert not violations, axe.report(page.url, violations)

    return check


@pytest.fixture
def sample_site(councils: dict[str, Any]) -> dict[str, Any]:
    """One live page of every public type, linked the way real content is, with bin-collection case studies."""
    from experiments.models import CollectionItem, CollectionPage
    from tests.factories import content as make

    leeds, bristol, southwark = councils["Leeds"], councils["City of Bristol"], councils["Southwark"]
    missed = make.challenge(
        southwark,
        "Missed bin collections",
        summary="Residents report missed bin collections and crews cannot see the reports in time.",
        tags=["bins"],
    )
    leeds_study = make.case_study(
        leeds,
        "Smarter bin collections in Leeds",
        summary="Sensors on communal bins told crews which bin collections to skip.",
        challenge=missed,
        evidence_strength="measured",
        money_saved_per_year=120000,
    )
    bristol_study = make.case_study(
        bristol,
        "Bin collections reported by app in Bristol",
        summary="Residents report a missed bin collection from their phone and crews see it the same day.",
        challenge=missed,
        stage="beta",
    )
    pattern = make.pattern(
        "Report a missed bin collection",
        summary="A standard online form and data model for reporting missed bin collections.",
    )
    pattern.evidence.set([leeds_study, bristol_study])
    pattern.save_revision().publish()
    centre = make.centre("Northern innovation centre", ["Yorkshire and The Humber", "North East"])
    experiment = make.experiment(
        centre,
        "Route optimisation for bin collections",
        summary="Testing whether optimised routes cut missed bin collections.",
        challenge=missed,
        case_study=leeds_study,
        status="running",
    )
    collection = CollectionPage(
        title="Waste and recycling favourites",
        summary="The bin collection work other councils ask us about most.",
        intro="What worked for **bins**.",
        items=[
            CollectionItem(page=leeds_study, note="Start here: measured savings."),
            CollectionItem(page=pattern, note="The standard that came out of it."),
        ],
    )
    make.add_page(centre, collection)
    return {
        "challenge": missed,
        "leeds_study": leeds_study,
        "bristol_study": bristol_study,
        "pattern": pattern,
        "centre": centre,
        "experiment": experiment,
        "collection": collection,
        "councils": councils,
    }
