"""axe-core on every public page type, the search page, every public form (empty and with errors) and pages seen
signed in as an editor: no WCAG 2.0/2.1/2.2 A or AA violation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from patterns import services as adoption
from patterns.models import AdoptionStatus
from tests.browser import signed_in
from tests.factories import content as make

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


def _axe_each(page: Page, site_url: str, urls: dict[str, str], check_accessibility: Any) -> list[str]:
    failures = []
    for name, path in urls.items():
        page.goto(site_url + path)
        try:
            check_accessibility(page)
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    return failures


def test_every_public_form_has_no_wcag_violations_empty_and_with_errors(
    page: Page, site_url: str, sample_site: dict[str, Any], check_accessibility: Any
) -> None:
    leeds = sample_site["councils"]["Leeds"]
    editor = signed_in.editor_of(leeds)
    record = adoption.record_adoption(
        editor, leeds, sample_site["pattern"], AdoptionStatus.ADOPTED, datetime.date.today() - datetime.timedelta(3)
    )
    curator = signed_in.curator_of(sample_site["centre"])
    forms = {
        "interest": f"/interest/challenges/{sample_site['challenge'].pk}/",
        "record adoption": f"/adoption/patterns/{sample_site['pattern'].pk}/record/",
        "systems register": f"/marketplace/councils/{leeds.gss_code}/register/add/",
        "start a buying group": "/marketplace/buying-groups/start/",
        "contracts ending": "/marketplace/contracts-ending/",
    }
    # The sign-in form, empty and refused.
    failures = _axe_each(page, site_url, {"sign in": "/accounts/login/"}, check_accessibility)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    try:
        check_accessibility(page)
    except AssertionError as error:
        failures.append(f"sign in with errors: {error}")

    signed_in.sign_in(page, site_url, editor)
    failures += _axe_each(page, site_url, forms, check_accessibility)
    # Each form submitted empty: the error summary, messages and linked fields.
    for name in ("systems register", "start a buying group"):
        page.goto(site_url + forms[name])
        page.locator("main form[method=post] button[type=submit]").last.click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        try:
            check_accessibility(page)
        except AssertionError as error:
            failures.append(f"{name} with errors: {error}")
    signed_in.sign_out(page)

    # A member of another council sees the "we have this challenge too" form with its errors.
    member = signed_in.member_of(sample_site["councils"]["Southwark"], "southwark-officer")
    other = make.challenge(leeds, "Potholes reported twice", summary="Duplicate pothole reports.")
    signed_in.sign_in(page, site_url, member)
    page.goto(site_url + f"/interest/challenges/{other.pk}/")
    page.get_by_role("button", name="Register interest").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    try:
        check_accessibility(page)
    except AssertionError as error:
        failures.append(f"interest with errors: {error}")
    signed_in.sign_out(page)

    signed_in.sign_in(page, site_url, curator)
    failures += _axe_each(page, site_url, {"assess": f"/adoption/records/{record.pk}/assess/"}, check_accessibility)
    assert not failures, "\n\n".join(failures)


def test_pages_signed_in_as_an_editor_have_no_wcag_violations(
    page: Page, site_url: str, sample_site: dict[str, Any], check_accessibility: Any
) -> None:
    editor = signed_in.editor_of(sample_site["councils"]["Leeds"])
    signed_in.sign_in(page, site_url, editor)
    expect(page.get_by_text("Signed in as")).to_be_visible()
    urls = public_urls(sample_site)
    urls.pop("sign in")
    urls |= {"marketplace": "/marketplace/", "open data": "/open-data/", "products": "/marketplace/products/"}
    failures = _axe_each(page, site_url, urls, check_accessibility)
    assert not failures, "\n\n".join(failures)
