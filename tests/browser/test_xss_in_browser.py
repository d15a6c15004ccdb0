"""XSS, as a browser sees it: payloads in page fields and in the search query never run."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from tests.factories import content as make
from tests.security.xss import ALL_PAYLOADS, MARK, PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_script_payloads_never_run(page: Page, site_url: str, councils: dict[str, Any], screenshot: Any) -> None:
    study = make.case_study(
        councils["Leeds"],
        f"Bins <img src=x onerror={MARK}()>",
        summary=ALL_PAYLOADS,
        problem=ALL_PAYLOADS,
        approach=ALL_PAYLOADS,
        tags=[f"<svg onload={MARK}()>"],
    )
    fired: list[str] = []
    page.add_init_script(f"window.{MARK} = () => {{ window.__xssFired = true; }};")
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    urls = [study.url, "/search/?q=bins", *(f"/search/?q={quote(p)}&region={quote(p)}" for p in PAYLOADS)]
    for url in urls:
        page.goto(site_url + url)
        page.wait_for_load_state("load")
        assert not page.evaluate("window.__xssFired === true"), f"a payload ran on {url}"
    assert not fired, f"dialogs opened: {fired}"
    screenshot(page)
