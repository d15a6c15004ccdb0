"""Council A / council B isolation through the Wagtail admin: tree permissions are the ownership record.

Every refused attempt is also replayed by a superuser as a control, so a refusal cannot "pass" because the
request itself was malformed.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage
from councils.services import ensure_editors_group
from experiments.services import ensure_curators_group
from tests.factories import content as make

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def snapshot() -> list[tuple]:
    return sorted(
        Page.objects.values_list("id", "path", "title", "live", "latest_revision_id", "has_unpublished_changes")
    )


def refused(response) -> bool:
    """Wagtail answers a permission failure with 403, or a redirect to the admin home or sign-in page."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.rstrip("/") == "/admin" or "login" in location


def council_form(page, title: str, publish: bool = False) -> dict[str, str]:
    data = {
        "title": title,
        "slug": page.slug,
        "short_name": page.short_name,
        "website": "",
        "about": "",
        "seo_title": "",
        "search_description": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if publish:
        data["action-publish"] = "action-publish"
    return data


def challenge_form(title: str, slug: str, publish: bool = True) -> dict[str, str]:
    data = {
        "title": title,
        "slug": slug,
        "summary": "A shared problem.",
        "status": "open",
        "problem_statement": "The problem.",
        "who_is_affected": "",
        "desired_outcomes": "",
        "tags": "",
        "last_confirmed": "",
        "service_area": "",
        "seo_title": "",
        "search_description": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if publish:
        data["action-publish"] = "action-publish"
    return data


@pytest.fixture
def people(councils, superuser):
    leeds, bristol = councils["Leeds"], councils["City of Bristol"]
    editor = User.objects.create_user("leeds-editor", password="x")
    editor.groups.add(ensure_editors_group(leeds))
    return {"leeds": leeds, "bristol": bristol, "editor": login(editor), "admin": login(superuser)}


def test_editor_can_edit_publish_and_add_under_their_own_council(people):
    leeds, editor = people["leeds"], people["editor"]
    assert editor.get(reverse("wagtailadmin_pages:edit", args=[leeds.pk])).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=["challenges", "challengepage", leeds.pk])
    assert editor.get(add_url).status_code == 200

    editor.post(reverse("wagtailadmin_pages:edit", args=[leeds.pk]), council_form(leeds, "Leeds (edited)", True))
    editor.post(add_url, challenge_form("Leeds new challenge", "leeds-new-challenge"))

    leeds.refresh_from_db()
    assert leeds.title == "Leeds (edited)"
    assert ChallengePage.objects.child_of(leeds).live().filter(slug="leeds-new-challenge").exists()


def test_editor_cannot_edit_or_publish_another_councils_page(people):
    bristol, editor, admin = people["bristol"], people["editor"], people["admin"]
    url = reverse("wagtailadmin_pages:edit", args=[bristol.pk])
    before = snapshot()

    assert refused(editor.get(url))
    assert refused(editor.post(url, council_form(bristol, "Taken over")))
    assert refused(editor.post(url, council_form(bristol, "Taken over", publish=True)))
    assert snapshot() == before

    admin.post(url, council_form(bristol, "Changed by an admin", publish=True))  # control: the request is valid
    bristol.refresh_from_db()
    assert bristol.title == "Changed by an admin"


def test_editor_cannot_add_a_child_under_another_council(people):
    bristol, editor, admin = people["bristol"], people["editor"], people["admin"]
    url = reverse("wagtailadmin_pages:add", args=["challenges", "challengepage", bristol.pk])
    before = snapshot()

    assert refused(editor.get(url))
    assert refused(editor.post(url, challenge_form("Planted", "planted")))
    assert snapshot() == before

    admin.post(url, challenge_form("Admin added", "admin-added"))
    assert ChallengePage.objects.child_of(bristol).filter(slug="admin-added").exists()


def test_editor_cannot_delete_or_move_another_councils_content(people):
    bristol, leeds, editor, admin = people["bristol"], people["leeds"], people["editor"], people["admin"]
    study = make.case_study(bristol, "Bristol study")
    before = snapshot()

    delete_url = reverse("wagtailadmin_pages:delete", args=[study.pk])
    move_url = reverse("wagtailadmin_pages:move", args=[study.pk])
    confirm_url = reverse("wagtailadmin_pages:move_confirm", args=[study.pk, leeds.pk])
    assert refused(editor.get(delete_url))
    assert refused(editor.post(delete_url))
    assert refused(editor.get(move_url))
    assert refused(editor.post(confirm_url))
    assert snapshot() == before

    admin.post(confirm_url)  # control: a superuser's move goes through
    assert CaseStudyPage.objects.child_of(leeds).filter(pk=study.pk).exists()


def test_editor_cannot_edit_a_case_study_under_another_council(people):
    bristol, editor = people["bristol"], people["editor"]
    study = make.case_study(bristol, "Bristol study")
    url = reverse("wagtailadmin_pages:edit", args=[study.pk])
    before = snapshot()

    assert refused(editor.get(url))
    assert refused(editor.post(url, {"title": "Taken over", "action-publish": "action-publish"}))
    assert snapshot() == before


def test_curator_cannot_edit_another_centres_experiment(councils):
    north = make.centre("North centre", ["North East"])
    south = make.centre("South centre", ["South West"])
    own = make.experiment(north, "North experiment")
    other = make.experiment(south, "South experiment")
    curator = User.objects.create_user("north-curator", password="x")
    curator.groups.add(ensure_curators_group(north))
    client = login(curator)
    before = snapshot()

    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {"title": "Taken over", "action-publish": "action-publish"}))
    assert refused(client.get(reverse("wagtailadmin_pages:add", args=["experiments", "experimentpage", south.pk])))
    assert snapshot() == before
