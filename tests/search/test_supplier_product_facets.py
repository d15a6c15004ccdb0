"""Supplier and product facets through the port's edges: stored JSON, the API, the search page, the ES mapping."""

from __future__ import annotations

import pytest
from django.test import Client

from search import facets
from search.engines import get_engine
from search.engines.database import store
from search.engines.elasticsearch.mapping import FACET_FIELDS, PageDocument, to_source
from search.facets import FACETS
from tests.search.contract import MARKETPLACE

API = "/api/v1/search/"


@pytest.fixture
def corpus(db):
    get_engine().rebuild(MARKETPLACE)


def test_stored_json_from_before_the_facets_still_loads():
    old = {"id": "page:1", "kind": "case_study", "title": "Bins", "url": "/bins/", "tags": ["waste"]}
    doc = store.document_from_json(old, body="Text")
    assert (doc.suppliers, doc.products, doc.tags, doc.body) == ((), (), ("waste",), "Text")


def test_stored_json_with_the_facets_round_trips():
    doc = store.document_from_json({"id": "system:1", "kind": "system", "title": "t", "url": "/", "products": ["A"]})
    assert doc.products == ("A",) and doc.suppliers == ()
    assert ("product", "A") in set(facets.facet_values(doc))


def test_api_filters_by_supplier_and_product(client: Client, corpus):
    body = client.get(API, {"kind": "system", "product": "RoundSight", "service_area": "Waste and recycling"}).json()
    assert sorted(r["council"] for r in body["results"]) == ["Bristol City Council", "Leeds City Council"]
    labels = {f["name"]: f["label"] for f in body["facets"]}
    assert (labels["supplier"], labels["product"]) == ("Supplier", "Product")
    body = client.get(API, [("supplier", "Civic Routes Ltd"), ("supplier", "Legacy Municipal Systems plc")]).json()
    assert body["total"] == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"supplier": "s" * 201}, "Supplier must be 200 characters or fewer"),
        ({"product": "p" * 201}, "Product must be 200 characters or fewer"),
        ({"product": [f"Product {n}" for n in range(21)]}, "Choose 20 or fewer values for product"),
    ],
)
def test_api_answers_400_for_bad_supplier_or_product_values(client: Client, db, params, message):
    response = client.get(API, params)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["parameter"] in params and error["message"] == message


def test_openapi_documents_the_new_parameters(client: Client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    described = {p["name"]: p.get("description", "") for p in operation["parameters"]}
    assert "Supplier name" in described["supplier"]
    assert "kind=system" in described["product"]


def test_search_page_shows_folded_supplier_and_product_facets(client: Client, corpus):
    html = client.get("/search/").content.decode()
    for label in ("Supplier", "Product"):
        assert f'<span class="govuk-details__summary-text">{label}</span>' in html
    assert 'name="product" type="checkbox" value="RoundSight"' in html
    assert 'name="supplier" type="checkbox" value="Civic Routes Ltd"' in html
    html = client.get("/search/", {"kind": "system", "product": "RoundSight"}).content.decode()
    assert "RoundSight at Leeds City Council" in html and "BinMaster Enterprise at" not in html
    assert "Council system" in html


def test_elasticsearch_mapping_has_keyword_facets():
    mapping = PageDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["suppliers"] == {"type": "keyword"} and mapping["products"] == {"type": "keyword"}
    assert set(FACET_FIELDS) == set(FACETS)
    source = to_source(MARKETPLACE[0])
    assert (source["suppliers"], source["products"]) == (["Civic Routes Ltd"], ["RoundSight"])
