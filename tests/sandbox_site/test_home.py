"""The home page: intro, sections, counts, latest case studies, open challenges and the most interested ones."""

from __future__ import annotations

import pytest

from tests.factories import content as make


@pytest.mark.django_db
def test_home_page_shows_sections_counts_latest_case_studies_and_open_challenges(client, councils):
    make.challenge(councils["Leeds"], "An open challenge", status="open")
    make.challenge(councils["Leeds"], "A solved challenge", status="solved")
    make.challenge(councils["Leeds"], "A draft challenge", state="draft")
    make.case_study(councils["Cardiff"], "A Welsh case study")

    html = client.get("/").content.decode()

    assert html.count("<h1") == 1
    assert "Find what other councils have already tried" in html
    for section in ("Councils", "Shared challenges", "Case studies", "Patterns and standards", "Experiments"):
        assert section in html
    assert '<span class="app-stat__value">2</span><span class="app-stat__label">shared challenges</span>' in html
    assert '<span class="app-stat__value">6</span><span class="app-stat__label">councils</span>' in html
    assert "An open challenge" in html
    assert "A solved challenge" not in html
    assert "A draft challenge" not in html
    assert "A Welsh case study" in html


@pytest.mark.django_db
def test_home_page_search_box_offers_the_search_pages_autocomplete(client, home):
    html = client.get("/").content.decode()

    assert 'action="/search/"' in html
    assert 'id="home-search-container"' in html and 'data-autocomplete-url="/search/autocomplete/"' in html
    assert "accessible-autocomplete/dist/accessible-autocomplete.min.js" in html
    assert "accessible-autocomplete/dist/accessible-autocomplete.min.css" in html
    assert "js/search-autocomplete.js" in html


def test_most_interested_challenges_on_home_page_exclude_hidden(client, home, challenge, councils):
    bristol = councils["City of Bristol"]
    private = make.challenge(councils["Leeds"], "Private but popular")
    make.make_private(private)
    for council in councils.values():
        make.interest(private, council)
    make.interest(challenge, bristol)
    html = client.get("/").content.decode()
    assert "Challenges with the most councils interested" in html
    assert "Missed bin collections</a> \u2013 1 council interested" in html
    assert "Private but popular" not in html
