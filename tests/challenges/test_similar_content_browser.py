"""The similar-content panel's JavaScript, in a real Chromium: typing a title lists similar published work."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.factories import content as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # ORM calls between browser steps are synchronous
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": ["--no-sandbox"]}


def test_duplicate_prevention_in_a_browser(page: Page, live_server: Any, councils: dict, client, superuser):
    """One journey (live-server tests are slow to set up): the admin panel's JavaScript, then axe-core on the
    before-you-start and saved-searches pages."""
    from following.services import save_search
    from tests.browser import axe

    # Committed for real (transactional test), so the publish signals index the pages as in production.
    make.challenge(councils["Southwark"], "Missed bin collections")
    make.challenge(councils["Southwark"], "Draft missed bin plan", state="draft")
    save_search(superuser, "q=bins&region=London", "London bins")
    client.force_login(superuser)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/admin/pages/add/challenges/challengepage/{councils['Leeds'].pk}/")
    panel = page.locator("[data-similar-content-results]")
    expect(panel).to_contain_text("Type a title or summary")
    page.fill("#id_title", "Residents missing their bin collections")
    expect(panel.get_by_role("link", name="Missed bin collections")).to_be_visible(timeout=10_000)
    expect(panel).not_to_contain_text("Draft missed bin plan")

    for path in (
        "/before-you-start/",
        "/before-you-start/?problem=missed+bin+collections",
        "/before-you-start/?problem=+",
        "/saved-searches/",
    ):
        page.goto(f"{live_server.url}{path}")
        violations = axe.run(page)
        assert not violations, axe.report(page.url, violations)
    page.goto(f"{live_server.url}/before-you-start/?problem=missed+bin+collections")
    expect(page.get_by_role("link", name="Missed bin collections", exact=True)).to_be_visible()
