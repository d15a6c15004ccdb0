"""/api/v1/search/: response shape, filters, 400s for bad parameters, the OpenAPI schema."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from search.indexing import drain_queue
from tests.factories.search_corpus import publish_corpus

URL = "/api/v1/search/"


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def test_response_shape(client: Client, corpus):
    response = client.get(URL, {"q": "sensors"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"results", "total", "page", "page_size", "facets", "suggestion", "expanded_terms"}
    assert body["total"] == 1 and body["page"] == 1 and body["page_size"] == 20
    [result] = body["results"]
    assert result["title"] == "Sensor-led bin collection routes"
    assert result["url"] == "http://testserver" + corpus["Sensor-led bin collection routes"].url
    assert result["kind"] == "case_study"
    assert result["council"] == "Bristol City Council"
    assert result["region"] == "South West"
    assert result["service_area"] == "Waste and recycling"
    assert result["stage"] == "Beta"
    assert result["summary"] == "Fill-level sensors let waste crews skip empty bins."
    assert "<mark>sensors</mark>" in result["highlight"]
    assert result["published"] == "2021-01-01"
    assert result["recommended"] is False
    kind = next(f for f in body["facets"] if f["name"] == "kind")
    assert kind["label"] == "Type of content"
    assert kind["values"] == [{"value": "case_study", "count": 1, "selected": False}]


def test_filters_pagination_suggestion_and_glossary(client: Client, corpus):
    filtered = client.get(URL, {"q": "waste", "kind": ["case_study", "pattern"], "page_size": "2"}).json()
    assert filtered["total"] == 3
    assert len(filtered["results"]) == 2
    assert {r["kind"] for r in filtered["results"]} <= {"case_study", "pattern"}
    second = client.get(URL, {"q": "waste", "kind": ["case_study", "pattern"], "page_size": "2", "page": "2"}).json()
    assert len(second["results"]) == 1
    assert {r["title"] for r in filtered["results"] + second["results"]} == {
        "Sensor-led bin collection routes",
        "Food waste recycling in flats",
        "Report a missed bin",
    }

    assert client.get(URL, {"q": "recyclng"}).json()["suggestion"] == "recycling"
    assert "waste" in client.get(URL, {"q": "rubbish"}).json()["expanded_terms"]


def test_drafts_and_private_pages_are_not_in_the_api(client: Client, corpus):
    corpus["Sensor-led bin collection routes"].unpublish()
    PageViewRestriction.objects.create(
        page=corpus["Food waste recycling in flats"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    drain_queue()

    body = client.get(URL, {"q": "waste"}).json()

    assert {r["title"] for r in body["results"]} == {"Missed bin collections in narrow streets", "Report a missed bin"}
    assert body["total"] == 2


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"page": "0"}, "page", "Page must be a whole number from 1 to 500"),
        ({"page": "abc"}, "page", "Page must be a whole number from 1 to 500"),
        ({"page": "-1"}, "page", "Page must be a whole number from 1 to 500"),
        ({"sort": "bogus"}, "sort", "Sort must be 'relevance' or 'newest'"),
        ({"page_size": "1000"}, "page_size", "Page size must be a whole number from 1 to 100"),
        ({"page_size": "0"}, "page_size", "Page size must be a whole number from 1 to 100"),
        ({"year": "20x4"}, "year", "Year must be a 4-digit year, like 2024"),
        ({"kind": "recipe"}, "kind", "Type of content must be one of: challenge, case_study, pattern"),
        ({"q": "x" * 201}, "q", "Search terms must be 200 characters or fewer"),
        ({"region": "r" * 201}, "region", "Region must be 200 characters or fewer"),
    ],
)
def test_bad_parameters_get_a_400_with_a_clear_message(client: Client, db, params, parameter, message):
    response = client.get(URL, {"q": "waste", **params})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Check the parameters"
    [error] = body["errors"]
    assert error["parameter"] == parameter
    assert error["message"].startswith(message)


def test_several_problems_are_all_reported(client: Client, db):
    response = client.get(URL, {"page": "x", "sort": "y", "year": "1"})

    assert response.status_code == 400
    assert [e["parameter"] for e in response.json()["errors"]] == ["year", "sort", "page"]


def test_openapi_schema_and_docs_are_served(client: Client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names >= {"q", "kind", "region", "council", "service_area", "stage", "tag", "year", "sort", "page"}
    assert "page_size" in names
    assert set(operation["responses"]) >= {"200", "400"}
    assert client.get("/api/v1/docs").status_code == 200


def test_ninja_type_errors_answer_400_in_the_same_shape(rf):
    # For routers with typed parameters (other apps' endpoints): never Ninja's default 422.
    from ninja.errors import ValidationError

    from sandbox_site.api import bad_parameters

    error = ValidationError([{"loc": ["query", "id"], "msg": "Input should be a valid integer"}])

    response = bad_parameters(rf.get("/api/v1/x/?id=abc"), error)

    assert response.status_code == 400
    assert json.loads(response.content) == {
        "detail": "Check the parameters",
        "errors": [{"parameter": "id", "message": "Input should be a valid integer"}],
    }
