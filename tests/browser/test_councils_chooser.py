"""An editor narrows the partner councils list by name and ticks one (councils/widgets.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from councils.services import ensure_editors_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def test_editor_finds_a_partner_council_by_name(
    page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    leeds = sample_site["councils"]["Leeds"]
    editor = User.objects.create_user("leeds-editor", "editor@leeds.example.gov.uk", PASSWORD)
    editor.groups.add(ensure_editors_group(leeds))
    page.goto(site_url + "/admin/login/")
    page.get_by_label(re.compile("Username", re.I)).fill(editor.username)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{site_url}/admin/pages/add/challenges/casestudypage/{leeds.pk}/")
    find = page.get_by_label("Find a council")
    find.fill("cardiff")
    councils = page.locator("#id_partner_councils")
    expect(councils.get_by_label("City of Cardiff Council")).to_be_visible()
    expect(councils.get_by_label("Bristol City Council")).to_be_hidden()
    expect(page.locator("#id_partner_councils-count")).to_have_text("1 council matches")
    councils.get_by_label("City of Cardiff Council").check()
    find.press("Enter")  # does not submit the page
    find.fill("bristol")
    expect(councils.get_by_label("City of Cardiff Council")).to_be_visible()  # chosen ones stay in view
    expect(councils.get_by_label("Bristol City Council")).to_be_visible()
    screenshot(page)
