"""The header and home page reach every part of the product; the header shows who is signed in; one sign-in page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories.marketplace import ProductFactory

pytestmark = pytest.mark.django_db

PARTS = {
    "/search/": "Search",
    "/challenges/": "Challenges",
    "/case-studies/": "Case studies",
    "/patterns/": "Patterns",
    "/experiments/": "Experiments",
    "/adoption/": "Adoption",
    "/marketplace/": "Marketplace",
    "/open-data/": "Open data",
}


def header(html: str) -> str:
    return html[html.index("<header") : html.index('id="main-content"')]


def test_the_header_reaches_every_part_of_the_product(client: Client, home: Any) -> None:
    nav = header(client.get("/").content.decode())
    for href, label in PARTS.items():
        assert f'href="{href}"' in nav and label in nav, href


def test_the_home_page_reaches_the_adoption_dashboard_marketplace_open_data_and_api(client: Client, home: Any) -> None:
    html = client.get("/").content.decode()
    main = html[html.index('id="main-content"') :]
    for href in ("/adoption/", "/marketplace/", "/open-data/", "/api/v1/docs", "/search/"):
        assert f'href="{href}"' in main, href


def test_every_part_the_navigation_links_to_answers(client: Client, home: Any) -> None:
    for href in PARTS:
        assert client.get(href).status_code == 200, href


def test_the_marketplace_landing_page_links_each_part(client: Client, home: Any) -> None:
    ProductFactory()
    html = client.get("/marketplace/").content.decode()
    for href in ("/marketplace/products/", "/marketplace/contracts-ending/", "/marketplace/buying-groups/"):
        assert f'href="{href}"' in html
    assert "1 product from 1 supplier" in html
    assert "Council systems registers" in html


def test_the_open_data_page_lists_every_csv_and_the_api_docs(client: Client, home: Any) -> None:
    html = client.get("/open-data/").content.decode()
    for slug in ("challenges", "case-studies", "patterns", "experiments", "collections", "councils"):
        assert f'href="/api/v1/{slug}.csv"' in html
    assert 'href="/adoption/pattern-adoption.csv"' in html
    assert 'href="/api/v1/docs"' in html
    assert client.get("/api/v1/challenges.csv").status_code == 200


def test_signed_out_the_header_offers_sign_in_and_the_footer_sign_in_to_publish(client: Client, home: Any) -> None:
    html = client.get("/challenges/").content.decode()
    assert 'href="/accounts/login/?next=/challenges/">Sign in</a>' in header(html)
    assert "Signed in as" not in html
    assert "Sign in to publish" in html


def test_signed_in_the_header_names_the_user_and_signs_out_by_post(client: Client, home: Any) -> None:
    user = User.objects.create_user("leeds-editor", first_name="Asha", last_name="Patel")
    client.force_login(user)
    html = client.get("/challenges/").content.decode()
    top = header(html)
    assert "Signed in as <strong>Asha Patel</strong>" in top
    assert '<form class="app-header__sign-out" method="post" action="/accounts/logout/">' in top
    assert 'name="csrfmiddlewaretoken"' in top
    assert "Sign in to publish" not in html
    assert "Publish and manage content" in html


def test_signing_out_needs_a_post_with_a_token(home: Any) -> None:
    user = User.objects.create_user("leeds-editor")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 403
    assert "_auth_user_id" in client.session
    token = client.get("/challenges/").context["csrf_token"]
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_page_is_sent_to_the_one_sign_in_page(client: Client, home: Any) -> None:
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    response = client.get("/admin/login/?next=/admin/pages/3/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F3%2F"
    response = client.get("/admin/login/?next=https://elsewhere.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # Wagtail's own redirect for signed-out visitors to the admin ends on the same page.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert response.status_code == 200
