"""The admin report of interest in challenges: each council sees its own rows; nobody else's; no council, no report."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import content as make
from tests.factories.people import editor_of

pytestmark = pytest.mark.django_db
URL = "/admin/challenge-interest/"


@pytest.fixture
def interests(councils):
    leeds, bristol, kent = councils["Leeds"], councils["City of Bristol"], councils["Cambridgeshire"]
    ours = make.challenge(leeds, "Missed bin collections")
    theirs = make.challenge(kent, "Pothole reports")
    make.interest(ours, bristol, "partner", pledge_staff_days=5, note="Ready")
    make.interest(theirs, leeds, "observer", pledge_data=True)
    make.interest(theirs, bristol, "partner", note="Bristol on potholes")
    return {"leeds": leeds, "bristol": bristol, "kent": kent}


def test_a_council_editor_sees_who_joined_its_challenges_and_what_it_joined(client, interests):
    client.force_login(editor_of(interests["leeds"], "leeds-editor"))
    response = client.get(URL)
    assert response.status_code == 200
    joined_ours = [(i.challenge.title, i.council.title) for i in response.context["joined_ours"]]
    assert joined_ours == [("Missed bin collections", "Bristol City Council")]
    assert [i.challenge.title for i in response.context["we_joined"]] == ["Pothole reports"]
    html = response.content.decode()
    assert "5 staff days" in html and "Ready" in html
    assert "Bristol on potholes" not in html  # another council's interest in another council's challenge


def test_the_report_is_in_the_reports_menu_only_for_people_with_a_council(client, interests):
    client.force_login(editor_of(interests["leeds"], "leeds-editor"))
    assert reverse("challenge_interest_report") in client.get("/admin/").content.decode()
    nobody = get_user_model().objects.create_user("no-council", password="x")
    nobody.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own group: admin access, no council
    client.force_login(nobody)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Interest in challenges" not in client.get("/admin/", follow=True).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, interests):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_site_administrator_sees_every_council_s_rows(client, interests, superuser):
    client.force_login(superuser)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["joined_ours"]) == 3
    assert response.context["we_joined"] is None


def test_the_report_is_headed_by_its_own_title(client, superuser):
    client.force_login(superuser)
    html = client.get(URL).content.decode()
    assert "Interest in challenges" in html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
