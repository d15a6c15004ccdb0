"""Sign-in throttling (django-axes) on the sign-in page, and the lock-out page that explains it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sandbox_site.lockout import wait_in_words

# The one sign-in page (Wagtail's /admin/login/ redirects to it: tests/sandbox_site/test_navigation.py).
SIGN_IN_PAGES = ["/accounts/login/"]
PASSWORD = "correct-horse-battery"


@pytest.fixture
def admin_user(db: Any) -> User:
    return User.objects.create_superuser("site-admin", "site-admin@example.gov.uk", PASSWORD)


def sign_in(client: Client, url: str, password: str, username: str = "site-admin") -> Any:
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR="192.0.2.10")


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_the_right_password_is_refused_after_too_many_wrong_ones(client: Client, admin_user: User, url: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, url, "wrong").status_code == 200  # the form again, with its error
    response = sign_in(client, url, "wrong")
    assert response.status_code == 429

    response = sign_in(client, url, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_the_lock_out_page_says_how_long_and_what_to_do(client: Client, admin_user: User, url: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, url, "wrong")

    page = response.content.decode()
    assert response.status_code == 429
    assert '<h1 class="govuk-heading-l">You cannot sign in for 15 minutes</h1>' in page
    assert "build/site.css" in page  # the site's own layout, not axes's one-line text
    assert f'href="{url}">try to sign in again</a>' in page
    assert "forgotten your password" in page


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_sign_in_works_again_after_the_cool_off(client: Client, admin_user: User, url: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(1))

    response = sign_in(client, url, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_earlier_mistakes(client: Client, admin_user: User) -> None:
    url = SIGN_IN_PAGES[0]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, url, "wrong")
    assert sign_in(client, url, PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, url, "wrong")

    assert sign_in(client, url, PASSWORD).status_code == 302


def test_one_persons_mistakes_do_not_lock_out_a_colleague_at_the_same_address(client: Client, admin_user: User) -> None:
    User.objects.create_user("colleague", "colleague@example.gov.uk", PASSWORD)
    url = SIGN_IN_PAGES[0]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "wrong")

    response = sign_in(client, url, PASSWORD, username="colleague")

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(15, "15 minutes"), (1, "1 minute"), (60, "1 hour"), (90, "1 hour and 30 minutes"), (0, "1 minute")],
)
def test_the_wait_is_given_in_words(minutes: int, words: str) -> None:
    assert wait_in_words(datetime.timedelta(minutes=minutes)) == words
