"""The partial-match fallback on the search page and the API (the engine behaviour is in contract.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from search.glossary import starter_glossary
from search.indexing import drain_queue
from search.models import DailySearchTerm
from search.planning import can_relax, plan
from search.query_parser import Term
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


def test_the_page_says_nothing_when_every_word_matched(client: Client, corpus):
    html = client.get("/search/", {"q": "damp mould"}).content.decode()

    assert "Damp and mould in council homes" in html
    assert NOTICE not in html


def test_the_api_flags_partial_matches(client: Client, corpus):
    partial = client.get("/api/v1/search/", {"q": PARTIAL}).json()
    full = client.get("/api/v1/search/", {"q": "damp mould"}).json()

    assert partial["partial_match"] is True and partial["total"] == 2
    assert full["partial_match"] is False and full["total"] == 1


def test_the_openapi_schema_documents_the_flag(client: Client, db):
    schema = client.get("/api/v1/openapi.json").json()
    response = schema["components"]["schemas"]["SearchResponse"]

    assert response["properties"]["partial_match"]["type"] == "boolean"
    assert "partial_match" in response["required"]


def test_partial_matches_never_show_drafts_or_private_pages(client: Client, corpus):
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


def test_a_partial_match_counts_as_finding_nothing_for_curators(client: Client, corpus):
    # The zero-results report is where curators find unmet needs; a partial match is one.
    client.get("/search/", {"q": PARTIAL})
    client.get("/api/v1/search/", {"q": PARTIAL})

    row = DailySearchTerm.objects.get(term=PARTIAL)
    assert row.searches == 2 and row.zero_result_searches == 2 and row.last_result_count == 0


# Planning: what the relaxed query is


def test_relaxed_plan_lets_any_typed_word_match_with_its_synonyms():
    relaxed = plan("rubbish mattresses -sofas", starter_glossary(), match="any").expanded

    [clause] = relaxed.clauses
    assert {Term(("rubbish",)), Term(("mattresses",)), Term(("waste",))} <= set(clause)
    assert relaxed.excluded == (Term(("sofas",)),)


def test_relaxed_plan_keeps_phrases_and_splits_glossary_phrases_into_the_typed_words():
    [clause] = plan('"missed collections" mattresses', starter_glossary(), match="any").expanded.clauses
    assert Term(("missed", "collections")) in clause and Term(("missed",)) not in clause

    [clause] = plan("social worker recruitment", starter_glossary(), match="any").expanded.clauses
    assert Term(("social", "worker", "recruitment")) in clause  # the glossary phrase the words make together
    assert {Term(("social",)), Term(("worker",)), Term(("recruitment",)), Term(("hiring",))} <= set(clause)


@pytest.mark.parametrize(
    ("text", "relaxable"),
    [
        ("garden mattresses", True),
        ('"missed collections" mattresses', True),
        ("mattresses", False),
        ('"missed collections"', False),
        ("the mattresses", False),
        ("mattresses -sofas", False),
        ("", False),
    ],
)
def test_only_queries_of_two_or_more_words_or_phrases_are_relaxed(text, relaxable):
    assert can_relax(text) is relaxable
