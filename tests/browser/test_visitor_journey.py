"""Journey 1: a visitor searches for bin collections, narrows by region, opens a case study, follows a related link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def search_and_narrow(page: Page, site_url: str) -> None:
    """From the home page: search, then tick the South West region facet and apply it."""
    page.goto(site_url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Search", exact=True).first.click()
    page.locator("#search-q").fill("bin collections")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?.*q=bin\+collections"))
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Smarter bin collections in Leeds")).to_be_visible()
    expect(results.get_by_role("link", name="Bin collections reported by app in Bristol")).to_be_visible()

    page.get_by_role("group", name="Region").get_by_label(re.compile(r"^South West")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"region=South\+West"))
    expect(results.get_by_role("link", name="Bin collections reported by app in Bristol")).to_be_visible()
    expect(results.get_by_role("link", name="Smarter bin collections in Leeds")).to_have_count(0)
    expect(page.get_by_role("group", name="Region").get_by_label(re.compile(r"^South West"))).to_be_checked()


def test_visitor_finds_a_case_study_and_follows_a_related_link(
    page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    search_and_narrow(page, site_url)

    page.locator(".search-results").get_by_role("link", name="Bin collections reported by app in Bristol").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bin collections reported by app in Bristol")

    related = page.locator(".related-content")
    expect(related.get_by_role("heading", name="Related content")).to_be_visible()
    link = related.get_by_role("link").first
    title = link.inner_text()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    screenshot(page)


def test_search_and_facets_work_without_javascript(
    browser: Browser, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        search_and_narrow(page, site_url)
        screenshot(page)
    finally:
        context.close()


def test_on_a_phone_the_results_are_in_view_and_the_skip_link_still_leads_to_them(
    browser: Browser, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site_url + "/search/?q=bin+collections")
        first_result = page.locator(".search-results").get_by_role("link").first
        expect(first_result).to_be_in_viewport()  # the filters are folded behind a disclosure on a narrow screen
        expect(page.locator("details.search-filters")).not_to_have_attribute("open", re.compile(".*"))
        page.get_by_role("link", name=re.compile(r"^Skip to \d+ results$")).click()
        expect(first_result).to_be_in_viewport()
        screenshot(page)
    finally:
        context.close()


def test_on_a_wide_screen_the_skip_link_shows_only_when_focused(
    page: Page, site_url: str, sample_site: dict[str, Any]
) -> None:
    page.goto(site_url + "/search/?q=bin+collections")
    skip = page.locator(".search-skip-to-results")
    assert skip.bounding_box()["width"] <= 1  # visually hidden beside the results
    skip.focus()
    assert skip.bounding_box()["width"] > 1
