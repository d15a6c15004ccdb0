"""An editor imports a file through the admin and watches its progress page: the count in the live region follows
the worker without a reload, and the page shows the pages created when the import has finished. axe checks the
screen at each step."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from wagtail.signals import page_published

from challenges.models import ChallengePage
from tests.browser import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROWS = (
    "kind,title,summary,body,council,stage\n"
    "challenge,Missed bins in narrow streets,Lorries cannot turn.,The problem.,Leeds,open\n"
    "case_study,Bin sensor pilot,Sensors on bins.,We fitted sensors.,Leeds,beta\n"
    "challenge,Fly-tipping hot spots,Rubbish left in lanes.,The problem.,Leeds,open\n"
)


def test_an_editor_watches_the_import_progress_then_sees_the_pages(
    page: Page,
    site_url: str,
    councils: dict[str, Any],
    run_tasks: Callable[[], int],
    check_accessibility: Any,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    editor = signed_in.editor_of(councils["Leeds"])
    signed_in.sign_in(page, site_url, editor)
    upload = tmp_path / "bins.csv"
    upload.write_text(ROWS, encoding="utf-8")

    page.goto(site_url + "/admin/import-content/")
    page.get_by_label("Upload a file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 3 pages").click()

    message = page.locator("#import-progress-message")
    expect(message).to_have_text("Waiting to start: 0 of 3 records imported")
    check_accessibility(page)

    # The worker runs the import; while its transaction is still open, the page shows each count as it comes.
    publishing: list[int] = []

    def look(**kwargs: Any) -> None:
        publishing.append(len(publishing) + 1)
        if len(publishing) == 3:  # two of three published and the third on its way
            expect(message).to_have_text("2 of 3 records imported")  # no reload: the script wrote it
            expect(page.locator("#import-progress-bar")).to_have_attribute("value", "2")

    page_published.connect(look, weak=False, dispatch_uid="browser_import_progress")
    try:
        assert run_tasks() == 1
    finally:
        page_published.disconnect(dispatch_uid="browser_import_progress")
    # Then it loads the page again by itself, with the outcome.
    expect(page.locator("#import-done")).to_contain_text("Imported 3 records from bins.csv")
    expect(page.get_by_role("link", name="Fly-tipping hot spots")).to_be_visible()
    assert ChallengePage.objects.live().count() == 2
    assert re.search(r"/admin/import-content/imports/[^/]+/$", page.url)
    check_accessibility(page)
    screenshot(page)
