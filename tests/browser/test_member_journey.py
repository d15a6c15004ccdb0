"""Journey 3: a signed-in council member registers their council's interest in a challenge; the count goes up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from councils.models import CouncilMembership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def cardiff_member(sample_site: dict[str, Any]) -> User:
    user = User.objects.create_user("cardiff-officer", "officer@cardiff.example.gov.uk", PASSWORD)
    CouncilMembership.objects.create(user=user, council=sample_site["councils"]["Cardiff"])
    return user


def test_member_registers_interest_and_sees_the_count_change(
    page: Page, site_url: str, sample_site: dict[str, Any], cardiff_member: User, screenshot: Any
) -> None:
    challenge = sample_site["challenge"]
    page.goto(site_url + challenge.url)
    count = page.locator("#interest-count")
    expect(count).to_contain_text(re.compile(r"\b0 councils\b"))

    page.get_by_role("link", name=re.compile("Sign in to register", re.I)).click()
    page.get_by_label(re.compile("Username", re.I)).fill(cardiff_member.username)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(re.escape(challenge.url) + "$"))

    page.get_by_label("Partner", exact=True).check()
    page.get_by_role("button", name="Register interest").click()
    expect(page.locator("#interest-count")).to_contain_text(re.compile(r"\b1 council\b"))
    expect(page.get_by_role("link", name="City of Cardiff Council")).to_be_visible()
    screenshot(page)
