"""The product page: who uses it, where, how satisfied they are, and the case studies and patterns behind it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from marketplace.access import MIN_COUNCILS_FOR_PUBLIC_FIGURES
from marketplace.services import product_usage
from tests.factories import content as make
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bintrack(councils, waste, housing):
    product = ProductFactory(name="BinTrack", supplier__name="Civic Routes Ltd")
    product.service_areas.set([waste, housing])
    CouncilSystemFactory(
        council=councils["Leeds"],
        service_area=waste,
        product=product,
        satisfaction=4,
        contract_end=datetime.date(2028, 1, 31),
    )
    CouncilSystemFactory(council=councils["City of Bristol"], service_area=waste, product=product, satisfaction=2)
    CouncilSystemFactory(council=councils["Leeds"], service_area=housing, product=product, satisfaction=None)
    CouncilSystemFactory(council=councils["Southwark"], service_area=waste)  # another product
    return product


def test_usage_groups_councils_by_service_area_and_averages_satisfaction(bintrack):
    usage = product_usage(bintrack, show_private=True)
    assert [(area.name, [s.council.short_name for s in systems]) for area, systems in usage.by_service_area] == [
        ("Housing", ["Leeds"]),
        ("Waste and recycling", ["City of Bristol", "Leeds"]),
    ]
    assert usage.council_count == 2
    assert (usage.average_satisfaction, usage.rated_by) == (3.0, 2)


def test_product_page_lists_councils_and_only_live_linked_case_studies(client, councils, bintrack):
    leeds = councils["Leeds"]
    make.case_study(leeds, "Routing bin lorries", product_records=[bintrack])
    make.case_study(leeds, "Unpublished bin pilot", state="draft", product_records=[bintrack])
    bintrack.supported_patterns.add(make.pattern("Open waste data standard"))

    html = client.get(reverse("marketplace:product", args=[bintrack.pk])).content.decode()
    assert "Leeds City Council" in html and "Bristol City Council" in html
    assert "Southwark" not in html
    assert "Shown when at least 3 councils have rated it" in html  # two have: too few for the public
    assert "Routing bin lorries" in html
    assert "Unpublished bin pilot" not in html
    assert "Open waste data standard" in html
    assert "Civic Routes Ltd" in html


def test_product_page_shows_contract_dates_to_council_members_only(client, bintrack, bristol_member):
    url = reverse("marketplace:product", args=[bintrack.pk])
    assert "31 Jan 2028" not in client.get(url).content.decode()
    client.force_login(bristol_member)
    assert "31 Jan 2028" in client.get(url).content.decode()


def test_unknown_product_is_not_found(client, db):
    assert client.get(reverse("marketplace:product", args=[999])).status_code == 404


def test_product_list_counts_councils(client, bintrack):
    html = client.get(reverse("marketplace:products")).content.decode()
    assert "BinTrack" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in html


def test_suppliers_and_products_are_managed_as_snippets(client, bintrack, leeds_editor, superuser):
    client.force_login(superuser)
    assert "BinTrack" in client.get("/admin/snippets/marketplace/product/").content.decode()
    assert client.get(f"/admin/snippets/marketplace/supplier/edit/{bintrack.supplier.pk}/").status_code == 200
    # Council editors have no model permissions on the catalogue: Wagtail refuses them.
    client.force_login(leeds_editor)
    assert client.get(f"/admin/snippets/marketplace/product/edit/{bintrack.pk}/").status_code in (302, 403)


def test_the_public_sees_an_average_only_from_enough_councils(client, councils, bintrack):
    """With one or two councils the average gives away members-only ratings ("2.0 out of 5, from 1 council")."""
    url = reverse("marketplace:product", args=[bintrack.pk])
    assert (product_usage(bintrack).average_satisfaction, product_usage(bintrack).rated_by) == (None, 0)
    html = client.get(url).content.decode()
    assert f"Shown when at least {MIN_COUNCILS_FOR_PUBLIC_FIGURES} councils have rated it" in html
    assert "out of 5" not in html

    CouncilSystemFactory(
        council=councils["Southwark"], service_area=bintrack.service_areas.first(), product=bintrack, satisfaction=3
    )
    assert MIN_COUNCILS_FOR_PUBLIC_FIGURES == 3
    assert "3.0 out of 5, from 3 councils" in client.get(url).content.decode()


def test_the_public_cannot_tell_no_rating_from_a_few(client, councils, waste):
    unrated = ProductFactory(name="Quiet product")
    html = client.get(reverse("marketplace:product", args=[unrated.pk])).content.decode()
    assert f"Shown when at least {MIN_COUNCILS_FOR_PUBLIC_FIGURES} councils have rated it" in html
