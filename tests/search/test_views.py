"""The /search/ page: real indexed pages, facets that work without JavaScript, notices, escaping, autocomplete."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from search import forms as search_forms
from search.engines import reset_engine
from search.indexing import drain_queue
from tests.factories.search_corpus import publish_corpus


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def result_titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]+)</a>', html)


def checkbox(html: str, name: str, value: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}" type="checkbox" value="{re.escape(value)}"[^>]*>', html)
    assert match, f"no {name}={value} checkbox"
    return match.group(0)


def test_results_show_facets_counts_highlights_and_details(client: Client, corpus):
    response = client.get("/search/", {"q": "sensors"})

    assert response.status_code == 200
    html = response.content.decode()
    assert result_titles(html) == ["Sensor-led bin collection routes"]
    assert "<mark>sensors</mark>" in html  # the engine's highlight, rendered as HTML
    assert "<strong>1</strong> result for \u2018sensors\u2019" in html
    assert "Case study · Bristol City Council · South West · Waste and recycling · Beta" in html
    assert '<time datetime="2021-01-01">1 January 2021</time>' in html
    assert 'value="challenge"' not in html  # the kind facet only lists kinds that have results
    assert re.search(r'for="filter-kind-1">Case study <span class="app-filter-group__count">\(1', html)
    assert "Apply filters" in html
    assert "Clear filters" not in html


def test_facet_form_round_trip_without_javascript(client: Client, corpus):
    everything = client.get("/search/", {"q": "waste"}).content.decode()
    assert len(result_titles(everything)) == 4
    assert "checked" not in checkbox(everything, "kind", "case_study")

    # Ticking a box and pressing "Apply filters" submits the GET form: q, sort and the ticked values.
    filtered = client.get("/search/", {"q": "waste", "sort": "relevance", "kind": "case_study"}).content.decode()

    assert sorted(result_titles(filtered)) == ["Food waste recycling in flats", "Sensor-led bin collection routes"]
    assert "checked" in checkbox(filtered, "kind", "case_study")
    # Other kinds keep their counts (disjunctive facets), so the user can widen the filter.
    assert "checked" not in checkbox(filtered, "kind", "challenge")
    assert 'id="clear-filters"' in filtered
    assert 'href="?q=waste" id="clear-filters"' in filtered


def test_combined_filters_narrow_results(client: Client, corpus):
    response = client.get(
        "/search/", {"q": "waste", "kind": ["case_study", "challenge"], "region": "South West", "year": "2021"}
    )

    html = response.content.decode()
    assert result_titles(html) == ["Sensor-led bin collection routes"]
    assert "checked" in checkbox(html, "region", "South West")
    assert "checked" in checkbox(html, "year", "2021")


def test_selected_value_with_no_results_stays_checked(client: Client, corpus):
    html = client.get("/search/", {"q": "sensors", "region": "Wales"}).content.decode()

    assert result_titles(html) == []
    assert "No results found" in html
    assert "checked" in checkbox(html, "region", "Wales")


def test_did_you_mean_links_to_the_corrected_search(client: Client, corpus):
    html = client.get("/search/", {"q": "recyclng", "kind": "case_study"}).content.decode()

    assert (
        'id="did-you-mean">Did you mean <a class="govuk-link" href="?q=recycling&amp;kind=case_study">recycling</a>'
        in html
    )


def test_glossary_notice_lists_the_terms_also_searched(client: Client, corpus):
    html = client.get("/search/", {"q": "rubbish"}).content.decode()

    notice = re.search(r'id="glossary-notice">Also searching for: ([^<]+)</p>', html)
    assert notice and "waste" in notice.group(1) and "refuse" in notice.group(1)
    assert "Missed bin collections in narrow streets" in result_titles(html)


def test_a_misspelt_glossary_term_is_corrected_and_its_synonyms_searched(client: Client, corpus):
    html = client.get("/search/", {"q": "rubish colection"}).content.decode()

    assert 'href="?q=rubbish+collection">rubbish collection</a>?' in html
    notice = re.search(r'id="glossary-notice">Also searching for: ([^<]+)</p>', html)
    assert notice and {"rubbish", "waste", "collection"} <= set(notice.group(1).split(", "))
    assert "Missed bin collections in narrow streets" in result_titles(html)


def test_a_link_skips_the_filters_to_the_results(client: Client, corpus):
    html = client.get("/search/", {"q": "sensors"}).content.decode()

    assert '<a class="govuk-link search-skip-to-results" href="#search-results">Skip to 1 result</a>' in html
    assert html.index("search-skip-to-results") < html.index("Filter results") < html.index('id="search-results"')


def test_no_filters_or_skip_link_when_nothing_matches(client: Client, corpus):
    html = client.get("/search/", {"q": "xyzzy"}).content.decode()

    assert "No results found" in html
    assert 'href="/challenges/">Look through the shared challenges</a>' in html  # an unmet need: ask others
    assert 'href="/admin/">sign in to publish a shared challenge</a>' in html
    assert "Filter results" not in html and "Apply filters" not in html and "search-skip-to-results" not in html
    filtered = client.get("/search/", {"q": "xyzzy", "region": "London"}).content.decode()
    assert "Clear filters" in filtered and 'value="London" checked' in filtered  # a ticked filter can be undone
    assert "search-skip-to-results" not in filtered


def test_no_shared_challenge_prompt_while_there_are_results(client: Client, corpus):
    assert 'id="unmet-need"' not in client.get("/search/", {"q": "sensors"}).content.decode()
    assert 'id="unmet-need"' not in client.get("/search/", {"region": "Atlantis"}).content.decode()  # no words typed


def test_echoed_query_is_escaped(client: Client, corpus):
    payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'

    html = client.get("/search/", {"q": payload}).content.decode()

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_over_long_query_shows_an_error_summary(client: Client, corpus):
    response = client.get("/search/", {"q": "bins " * 50})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#search-q">Search terms must be 200 characters or fewer</a>' in html
    assert "govuk-input--error" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": "waste", "page": "abc"},
        {"q": "waste", "page": "0"},
        {"q": "waste", "page": "-5"},
        {"q": "waste", "page": "999999"},
        {"q": "waste", "sort": "bogus"},
        {"q": "waste", "year": "20x4"},
        {"q": "waste", "kind": "<script>"},
        {"q": "waste", "page_size": "1000"},
    ],
)
def test_unusable_parameters_are_ignored_not_errors(client: Client, corpus, params):
    response = client.get("/search/", params)

    assert response.status_code == 200
    assert len(result_titles(response.content.decode())) == 4


def test_page_beyond_the_last_offers_the_first_page(client: Client, corpus):
    html = client.get("/search/", {"q": "waste", "page": "7"}).content.decode()

    assert "There are no results on this page" in html
    assert 'href="?q=waste"' in html


def test_sort_by_newest_orders_by_date(client: Client, corpus):
    html = client.get("/search/", {"q": "waste", "sort": "newest"}).content.decode()

    assert result_titles(html) == [
        "Food waste recycling in flats",
        "Missed bin collections in narrow streets",
        "Report a missed bin",
        "Sensor-led bin collection routes",
    ]
    assert '<strong aria-current="true">Newest</strong>' in html


def test_empty_search_lists_everything_with_facets(client: Client, corpus):
    html = client.get("/search/").content.decode()

    assert len(result_titles(html)) == 6
    assert "result for" not in html


def test_drafts_and_private_pages_never_show(client: Client, corpus):
    sensors = corpus["Sensor-led bin collection routes"]
    sensors.unpublish()
    food = corpus["Food waste recycling in flats"]
    PageViewRestriction.objects.create(page=food, restriction_type=PageViewRestriction.LOGIN)
    drain_queue()

    html = client.get("/search/", {"q": "waste"}).content.decode()

    assert sorted(result_titles(html)) == ["Missed bin collections in narrow streets", "Report a missed bin"]
    assert 'value="case_study"' not in html  # not even in the facet counts


def test_degraded_results_show_a_notice(client: Client, corpus, settings):
    # A real Elasticsearch engine pointed at a closed port: the database engine answers, marked degraded.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_engine()
    try:
        html = client.get("/search/", {"q": "sensors"}).content.decode()
    finally:
        settings.ELASTICSEARCH_URL = ""
        reset_engine()

    assert "Results may be less complete than usual" in html
    assert result_titles(html) == ["Sensor-led bin collection routes"]


def test_pagination_links_keep_the_words_and_filters(client: Client, corpus, monkeypatch):
    monkeypatch.setattr(search_forms, "PAGE_SIZE", 1)

    html = client.get("/search/", {"q": "waste", "kind": "case_study", "page": "2"}).content.decode()

    assert 'href="?q=waste&amp;kind=case_study&amp;page=1" rel="prev"' in html
    assert 'href="?q=waste&amp;kind=case_study&amp;page=2" aria-label="Page 2" aria-current="page"' in html
    assert 'rel="next"' not in html  # two case studies mention waste: page 2 is the last


def test_autocomplete_suggests_titles_and_tags(client: Client, corpus):
    response = client.get("/search/autocomplete/", {"q": "sens"})

    assert response.status_code == 200
    suggestions = response.json()
    assert "Sensor-led bin collection routes" in suggestions
    assert "sensors" in suggestions
    assert client.get("/search/autocomplete/", {"q": "s"}).json() == []
    assert client.get("/search/autocomplete/", {"q": "x" * 500}).json() == []


def test_autocomplete_never_suggests_drafts(client: Client, corpus):
    corpus["Sensor-led bin collection routes"].unpublish()
    drain_queue()

    assert "Sensor-led bin collection routes" not in client.get("/search/autocomplete/", {"q": "sens"}).json()


def test_page_is_progressively_enhanced_with_accessible_autocomplete(client: Client, corpus):
    html = client.get("/search/").content.decode()

    assert "accessible-autocomplete/dist/accessible-autocomplete.min.js" in html
    assert "js/search-autocomplete.js" in html
    assert 'data-autocomplete-url="/search/autocomplete/"' in html
    assert '<label class="govuk-label govuk-label--m" for="search-q">' in html


def test_long_facets_fold_away_unless_one_is_ticked(client: Client, corpus):
    folded = r'<details class="govuk-details app-filter-group[^"]*"{}>\s*<summary[^>]*><span[^>]*>{}</span>'

    html = client.get("/search/", {"q": "waste"}).content.decode()
    assert re.search(folded.format("", "Council"), html)
    assert not re.search(folded.format("[^>]*", "Region"), html)  # the main facets stay open

    html = client.get("/search/", {"q": "waste", "tag": "bins"}).content.decode()
    assert re.search(folded.format(" open", r"Tag \(1 selected\)"), html)
