"""The nation facet: each council's nation, counted and filterable on the search page and the API."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from wagtail.models import Page

from councils.models import CouncilPage
from search.facets import FACET_LABELS
from tests.factories.search_corpus import publish_corpus


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def _nations() -> dict[str, str]:
    return dict(CouncilPage.objects.values_list("title", "nation"))


def test_the_search_page_counts_and_filters_by_nation(client: Client, corpus):
    html = client.get("/search/").content.decode()
    assert FACET_LABELS["nation"] in html
    assert re.search(r'name="nation" type="checkbox" value="Wales"', html)

    filtered = client.get("/search/", {"nation": "Wales"}).content.decode()
    assert "Damp and mould in council homes" in filtered  # Cardiff's challenge
    assert "Sensor-led bin collection routes" not in filtered  # Bristol's case study
    assert re.search(r'name="nation" type="checkbox" value="Wales"[^>]*checked', filtered)


def test_the_api_reports_nation_counts_and_filters_by_nation(client: Client, corpus):
    body = client.get("/api/v1/search/").json()
    [nation] = [f for f in body["facets"] if f["name"] == "nation"]
    assert nation["label"] == "Nation"
    counts = {v["value"]: v["count"] for v in nation["values"]}
    nations = _nations()
    expected: dict[str, int] = {}
    for result in body["results"]:
        if result["council"]:
            expected[nations[result["council"]]] = expected.get(nations[result["council"]], 0) + 1
    assert counts == expected and counts["Wales"] >= 1 and counts["England"] >= 1

    wales = client.get("/api/v1/search/", {"nation": "Wales"}).json()
    assert wales["total"] == counts["Wales"]
    assert {nations[r["council"]] for r in wales["results"] if r["council"]} == {"Wales"}


def test_the_api_schema_documents_the_nation_filter(client: Client, db):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert "England, Scotland, Wales or Northern Ireland" in parameters["nation"]["description"]
