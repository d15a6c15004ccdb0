"""Keyboard-only use of the search form and its facets: Tab, type, Enter; Tab to a facet, Space, submit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 80


def tab_to(page: Page, is_target: str, description: str) -> None:
    """Press Tab until the focused element satisfies the JS predicate `is_target(el)`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({is_target}); }})()"):
            return
    pytest.fail(f"could not reach {description} with the Tab key in {MAX_TABS} presses")


def focus_is_visible(page: Page) -> bool:
    """GOV.UK focus styles: an outline or a box-shadow on the focused element."""
    return page.evaluate(
        """(() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; })()"""
    )


def test_search_and_facets_by_keyboard_alone(
    page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    page.goto(site_url + "/search/")
    tab_to(page, "el.id === 'search-q'", "the search box")
    assert focus_is_visible(page), "the focused search box has no visible focus indicator"
    page.keyboard.type("bin collections", delay=20)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=bin\+collections"), timeout=10_000)
    expect(page.locator(".search-results").get_by_role("link")).not_to_have_count(0)

    tab_to(
        page,
        "el.type === 'checkbox' && el.name === 'region' && el.labels[0].textContent.trim().startsWith('South West')",
        "the South West region checkbox",
    )
    assert focus_is_visible(page), "the focused facet checkbox has no visible focus indicator"
    page.keyboard.press("Space")
    expect(page.locator("input[name=region][value='South West']")).to_be_checked()
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Apply filters'", "the Apply filters button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"region=South\+West"), timeout=10_000)
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Bin collections reported by app in Bristol")).to_be_visible()
    expect(results.get_by_role("link", name="Smarter bin collections in Leeds")).to_have_count(0)
    screenshot(page)
