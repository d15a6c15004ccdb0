"""A control character in the register, a buying group, a supplier or an imported file: refused, nothing saved."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from marketplace.models import BuyingGroup, CouncilSystem, Product, Supplier
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory
from tests.marketplace.test_import import HEADER

pytestmark = pytest.mark.django_db


def _register_form(service_area, product, notes: str) -> dict[str, object]:
    return {"service_area": service_area.pk, "product": product.pk, "notes": notes}


def test_adding_to_the_register_refuses_a_control_character(client, leeds, leeds_editor, waste):
    client.force_login(leeds_editor)
    url = reverse("marketplace:register_add", args=[leeds.gss_code])
    response = client.post(url, _register_form(waste, ProductFactory(), "Renewal\x1b[31m under review"))
    assert response.status_code == 400
    assert "Notes must not contain control characters: remove U+001B" in response.content.decode()
    assert not CouncilSystem.objects.exists()


def test_editing_the_register_refuses_a_control_character(client, leeds, leeds_editor, waste):
    system = CouncilSystemFactory(council=leeds, service_area=waste, notes="Original")
    client.force_login(leeds_editor)
    url = reverse("marketplace:register_edit", args=[system.pk])
    response = client.post(url, _register_form(waste, system.product, "Bell\x07"))
    assert response.status_code == 400
    assert "Notes must not contain control characters: remove U+0007" in response.content.decode()
    system.refresh_from_db()
    assert system.notes == "Original"


def test_pasted_line_breaks_in_register_notes_become_new_lines(client, leeds, leeds_editor, waste):
    client.force_login(leeds_editor)
    url = reverse("marketplace:register_add", args=[leeds.gss_code])
    response = client.post(url, _register_form(waste, ProductFactory(), "First\x0bsecond"))
    assert response.status_code == 302
    assert CouncilSystem.objects.get(council=leeds).notes == "First\nsecond"


@pytest.mark.parametrize("field", ["name", "description"])
def test_starting_a_buying_group_refuses_a_control_character(client, leeds_member, waste, field):
    client.force_login(leeds_member)
    data = {"name": "Waste together", "service_area": waste.pk, "target_contract_date": "2028-04-01"}
    data[field] = "Waste\x1btogether"
    response = client.post(reverse("marketplace:group_start"), data)
    assert response.status_code == 400
    assert "must not contain control characters: remove U+001B" in response.content.decode()
    assert not BuyingGroup.objects.exists()


def test_the_supplier_admin_refuses_a_control_character(client, home, superuser):
    # Wagtail's admin shows an invalid form again with its own status (200), as the page editor does.
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailsnippets_marketplace_supplier:add"), {"name": "Civic\x1b Routes", "website": ""}
    )
    assert "Name must not contain control characters: remove U+001B" in response.content.decode()
    assert not Supplier.objects.exists()


def test_an_import_with_a_control_character_imports_nothing(tmp_path, councils):
    path = tmp_path / "systems.csv"
    path.write_text(
        HEADER
        + "Leeds,Waste and recycling,BinTrack,Civic Routes,,,,,,Fine,,\n"
        + "Cardiff,Housing,Homes\x00360,Tenancy Tech,,,,,,,,\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_systems", str(path), stdout=StringIO(), stderr=err)
    assert "Line 3: product must not contain a null character (U+0000)" in err.getvalue()
    assert not (CouncilSystem.objects.exists() or Product.objects.exists() or Supplier.objects.exists())


def test_an_import_turns_pasted_line_breaks_into_whitespace(tmp_path, councils):
    path = tmp_path / "systems.csv"
    path.write_text(HEADER + "Leeds,Waste and recycling,Bin\x0bTrack,Civic Routes,,,,,,First\x0csecond,,\n")
    call_command("import_systems", str(path), stdout=StringIO(), stderr=StringIO())
    system = CouncilSystem.objects.get()
    assert (system.product.name, system.notes) == ("Bin Track", "First\nsecond")
