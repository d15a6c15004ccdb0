"""Signing in through the site's one sign-in page, and the people the browser tests sign in as."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import Group, User
from playwright.sync_api import Page

from councils.models import CouncilMembership
from councils.services import ensure_editors_group
from experiments.services import curators_group_name

PASSWORD = "correct-horse-battery"


def editor_of(council: Any, username: str = "leeds-editor") -> User:
    user = User.objects.create_user(username, f"{username}@example.gov.uk", PASSWORD, first_name="Asha")
    user.groups.add(ensure_editors_group(council))
    CouncilMembership.objects.create(user=user, council=council)
    return user


def member_of(council: Any, username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.gov.uk", PASSWORD)
    CouncilMembership.objects.create(user=user, council=council)
    return user


def curator_of(centre: Any, username: str = "northern-curator") -> User:
    user = User.objects.create_user(username, f"{username}@example.gov.uk", PASSWORD)
    user.groups.add(Group.objects.get(name=curators_group_name(centre)))
    return user


def sign_in(page: Page, site_url: str, user: User) -> None:
    page.goto(site_url + "/accounts/login/")
    page.get_by_label(re.compile("Username", re.I)).fill(user.username)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^Sign in$", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$"))
