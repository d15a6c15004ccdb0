"""Graded matching on the search page and the API: honest about results with only some of the words
(the engine behaviour, on every engine, is in contract.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from search.indexing import drain_queue
from search.models import DailySearchTerm
from tests.factories.search_corpus import publish_corpus

NOTICE = "No results contain all of your words. Showing results that contain some of them."
# No page mentions both: one says sensors, another mould.
PARTIAL = "sensors mould"


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def test_the_page_says_when_results_contain_only_some_of_the_words(client: Client, corpus):
    html = client.get("/search/", {"q": PARTIAL}).content.decode()

    assert NOTICE in html
    assert "Sensor-led bin collection routes" in html and "Damp and mould in council homes" in html
    # Each result says which of the words it lacks.
    assert "Does not mention: <s>mould</s>" in html and "Does not mention: <s>sensors</s>" in html


def test_the_page_says_nothing_when_every_word_matched(client: Client, corpus):
    html = client.get("/search/", {"q": "damp mould"}).content.decode()

    assert "Damp and mould in council homes" in html
    assert NOTICE not in html


def test_the_api_flags_partial_matches(client: Client, corpus):
    partial = client.get("/api/v1/search/", {"q": PARTIAL}).json()
    full = client.get("/api/v1/search/", {"q": "damp mould"}).json()

    assert partial["partial_match"] is True and partial["total"] == 2
    assert sorted(r["missing"] for r in partial["results"]) == [["mould"], ["sensors"]]
    assert full["partial_match"] is False and full["total"] == 1 and full["results"][0]["missing"] == []


def test_the_openapi_schema_documents_the_flag(client: Client, db):
    schema = client.get("/api/v1/openapi.json").json()
    response = schema["components"]["schemas"]["SearchResponse"]

    assert response["properties"]["partial_match"]["type"] == "boolean"
    assert "partial_match" in response["required"]
    result = schema["components"]["schemas"]["SearchResult"]
    assert result["properties"]["missing"]["items"]["type"] == "string" and "missing" in result["required"]


def test_results_with_some_of_the_words_never_show_drafts_or_private_pages(client: Client, corpus):
    corpus["Sensor-led bin collection routes"].unpublish()
    PageViewRestriction.objects.create(
        page=corpus["Damp and mould in council homes"], restriction_type=PageViewRestriction.LOGIN
    )
    drain_queue()

    body = client.get("/api/v1/search/", {"q": "sensors mould waste"}).json()

    titles = {r["title"] for r in body["results"]}
    assert body["partial_match"] is True and titles
    assert "Sensor-led bin collection routes" not in titles
    assert "Damp and mould in council homes" not in titles


def test_results_with_only_some_of_the_words_count_as_finding_nothing_for_curators(client: Client, corpus):
    # The zero-results report is where curators find unmet needs; a partial match is one.
    client.get("/search/", {"q": PARTIAL})
    client.get("/api/v1/search/", {"q": PARTIAL})

    row = DailySearchTerm.objects.get(term=PARTIAL)
    assert row.searches == 2 and row.zero_result_searches == 2 and row.last_result_count == 0
