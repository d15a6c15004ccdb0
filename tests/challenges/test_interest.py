"""'We have this challenge too': registering and withdrawing a council's interest, and who may."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from challenges import services
from challenges.models import ChallengeInterest, InterestRole
from tests.factories import content as make
from tests.factories.people import member_of


def register_url(challenge) -> str:
    return reverse("register_interest", args=[challenge.pk])


FORM = {
    "role": "partner",
    "pledge_staff_days": "5",
    "pledge_money": "2000",
    "pledge_data": "on",
    "note": "We have the same backlog.",
}


def test_member_registers_interest_and_owners_are_emailed(
    client, challenge, bristol, bristol_member, leeds_editor, leeds_member, run_tasks
):
    client.force_login(bristol_member)
    response = client.post(register_url(challenge), FORM)
    assert response.status_code == 302
    assert not mail.outbox  # the worker sends it, not the request
    assert run_tasks() == 1
    interest = ChallengeInterest.objects.get()
    assert (interest.council, interest.role, interest.registered_by) == (bristol, "partner", bristol_member)
    assert (interest.pledge_staff_days, interest.pledge_money, interest.pledge_data) == (5, 2000, True)
    assert interest.pledges == ["5 staff days", "£2,000", "data"]
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == [leeds_editor.email, leeds_member.email]
    assert "City of Bristol" in mail.outbox[0].subject or "Bristol" in mail.outbox[0].subject
    assert "Role: Partner" in mail.outbox[0].body


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(client, challenge):
    response = client.post(register_url(challenge), FORM)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not ChallengeInterest.objects.exists()


def test_user_without_a_council_is_refused(client, challenge, outsider):
    client.force_login(outsider)
    response = client.post(register_url(challenge), FORM)
    assert response.status_code == 403
    assert not ChallengeInterest.objects.exists()


def test_registering_twice_gives_a_clear_message_and_one_record(client, challenge, bristol, bristol_member):
    client.force_login(bristol_member)
    client.post(register_url(challenge), FORM)
    # A colleague from the same council tries again.
    client.force_login(member_of(bristol, "bristol-colleague"))
    response = client.post(register_url(challenge), {**FORM, "role": "lead"})
    assert response.status_code == 400
    assert "already registered interest" in response.content.decode()
    assert ChallengeInterest.objects.count() == 1
    assert ChallengeInterest.objects.get().role == "partner"


def test_a_role_is_required(client, challenge, bristol_member):
    client.force_login(bristol_member)
    response = client.post(register_url(challenge), {"note": "no role"})
    assert response.status_code == 400
    assert "Select the role your council would take" in response.content.decode()
    assert not ChallengeInterest.objects.exists()


def test_draft_and_private_challenges_cannot_be_joined(client, leeds, bristol_member):
    draft = make.challenge(leeds, "Draft challenge", state="draft")
    private = make.challenge(leeds, "Private challenge")
    make.make_private(private)
    client.force_login(bristol_member)
    for page in (draft, private):
        assert client.post(register_url(page), FORM).status_code == 404
    assert not ChallengeInterest.objects.exists()


def test_member_withdraws_own_councils_interest(client, challenge, bristol, bristol_member):
    interest = make.interest(challenge, bristol, InterestRole.OBSERVER)
    client.force_login(member_of(bristol, "bristol-colleague"))
    response = client.post(reverse("withdraw_interest", args=[interest.pk]))
    assert response.status_code == 302
    assert not ChallengeInterest.objects.exists()


def test_withdrawing_another_councils_interest_is_refused(client, challenge, bristol, leeds_member):
    interest = make.interest(challenge, bristol, InterestRole.LEAD)
    client.force_login(leeds_member)
    assert client.post(reverse("withdraw_interest", args=[interest.pk])).status_code == 403
    client.logout()
    anonymous = client.post(reverse("withdraw_interest", args=[interest.pk]))
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    assert ChallengeInterest.objects.filter(pk=interest.pk).exists()


def test_withdraw_needs_post(client, challenge, bristol, bristol_member):
    interest = make.interest(challenge, bristol, InterestRole.LEAD)
    client.force_login(bristol_member)
    assert client.get(reverse("withdraw_interest", args=[interest.pk])).status_code == 405
    assert ChallengeInterest.objects.exists()


def test_a_council_cannot_register_interest_in_its_own_challenge(client, challenge, leeds_member):
    client.force_login(leeds_member)
    response = client.post(register_url(challenge), FORM)
    assert response.status_code == 403
    refusal = "Leeds City Council published this challenge, so it cannot register interest in it."
    assert refusal in response.content.decode()
    assert not ChallengeInterest.objects.exists()
    # The form page says the same instead of offering the form.
    page = client.get(register_url(challenge))
    assert page.status_code == 403 and 'name="role"' not in page.content.decode()


def test_the_service_refuses_the_owner_too(challenge, leeds_member):
    with pytest.raises(services.InterestError, match="Leeds City Council published this challenge"):
        services.register_interest(leeds_member, challenge, "partner")


def test_the_challenge_page_explains_instead_of_offering_the_form_to_its_owner(client, challenge, leeds_member):
    client.force_login(leeds_member)
    html = client.get(challenge.url).content.decode()
    assert 'id="own-challenge"' in html
    assert "We have this challenge too</h3>" not in html


def test_the_funding_threshold_does_not_count_the_publishing_council(client, challenge, leeds, bristol, southwark):
    # An interest the publisher registered before refusals existed, and one from another council.
    make.interest(challenge, leeds, "partner")
    make.interest(challenge, bristol, "partner")
    html = client.get(challenge.url).content.decode()
    assert "<strong>1 council</strong> interested." in html
    assert "2 more councils needed" in html

    assert [(c.pk, c.interest_count) for c in services.most_interested()] == [(challenge.pk, 1)]
    leeds_page = client.get(leeds.url).content.decode()
    assert "Missed bin collections</a> \N{EN DASH} 1 council<" in leeds_page


def test_a_note_with_a_control_character_is_refused_and_nothing_is_saved(client, challenge, bristol_member):
    client.force_login(bristol_member)
    response = client.post(register_url(challenge), {**FORM, "note": "Same\x1b backlog"})
    assert response.status_code == 400
    assert "Note must not contain control characters: remove U+001B" in response.content.decode()
    assert not ChallengeInterest.objects.exists()
