"""Phones (390 px wide): no page scrolls sideways, wide tables and the chart scroll inside their own regions, search
results come before the filters. Screenshots at 1280 and 390 px go to test-artefacts/ for a person to look at."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from patterns import services as adoption
from patterns.models import AdoptionStatus
from tests.browser.conftest import ARTEFACTS
from tests.browser.signed_in import editor_of, sign_in
from tests.factories import content as make
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def marketplace_site(sample_site: dict[str, Any]) -> dict[str, Any]:
    """The sample site with products, a Leeds systems register and an adoption, so the wide tables have rows."""
    leeds = sample_site["councils"]["Leeds"]
    supplier = SupplierFactory(name="Municipal Software Services Limited")
    product = ProductFactory(name="Waste and recycling collections management platform", supplier=supplier)
    ProductFactory(name="Integrated revenues and benefits case management", supplier=supplier)
    editor = editor_of(leeds)
    adoption.record_adoption(
        editor,
        leeds,
        sample_site["pattern"],
        AdoptionStatus.ADOPTED,
        datetime.date.today() - datetime.timedelta(days=3),
    )
    CouncilSystemFactory(council=leeds, service_area=make.service_area("Waste and recycling"), product=product)
    return {**sample_site, "editor": editor}


def phone_pages(site: dict[str, Any]) -> dict[str, str]:
    return {
        "home": "/",
        "search": "/search/?q=bin+collections",
        "case-study": site["leeds_study"].url,
        "challenge": site["challenge"].url,
        "adoption": "/adoption/",
        "adoption-pattern": f"/adoption/patterns/{site['pattern'].pk}/",
        "marketplace": "/marketplace/",
        "products": "/marketplace/products/",
        "council": site["councils"]["Leeds"].url,
        "sign-in": "/accounts/login/",
        "open-data": "/open-data/",
    }


def scroll_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_page_scrolls_sideways_on_a_phone(page: Page, site_url: str, marketplace_site: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    too_wide = {}
    for name, path in phone_pages(marketplace_site).items():
        page.goto(site_url + path)
        if scroll_width(page) > PHONE["width"]:
            too_wide[name] = scroll_width(page)
    # Signed in, the council page also shows the systems register and the header the account line.
    sign_in(page, site_url, marketplace_site["editor"])
    for name in ("council", "marketplace", "adoption", "products"):
        page.goto(site_url + phone_pages(marketplace_site)[name])
        if scroll_width(page) > PHONE["width"]:
            too_wide[f"{name} (signed in)"] = scroll_width(page)
    assert not too_wide, f"pages wider than {PHONE['width']} px: {too_wide}"


def test_wide_tables_scroll_in_a_focusable_region(page: Page, site_url: str, marketplace_site: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/marketplace/products/")
    region = page.get_by_role("region", name="Products")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls, the page does not
    region.focus()
    expect(region).to_be_focused()


def test_the_adoption_chart_labels_are_legible_on_a_phone(
    page: Page, site_url: str, marketplace_site: dict[str, Any]
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/adoption/")
    label = page.locator("#national-chart-title").locator("xpath=..").locator("text").first
    height = label.evaluate("el => el.getBoundingClientRect().height")
    assert height >= 11, f"chart labels are {height:.1f} px high"


def test_search_results_come_first_on_a_phone_with_filters_behind_a_disclosure(
    page: Page, site_url: str, marketplace_site: dict[str, Any]
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/search/?q=bin+collections")
    first_result = page.locator("#search-results .app-result, #search-results li").first
    first_filter = page.locator(".search-filters .govuk-checkboxes__input").first
    expect(first_filter).to_be_hidden()
    summary = page.locator(".search-filters__summary")
    expect(summary).to_be_visible()
    result_top = first_result.evaluate("el => el.getBoundingClientRect().top")
    assert result_top < PHONE["height"], "the first result is below the first screen"
    summary.click()
    expect(first_filter).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "/search/?q=bin+collections")
    expect(page.locator(".search-filters .govuk-checkboxes__input").first).to_be_visible()
    expect(page.locator(".search-filters__summary")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filter results")).to_be_visible()


def test_screenshots_at_desktop_and_phone_widths(page: Page, site_url: str, marketplace_site: dict[str, Any]) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    pages = {k: v for k, v in phone_pages(marketplace_site).items() if k in SCREENSHOTS}
    saved = []
    for width, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(site_url + path)
            target = ARTEFACTS / f"layout-{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            saved.append(target)
    assert all(path.stat().st_size > 0 for path in saved)
    assert re.search(r"layout-sign-in-390\.png", " ".join(map(str, saved)))


SCREENSHOTS = ("home", "search", "case-study", "adoption", "marketplace", "sign-in")
