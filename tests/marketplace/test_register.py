"""The council systems register: only a council's editors change it; only council staff see the private columns."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from marketplace.models import CouncilSystem
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _form(service_area, product, **extra):
    data = {
        "service_area": service_area.pk,
        "product": product.pk,
        "contract_start": "2023-04-01",
        "contract_end": "2027-03-31",
        "annual_cost_band": "100k_250k",
        "satisfaction": "4",
        "integrates_via_open_api": "on",
        "notes": "Renewal under review.",
    }
    data.update(extra)
    return data


def test_editor_adds_a_system_to_their_own_councils_register(client, leeds, leeds_editor, waste):
    product = ProductFactory()
    client.force_login(leeds_editor)
    response = client.post(reverse("marketplace:register_add", args=[leeds.gss_code]), _form(waste, product))
    assert response.status_code == 302
    system = CouncilSystem.objects.get(council=leeds)
    assert (system.product, system.service_area, system.contract_end) == (product, waste, datetime.date(2027, 3, 31))
    assert system.satisfaction == 4 and system.integrates_via_open_api


def test_editor_cannot_add_to_another_councils_register(client, bristol, leeds_editor, waste):
    client.force_login(leeds_editor)
    response = client.post(reverse("marketplace:register_add", args=[bristol.gss_code]), _form(waste, ProductFactory()))
    assert response.status_code == 403
    assert not CouncilSystem.objects.exists()


def test_editor_cannot_change_or_remove_another_councils_entry(client, bristol, leeds_editor, waste):
    system = CouncilSystemFactory(council=bristol, service_area=waste, notes="Original")
    client.force_login(leeds_editor)
    edit = client.post(
        reverse("marketplace:register_edit", args=[system.pk]), _form(waste, system.product, notes="Hijacked")
    )
    delete = client.post(reverse("marketplace:register_delete", args=[system.pk]))
    assert (edit.status_code, delete.status_code) == (403, 403)
    system.refresh_from_db()
    assert system.notes == "Original"


def test_member_who_is_not_an_editor_cannot_change_the_register(client, leeds, leeds_member, waste):
    system = CouncilSystemFactory(council=leeds, service_area=waste)
    client.force_login(leeds_member)
    assert client.get(reverse("marketplace:register_edit", args=[system.pk])).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_before_changing_anything(client, leeds, waste):
    system = CouncilSystemFactory(council=leeds, service_area=waste)
    response = client.post(reverse("marketplace:register_delete", args=[system.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert CouncilSystem.objects.filter(pk=system.pk).exists()


def test_editor_changes_and_removes_their_own_entry(client, leeds, leeds_editor, waste):
    system = CouncilSystemFactory(council=leeds, service_area=waste)
    client.force_login(leeds_editor)
    client.post(reverse("marketplace:register_edit", args=[system.pk]), _form(waste, system.product, satisfaction="2"))
    system.refresh_from_db()
    assert system.satisfaction == 2
    assert client.get(reverse("marketplace:register_delete", args=[system.pk])).status_code == 200
    client.post(reverse("marketplace:register_delete", args=[system.pk]))
    assert not CouncilSystem.objects.filter(pk=system.pk).exists()


def test_one_entry_per_council_and_service_area(client, leeds, leeds_editor, waste):
    CouncilSystemFactory(council=leeds, service_area=waste)
    client.force_login(leeds_editor)
    response = client.post(reverse("marketplace:register_add", args=[leeds.gss_code]), _form(waste, ProductFactory()))
    assert response.status_code == 400
    assert "already has a system recorded for Waste and recycling" in response.content.decode()
    assert CouncilSystem.objects.filter(council=leeds).count() == 1


def test_contract_end_before_start_is_refused(client, leeds, leeds_editor, waste):
    client.force_login(leeds_editor)
    data = _form(waste, ProductFactory(), contract_start="2026-01-01", contract_end="2025-01-01")
    response = client.post(reverse("marketplace:register_add", args=[leeds.gss_code]), data)
    assert response.status_code == 400
    assert "Contract end date must be after the start date" in response.content.decode()
    assert not CouncilSystem.objects.exists()


@pytest.fixture
def private_entry(leeds, waste):
    return CouncilSystemFactory(
        council=leeds,
        service_area=waste,
        product=ProductFactory(name="BinTrack"),
        contract_end=datetime.date(2027, 9, 30),
        annual_cost_band="250k_500k",
        notes="Break clause in year three.",
    )


PRIVATE_TEXT = ("30 Sep 2027", "£250,000 to £500,000", "Break clause in year three", "out of 5")


def test_public_sees_which_products_a_council_uses_but_no_dates_or_costs(client, leeds, private_entry):
    html = client.get(reverse("marketplace:council_register", args=[leeds.gss_code])).content.decode()
    assert "BinTrack" in html and "Waste and recycling" in html
    for text in PRIVATE_TEXT:
        assert text not in html


def test_signed_in_non_member_sees_no_dates_or_costs(client, leeds, private_entry, outsider):
    client.force_login(outsider)
    html = client.get(reverse("marketplace:council_register", args=[leeds.gss_code])).content.decode()
    assert "BinTrack" in html
    for text in PRIVATE_TEXT:
        assert text not in html


def test_member_of_any_council_sees_dates_and_costs(client, leeds, private_entry, bristol_member):
    client.force_login(bristol_member)
    html = client.get(reverse("marketplace:council_register", args=[leeds.gss_code])).content.decode()
    for text in PRIVATE_TEXT:
        assert text in html
    assert reverse("marketplace:register_edit", args=[private_entry.pk]) not in html  # sees, cannot change


def test_council_page_section_hides_private_columns_from_the_public(leeds, private_entry, leeds_member):
    template = Template("{% load marketplace_tags %}{% council_register council %}")
    request = RequestFactory().get(leeds.url)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    public = template.render(Context({"request": request, "council": leeds}))
    request.user = leeds_member
    member = template.render(Context({"request": request, "council": leeds}))
    assert "BinTrack" in public and "BinTrack" in member
    assert "30 Sep 2027" not in public and "30 Sep 2027" in member
    assert 'id="systems-register-heading"' in public


def test_council_page_shows_the_register_section_without_private_details(client, leeds, private_entry):
    html = client.get(leeds.url).content.decode()
    assert 'id="systems-register-heading"' in html and "BinTrack" in html
    for text in PRIVATE_TEXT:
        assert text not in html


def test_form_errors_are_tied_to_their_fields(client, leeds, leeds_editor, waste):
    client.force_login(leeds_editor)
    data = _form(waste, ProductFactory(), contract_start="2026-01-01", contract_end="2025-01-01")
    html = client.post(reverse("marketplace:register_add", args=[leeds.gss_code]), data).content.decode()
    assert '<a href="#id_contract_end">' in html  # the error summary links to the field
    assert 'aria-describedby="id_contract_end-error"' in html
    assert 'id="id_contract_end-error"' in html
