"""Best bets: curators' pinned pages come first, marked "Recommended"; never drafts or private pages; no repeats."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from search.indexing import drain_queue
from search.promotions import apply_best_bets, matches_filters
from search.types import Hit, ResultPage, SearchDocument
from tests.factories.search_corpus import publish_corpus


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def pin(query: str, *pages: Page) -> None:
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=Query.get(query), page=page, sort_order=order)


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]+)</a>', html)


def test_pinned_pages_come_first_marked_recommended(client: Client, corpus):
    pin("Recycling", corpus["Report a missed bin"], corpus["Damp and mould in council homes"])

    html = client.get("/search/", {"q": "recycling"}).content.decode()

    found = titles(html)
    assert found[:2] == ["Report a missed bin", "Damp and mould in council homes"]
    assert "Food waste recycling in flats" in found[2:]
    assert html.count(">Recommended</strong>") == 2


def test_a_pinned_page_the_engine_also_found_is_not_repeated(client: Client, corpus):
    pin("waste", corpus["Food waste recycling in flats"])

    html = client.get("/search/", {"q": "waste"}).content.decode()

    found = titles(html)
    assert found[0] == "Food waste recycling in flats"
    assert found.count("Food waste recycling in flats") == 1
    assert len(found) == 4
    assert "<mark>" in html.split(">Recommended</strong>", 1)[1].split("</li>", 1)[0]  # keeps its highlight


def test_draft_and_private_pinned_pages_are_not_shown(client: Client, corpus):
    draft, private = corpus["Damp and mould in council homes"], corpus["Booking SEND home to school transport"]
    pin("recycling", draft, private)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    drain_queue()

    html = client.get("/search/", {"q": "recycling"}).content.decode()

    assert "Recommended" not in html
    assert draft.title not in html and private.title not in html


def test_pinned_pages_respect_filters_and_show_only_on_the_first_page(client: Client, corpus):
    pin("recycling", corpus["Report a missed bin"])

    filtered = client.get("/search/", {"q": "recycling", "kind": "case_study"}).content.decode()
    assert "Report a missed bin" not in titles(filtered)

    api = client.get("/api/v1/search/", {"q": "recycling", "page_size": "1", "page": "2"}).json()
    assert all(not r["recommended"] for r in api["results"])
    first = client.get("/api/v1/search/", {"q": "recycling", "page_size": "1"}).json()
    assert first["results"][0]["title"] == "Report a missed bin"
    assert first["results"][0]["recommended"] is True


def test_no_best_bets_when_sorting_by_newest(client: Client, corpus):
    pin("recycling", corpus["Report a missed bin"])

    html = client.get("/search/", {"q": "recycling", "sort": "newest"}).content.decode()

    assert "Recommended" not in html


DOC = SearchDocument(
    id="page:1",
    kind="case_study",
    title="t",
    url="/t/",
    council="Leeds City Council",
    partner_councils=("Bristol City Council",),
    regions=("Yorkshire and The Humber",),
    tags=("Bins",),
    suppliers=("Civic Routes Ltd",),
    products=("RoundSight",),
    published=datetime.date(2022, 5, 1),
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"kind": ("case_study", "pattern")}, True),
        ({"kind": ("pattern",)}, False),
        ({"council": ("Bristol City Council",)}, True),
        ({"region": ("London",)}, False),
        ({"tag": ("bins",), "year": ("2022",)}, True),
        ({"tag": ("bins",), "year": ("2021",)}, False),
        # A best bet was dropped whenever one of these was selected: the facets are read from one registry now.
        ({"supplier": ("Civic Routes Ltd",)}, True),
        ({"product": ("RoundSight",)}, True),
        ({"product": ("Other",)}, False),
        ({"tag": ("BINS",)}, True),
    ],
)
def test_matches_filters(filters, expected):
    assert matches_filters(DOC, filters) is expected


def test_apply_best_bets_dedupes_on_every_page_and_prepends_on_the_first():
    engine_hits = (
        Hit(id="page:1", kind="pattern", title="a", url="/a/"),
        Hit(id="page:2", kind="pattern", title="b", url="/b/"),
    )
    pinned = (Hit(id="page:2", kind="pattern", title="b", url="/b/", promoted=True),)

    first = apply_best_bets(ResultPage(hits=engine_hits, total=2, page=1, page_size=20), pinned)
    later = apply_best_bets(ResultPage(hits=engine_hits, total=30, page=2, page_size=20), pinned)

    assert [(h.id, h.promoted) for h in first.hits] == [("page:2", True), ("page:1", False)]
    assert [h.id for h in later.hits] == ["page:1"]
