"""A case study's suppliers and products have one source, its linked register products: the page, search facets, the
product's page, the open-data API and the CSV all give the same facts; 'also mentioned' text is shown, labelled, and
never a facet."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from demo.content import records
from demo.marketplace import CASE_STUDY_PRODUCTS, PRODUCTS
from marketplace.models import Product
from search import SearchQuery, get_engine
from tests.factories import content as make
from tests.factories.marketplace import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(councils, django_capture_on_commit_callbacks):
    roundsight = ProductFactory(name="RoundSight", supplier__name="Civic Routes Ltd")
    tablets = ProductFactory(name="Crew Tablet", supplier__name="Cabware plc")
    with django_capture_on_commit_callbacks(execute=True):  # indexed as on a real publish
        return make.case_study(
            councils["Leeds"],
            "Text alerts for missed bins",
            product_records=[roundsight, tablets],
            also_mentioned="In-house digital team, GOV.UK Notify",
        )


def facet(query: SearchQuery, name: str) -> dict[str, int]:
    result = get_engine().search(query)
    return {v.value: v.count for f in result.facets if f.name == name for v in f.values}


def test_every_output_gives_the_linked_products_and_their_suppliers(client, study):
    suppliers, products = ["Cabware plc", "Civic Routes Ltd"], ["Crew Tablet", "RoundSight"]
    assert (study.suppliers, study.products, study.also_mentioned_names) == (
        suppliers,
        products,
        ["In-house digital team", "GOV.UK Notify"],
    )

    html = client.get(study.url).content.decode()
    assert "Cabware plc, Civic Routes Ltd" in html
    roundsight = Product.objects.get(name="RoundSight")
    assert f'href="{reverse("marketplace:product", args=[roundsight.pk])}">RoundSight</a> from Civic Routes Ltd' in html
    assert "Also mentioned" in html and "Not in the marketplace register" in html

    product_page = client.get(reverse("marketplace:product", args=[roundsight.pk])).content.decode()
    assert study.title in product_page

    everything = SearchQuery(text="", filters={"kind": ("case_study",)})
    assert facet(everything, "supplier") == dict.fromkeys(suppliers, 1)
    assert facet(everything, "product") == dict.fromkeys(products, 1)

    detail = client.get(f"/api/v1/case-studies/{study.pk}/").json()
    assert (detail["suppliers"], detail["products"], detail["also_mentioned"]) == (
        suppliers,
        products,
        ["In-house digital team", "GOV.UK Notify"],
    )

    response = client.get("/api/v1/case-studies.csv")
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert (row["suppliers"], row["products"], row["also_mentioned"]) == (
        "Cabware plc; Civic Routes Ltd",
        "Crew Tablet; RoundSight",
        "In-house digital team; GOV.UK Notify",
    )


def test_also_mentioned_names_are_never_facet_values(study):
    everything = SearchQuery(text="", filters={"kind": ("case_study",)})
    assert "In-house digital team" not in facet(everything, "supplier")
    assert "GOV.UK Notify" not in facet(everything, "product")
    supplier_filtered = SearchQuery(text="", filters={"supplier": ("In-house digital team",)})
    assert get_engine().search(supplier_filtered).total == 0
    # ...though the words are still found by a search.
    assert [h.title for h in get_engine().search(SearchQuery(text="in-house digital team")).hits] == [study.title]


def test_a_case_study_without_products_says_none_named(client, councils):
    study = make.case_study(councils["Leeds"], "Paper forms", also_mentioned="")
    html = client.get(study.url).content.decode()
    assert html.count("None named") == 2
    assert "Also mentioned" not in html


def test_editors_see_one_products_field(admin_client, study):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[study.pk])).content.decode()
    assert 'name="product_records"' in html and 'name="also_mentioned"' in html
    assert 'name="suppliers"' not in html and 'name="products"' not in html
    assert "Products from the marketplace register" not in html


def test_demo_case_studies_link_what_the_register_has_and_mention_only_what_it_lacks():
    register = {name.casefold() for product in PRODUCTS for name in (product[0], product[1])}
    case_studies = records("case_studies.jsonl")
    studies = {(item["council"], item["slug"]) for item in case_studies}
    linked = {(council, slug) for council, slug, _ in CASE_STUDY_PRODUCTS}
    assert linked <= studies  # every demo link finds its case study
    for item in case_studies:
        mentioned = [n.strip() for n in item.get("also_mentioned", "").split(",") if n.strip()]
        # Nothing the register holds is left as text, and a linked study names no supplier beside its products'.
        assert not {n.casefold() for n in mentioned} & register, item["slug"]
        if (item["council"], item["slug"]) in linked:
            assert mentioned == [], item["slug"]
