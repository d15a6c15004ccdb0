"""Content-Security-Policy and Permissions-Policy on every kind of response, and the API docs served from this site.

How the policy behaves in a browser is tests/browser/test_content_security_policy.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.test import Client

from sandbox_site.headers import permissions_policy
from tests.factories import content as make


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_allow_only_this_sites_scripts(client: Client, home: Any) -> None:
    policy = directives(client.get("/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_public_pages_have_no_inline_scripts_or_styles(client: Client, councils: dict[str, Any]) -> None:
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    for url in ["/", page.url, "/search/?q=bins", "/accounts/login/"]:
        html = client.get(url).content.decode()
        # Data blocks (JSON-LD) are not scripts; anything else must be a file from this site.
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)
        assert not inline, f"{url}: {inline}"
        assert "<style" not in html, url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), f"{url} has an inline event handler"


@pytest.mark.django_db
def test_only_the_admin_allows_inline_scripts(client: Client, home: Any, superuser: Any) -> None:
    client.force_login(superuser)

    assert "'unsafe-inline'" in directives(client.get("/admin/"))["script-src"]
    assert "'unsafe-inline'" not in directives(client.get("/"))["script-src"]


@pytest.mark.django_db
def test_every_response_has_a_permissions_policy(client: Client, home: Any) -> None:
    for url in ["/", "/no-such-page/", "/api/v1/docs", "/admin/login/", "/healthz"]:
        header = client.get(url)["Permissions-Policy"]
        assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header, url


@pytest.mark.django_db
def test_cached_pages_carry_the_headers_too(client: Client, home: Any, settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    client.get("/")

    response = client.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert directives(response)["script-src"] == ["'self'"]
    assert response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_api_docs_load_swagger_ui_from_this_site(client: Client, home: Any) -> None:
    response = client.get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert finders.find(asset), asset


def test_permissions_policy_header_format() -> None:
    assert permissions_policy({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"
