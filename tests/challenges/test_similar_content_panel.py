"""The admin panel listing similar published content on challenge and case study forms, and its JSON endpoint."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from councils.services import ensure_editors_group
from tests.factories import open_content
from tests.factories.open_content import LEAKED_TITLES

pytestmark = pytest.mark.django_db
world = open_content.world  # the shared module-scoped fixture

ENDPOINT = "/admin/similar-content/"


@pytest.fixture
def editor(world):
    user = get_user_model().objects.create_user("leeds-editor", "e@leeds.example", "pw")
    user.groups.add(ensure_editors_group(world["leeds"]))
    return user


def test_endpoint_returns_similar_public_content(client, editor, world):
    client.force_login(editor)
    response = client.get(ENDPOINT, {"title": "Missed bin collections", "summary": "Residents miss their bins"})
    assert response.status_code == 200
    results = response.json()["results"]
    titles = [r["title"] for r in results]
    assert "Missed bin collections" in titles
    assert not set(titles) & set(LEAKED_TITLES)
    assert set(results[0]) == {"title", "url", "kind", "council", "stage", "summary"}


def test_endpoint_leaves_out_the_page_being_edited(client, editor, world):
    client.force_login(editor)
    response = client.get(
        ENDPOINT, {"title": "Missed bin collections", "summary": "", "exclude": world["challenge"].pk}
    )
    assert "Missed bin collections" not in [r["title"] for r in response.json()["results"]]


def test_endpoint_needs_very_little_text_before_answering(client, editor, world):
    client.force_login(editor)
    assert client.get(ENDPOINT, {"title": "a"}).json() == {"results": []}


def test_endpoint_requires_admin_access(client, world):
    response = client.get(ENDPOINT, {"title": "bins"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    member = get_user_model().objects.create_user("public", "p@example.com", "pw")
    client.force_login(member)
    response = client.get(ENDPOINT, {"title": "bins"})
    assert response.status_code in (302, 403)
    assert b"Missed bin collections" not in response.content


@pytest.mark.parametrize("model", ["challengepage", "casestudypage"])
def test_panel_is_on_the_create_form(client, editor, world, model):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/challenges/{model}/{world['leeds'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Similar published content" in html
    assert f'data-endpoint="{ENDPOINT}"' in html
    assert "challenges/js/similar_content.js" in html


def test_panel_on_the_edit_form_excludes_the_page_itself(client, editor, world):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{world['challenge'].pk}/edit/")
    assert response.status_code == 200
    assert f'data-exclude="{world["challenge"].pk}"' in response.content.decode()
