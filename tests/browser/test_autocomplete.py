"""The search boxes' suggestions: on the search page and on the home page, in the site's font."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(("path", "box"), [("/", "#home-search"), ("/search/", "#search-q")])
def test_search_boxes_suggest_titles_in_the_sites_font(
    page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any, path: str, box: str
) -> None:
    page.goto(site_url + path)
    page.locator(box).fill("smarter bin")
    menu = page.locator(".autocomplete__menu")
    expect(menu.get_by_role("option", name="Smarter bin collections in Leeds")).to_be_visible()
    font = menu.evaluate("element => getComputedStyle(element).fontFamily")
    assert font.startswith("system-ui"), font
    screenshot(page)
