"""Journey 2: a council editor publishes a case study in the Wagtail admin, finds it in search, and is refused
another council's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from councils.services import ensure_editors_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
TITLE = "Kerbside glass recycling in Leeds"


@pytest.fixture
def leeds_editor(sample_site: dict[str, Any]) -> User:
    user = User.objects.create_user("leeds-editor", "editor@leeds.example.gov.uk", PASSWORD)
    user.groups.add(ensure_editors_group(sample_site["councils"]["Leeds"]))
    return user


def sign_in(page: Page, site_url: str, username: str) -> None:
    page.goto(site_url + "/admin/login/")
    page.get_by_label(re.compile("Username", re.I)).fill(username)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_editor_publishes_a_case_study_and_cannot_open_another_councils_page(
    page: Page, site_url: str, sample_site: dict[str, Any], leeds_editor: User, screenshot: Any
) -> None:
    leeds = sample_site["councils"]["Leeds"]
    sign_in(page, site_url, leeds_editor.username)

    # Add a case study under the editor's own council, through the page explorer.
    page.goto(f"{site_url}/admin/pages/{leeds.pk}/add_subpage/")
    page.get_by_role("link", name=re.compile(r"^Case study", re.I)).first.click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Weekly kerbside glass collections doubled the glass we recycle.")
    page.locator("#id_problem").fill("Residents had to take glass to **bottle banks**.")
    publish = page.locator("button[name=action-publish]")
    if not publish.is_visible():
        page.locator("footer").get_by_role("button", name=re.compile("More actions", re.I)).click()
    publish.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("published", re.I))

    # The public search finds it.
    page.goto(site_url + "/search/?q=kerbside+glass")
    result = page.locator(".search-results").get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Another council's page: the admin refuses to open it for editing.
    bristol_study = sample_site["bristol_study"]
    response = page.goto(f"{site_url}/admin/pages/{bristol_study.pk}/edit/")
    assert response is not None
    expect(page.locator("#page-edit-form")).to_have_count(0)
    refused = response.status == 403 or page.get_by_text(re.compile("do not have permission", re.I)).count() > 0
    assert refused, f"no refusal shown for another council's page (status {response.status}, {page.url})"
    screenshot(page)
