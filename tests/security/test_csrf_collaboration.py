"""Every collaboration form refuses a POST without a CSRF token, and changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from challenges.models import ChallengeInterest, InterestRole
from councils.models import CouncilMembership
from patterns import services as adoption
from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import content as make
from tests.factories.people import make_user


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def _snapshot():
    return (
        list(ChallengeInterest.objects.values_list("pk", "role")),
        list(CouncilMembership.objects.values_list("pk", "council_id")),
        list(AdoptionRecord.objects.values_list("pk", "status", "assessed_on")),
    )


def test_every_post_form_enforces_csrf(
    csrf_client, challenge, pattern, leeds, bristol, leeds_editor, bristol_member, yorkshire_curator
):
    superuser = make_user("root", is_superuser=True, is_staff=True)
    interest = make.interest(challenge, bristol, InterestRole.LEAD)
    record = adoption.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.ADOPTED, datetime.date(2026, 1, 1))
    make_user("newcomer")
    before = _snapshot()
    confirmed_before = type(challenge).objects.get(pk=challenge.pk).last_confirmed
    posts = [
        (bristol_member, reverse("register_interest", args=[challenge.pk]), {"role": "partner"}),
        (bristol_member, reverse("withdraw_interest", args=[interest.pk]), {}),
        (
            leeds_editor,
            reverse("adoption_record_form", args=[pattern.pk]),
            {"status": "planned", "status_date": "2026-01-02"},
        ),
        (yorkshire_curator, reverse("adoption_assess", args=[record.pk]), {"criteria": []}),
        (superuser, reverse("council_members", args=[leeds.gss_code]), {"user": "newcomer"}),
        (superuser, reverse("council_member_remove", args=[bristol.gss_code, bristol_member.pk]), {}),
        (leeds_editor, reverse("confirm_page", args=[challenge.pk]), {}),
    ]
    for user, url, data in posts:
        csrf_client.force_login(user)
        assert csrf_client.post(url, data).status_code == 403, url
    assert _snapshot() == before
    assert type(challenge).objects.get(pk=challenge.pk).last_confirmed == confirmed_before


def test_forms_rendered_on_pages_carry_a_working_token(csrf_client, challenge, bristol_member):
    import re

    csrf_client.force_login(bristol_member)
    html = csrf_client.get(challenge.url).content.decode()
    form = html[html.index('action="/interest/challenges/') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = csrf_client.post(
        reverse("register_interest", args=[challenge.pk]), {"role": "observer", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert ChallengeInterest.objects.get().role == "observer"
