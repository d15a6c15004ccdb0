"""CSRF: every URL of the project's own apps refuses a POST without a token, and every rendered form carries one."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from councils.models import CouncilMembership
from tests.security.conftest import client_for
from tests.security.forms import CSRF_FIELD, post_forms

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("sandbox_site", "councils", "challenges", "patterns", "experiments", "search")
PROJECT_APPS += ("following", "opendata", "marketplace")
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def project_routes() -> list[str]:
    """Every URL pattern whose view lives in one of the project's apps, with sample values for its arguments."""
    routes = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.split(".")[0] in PROJECT_APPS:
                sample = _CONVERTER.sub(lambda m: "1" if m.group(1) in {"int", "id", None} else "x", route)
                routes.append("/" + sample.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return routes


@pytest.fixture
def member(councils: dict[str, Any], tenancy: dict[str, Any]) -> User:
    user = tenancy["leeds_editor"]
    CouncilMembership.objects.create(user=user, council=councils["Leeds"])
    return user


def test_project_has_post_routes_to_check() -> None:
    routes = project_routes()
    assert "/search/" in routes and any(r.startswith("/interest/") for r in routes), routes


def test_every_project_url_refuses_a_post_without_a_token(member: User) -> None:
    client = client_for(member, enforce_csrf_checks=True)
    unprotected = []
    for route in project_routes():
        response = client.post(route, {"title": "x", "q": "x"})
        if response.status_code != 403:
            unprotected.append(f"{route} answered {response.status_code}")
    assert not unprotected, "views accept a POST without a CSRF token:\n" + "\n".join(unprotected)


def test_the_sign_in_form_refuses_a_post_without_a_token(member: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": member.username, "password": "correct-horse-battery"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_api_changes_nothing(client: Client, home: Any) -> None:
    """The JSON API is read-only (django-ninja views skip CSRF), so it must not accept writes at all."""
    for url in ("/api/v1/search/", "/api/v1/challenges/", "/api/v1/case-studies/"):
        assert client.post(url, {"q": "x"}).status_code == 405, url


def test_wagtail_admin_edit_refuses_a_post_without_a_token(member: User, tenancy: dict[str, Any]) -> None:
    page = tenancy["leeds_study"]
    client = client_for(member, enforce_csrf_checks=True)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    form = next(f for f in post_forms(client.get(edit_url).content, edit_url) if "/edit/" in f.action)
    form.set("title", "Changed without a token")
    form.set("action-publish", "action-publish")
    assert client.post(edit_url, form.without_csrf()).status_code == 403
    page.refresh_from_db()
    assert page.title == "Leeds waste sensors"


def crawl_urls(tenancy: dict[str, Any]) -> list[str]:
    challenge, study = tenancy["bristol_challenge"], tenancy["leeds_study"]
    return [
        "/",
        challenge.url,
        study.url,
        tenancy["north_experiment"].url,
        tenancy["leeds"].url,
        "/search/?q=waste",
        "/saved-searches/",
        "/before-you-start/?q=fly-tipping",
        "/adoption/",
        f"/membership/{tenancy['leeds'].gss_code}/",
        f"/marketplace/councils/{tenancy['leeds'].gss_code}/register/",
        "/marketplace/buying-groups/",
        f"/admin/pages/{study.pk}/edit/",
    ]


def test_every_rendered_form_carries_a_token_and_is_refused_without_it(member: User, tenancy: dict[str, Any]) -> None:
    client = client_for(member, enforce_csrf_checks=True)
    seen, problems = 0, []
    for url in crawl_urls(tenancy):
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue
        for form in post_forms(response.content, url):
            seen += 1
            if CSRF_FIELD not in form.data:
                problems.append(f"form posting to {form.action} on {url} has no CSRF token")
            elif (status := client.post(form.action, form.without_csrf()).status_code) != 403:
                problems.append(f"form posting to {form.action} on {url} accepted no token ({status})")
    assert seen >= 3, "expected the interest, saved-search and admin forms at least"
    assert not problems, "\n".join(problems)
