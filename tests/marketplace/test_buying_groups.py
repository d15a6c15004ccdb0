"""Buying groups: a council starts one, others join once each, members hear when someone joins."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from marketplace import services
from marketplace.models import BuyingGroup, BuyingGroupMember
from tests.factories.marketplace import CouncilSystemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(leeds, leeds_member, waste):
    CouncilSystemFactory(
        council=leeds, service_area=waste, contract_end=datetime.date(2027, 3, 31), annual_cost_band="100k_250k"
    )
    return services.start_buying_group(
        leeds_member, name="Northern waste systems", service_area=waste, target_contract_date=datetime.date(2027, 4, 1)
    )


def test_starting_a_group_makes_the_council_its_first_member(group, leeds):
    member = group.members.get()
    assert (member.council, member.current_contract_end) == (leeds, datetime.date(2027, 3, 31))
    assert group.started_by == leeds


def test_start_form_creates_a_group(client, leeds_member, waste):
    client.force_login(leeds_member)
    response = client.post(
        reverse("marketplace:group_start"),
        {
            "name": "Waste together",
            "service_area": waste.pk,
            "target_contract_date": "2028-04-01",
            "current_contract_end": "2027-12-31",
        },
    )
    group = BuyingGroup.objects.get(name="Waste together")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert group.members.get().current_contract_end == datetime.date(2027, 12, 31)


def test_joining_notifies_the_other_members(client, group, bristol_member, leeds_member, run_tasks, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://sandbox.example.gov.uk"
    client.force_login(bristol_member)
    response = client.post(reverse("marketplace:group_join", args=[group.pk]), {"current_contract_end": "2027-09-30"})
    assert response.status_code == 302
    assert not mail.outbox  # the worker sends it, not the request
    run_tasks()
    assert group.members.count() == 2
    assert [m.to for m in mail.outbox] == [[leeds_member.email]]
    assert "Bristol City Council joined the buying group" in mail.outbox[0].subject
    assert f"https://sandbox.example.gov.uk{group.get_absolute_url()}" in mail.outbox[0].body


def test_a_council_cannot_join_twice(client, group, bristol_member, bristol):
    services.join_buying_group(bristol_member, group)
    colleague = type(bristol_member).objects.create_user("bristol-2", email="b2@example.gov.uk")
    from councils.models import CouncilMembership

    CouncilMembership.objects.create(user=colleague, council=bristol)
    client.force_login(colleague)
    response = client.post(reverse("marketplace:group_join", args=[group.pk]), {})
    assert response.status_code == 409
    html = response.content.decode()
    assert "already a member of this buying group" in html
    assert 'class="govuk-error-summary__title">There is a problem</h2>' in html  # the shared error summary
    assert BuyingGroupMember.objects.filter(group=group, council=bristol).count() == 1


def test_the_starting_council_cannot_join_its_own_group_again(group, leeds_member):
    with pytest.raises(services.BuyingGroupError):
        services.join_buying_group(leeds_member, group)


def test_group_page_shows_members_combined_spend_and_spread_of_end_dates(client, group, bristol, bristol_member, waste):
    CouncilSystemFactory(council=bristol, service_area=waste, annual_cost_band="over_1m")
    services.join_buying_group(bristol_member, group, datetime.date(2028, 9, 30))
    summary = services.group_summary(group)
    assert summary.spend_label == "£1,100,000 or more a year"
    assert (summary.earliest_end, summary.latest_end, summary.end_spread_months) == (
        datetime.date(2027, 3, 31),
        datetime.date(2028, 9, 30),
        18,
    )
    client.force_login(bristol_member)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Leeds City Council" in html and "Bristol City Council" in html
    assert "a spread of 18 months" in html
    assert "Join for" not in html  # already a member


def test_spend_band_adds_bounded_bands():
    from marketplace.services import GroupSummary

    summary = GroupSummary(
        members=[1, 2, 3],
        spend_low=150_000,
        spend_high=350_000,
        spend_unknown=1,
        earliest_end=None,
        latest_end=None,
        end_spread_months=None,
    )
    assert summary.spend_label == "£150,000 to £350,000 a year"


def test_public_and_outsiders_cannot_see_groups(client, group, outsider):
    list_response = client.get(reverse("marketplace:groups"))
    detail_response = client.get(group.get_absolute_url())
    assert list_response.status_code == 302 and detail_response.status_code == 302
    client.force_login(outsider)
    assert client.get(group.get_absolute_url()).status_code == 403
    assert client.post(reverse("marketplace:group_join", args=[group.pk])).status_code == 403
    assert group.members.count() == 1


def test_regional_curator_sees_only_groups_in_their_region(client, group, bristol_member, yorkshire_curator, waste):
    southern = services.start_buying_group(
        bristol_member, name="Southern waste", service_area=waste, target_contract_date=datetime.date(2028, 1, 1)
    )
    client.force_login(yorkshire_curator)
    html = client.get(reverse("marketplace:groups")).content.decode()
    assert "Northern waste systems" in html and "Southern waste" not in html
    assert client.get(group.get_absolute_url()).status_code == 200
    assert client.get(southern.get_absolute_url()).status_code == 404
    # A curator is not a council member: they watch, they do not join.
    assert client.post(reverse("marketplace:group_join", args=[group.pk])).status_code == 403
