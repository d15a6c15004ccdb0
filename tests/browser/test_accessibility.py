"""axe-core on every public page type and the search page: no WCAG 2.0/2.1/2.2 A or AA violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECTIONS = ("councils", "challenges", "case-studies", "patterns", "experiments", "regional-centres")


def public_urls(sample_site: dict[str, Any]) -> dict[str, str]:
    """One URL per public page type (and the search page with results and facets)."""
    urls = {"home": "/", "search": "/search/?q=bin+collections", "search-empty": "/search/"}
    urls |= {"no results": "/search/?q=zzzqqq", "bad filter": "/search/?year=20x4&page=-1"}
    urls |= {"sign in": "/accounts/login/", "before you start": "/before-you-start/?q=missed+bins"}
    urls |= {"adoption dashboard": "/adoption/", "buying groups": "/marketplace/buying-groups/"}
    urls.update({f"index:{slug}": f"/{slug}/" for slug in SECTIONS})
    urls["council"] = sample_site["councils"]["Leeds"].url
    for name in ("challenge", "leeds_study", "pattern", "centre", "experiment", "collection"):
        urls[name] = sample_site[name].url
    return urls


def test_every_public_page_type_has_no_wcag_violations(
    page: Page, site_url: str, sample_site: dict[str, Any], check_accessibility: Any, screenshot: Any
) -> None:
    failures = []
    for name, path in public_urls(sample_site).items():
        response = page.goto(site_url + path)
        assert response is not None and response.status == 200, f"{name} {path} answered {response.status}"
        try:
            check_accessibility(page)
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    screenshot(page)
    assert not failures, "\n\n".join(failures)


def test_not_found_page_has_no_wcag_violations(page: Page, site_url: str, home: Any, check_accessibility: Any) -> None:
    response = page.goto(site_url + "/no-such-page/")
    assert response is not None and response.status == 404
    check_accessibility(page)
