"""Listing pages: filters, pagination and malformed parameters (never a 500)."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from core.listing import FilterSpec, ListingForm
from councils.models import CouncilPage, CouncilType, Region
from search.indexing import drain_queue, enqueue
from tests.factories import content as make

LISTINGS = ["/challenges/", "/case-studies/", "/patterns/", "/experiments/", "/councils/", "/regional-centres/"]
MALFORMED = [
    "page=abc",
    "page=-5",
    "page=0",
    "page=99999",
    "page=1.5",
    "page=" + "9" * 40,
    "page=1&page=2&page=x",
    "region=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "region=london&region=london&region=nowhere",
    "service_area=&status=bogus&stage=%27%20OR%201%3D1--",
    "maturity[]=x&evidence_strength=%FF%FE",
    "unknown=1&council_type=../../etc/passwd",
]


def test_form_keeps_known_values_deduplicated_and_drops_the_rest():
    form = ListingForm(
        QueryDict("region=b&region=zzz&region=a&region=b&page=abc"),
        [FilterSpec("region", "Region", [("a", "A"), ("b", "B")])],
    )
    assert form.filters() == {"region": ["a", "b"]}
    assert form.ignored_values()
    assert form.requested_page() is None


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
def test_malformed_parameters_never_cause_an_error(client, home, url):
    for query in MALFORMED:
        response = client.get(f"{url}?{query}")
        html = response.content.decode()
        assert response.status_code == 200, query
        assert "alert(1)" not in html, query  # unknown values are dropped, not echoed
    # A NUL is never part of a real address: it is refused before any view (sandbox_site/middleware.py).
    assert client.get(f"{url}?page=%00").status_code == 400


@pytest.mark.django_db
def test_page_numbers_out_of_range_are_clamped_and_explained(client, councils, settings):
    settings.LISTING_PAGE_SIZE = 2
    for number in range(5):
        make.challenge(councils["Leeds"], f"Challenge number {number}")

    last = client.get("/challenges/?page=99999").content.decode()
    bad = client.get("/challenges/?page=abc").content.decode()
    unknown = client.get("/challenges/?region=atlantis").content.decode()

    assert "There are only 3 pages of results, so you are seeing the last page." in last
    assert last.count('class="app-result"') == 1
    assert "The page number was not recognised, so you are seeing the first page." in bad
    assert bad.count('class="app-result"') == 2
    assert "Some filter values were not recognised and have been ignored." in unknown


@pytest.mark.django_db
def test_pagination_links_keep_the_filters(client, councils, settings):
    settings.LISTING_PAGE_SIZE = 2
    for number in range(3):
        make.challenge(councils["Leeds"], f"Open {number}", status="open")
    drain_queue()  # listing filters are answered by the search index, updated after commit
    html = client.get("/challenges/?status=open&status=open").content.decode()
    assert 'href="?status=open&amp;page=2"' in html
    assert "Showing 1 to 2 of 3" in html


@pytest.mark.django_db
def test_challenges_filter_by_region_service_area_and_status(client, councils):
    make.challenge(councils["Leeds"], "Yorkshire bins", status="open")
    make.challenge(councils["Cardiff"], "Welsh housing", status="solved", service_area=make.service_area("Housing"))
    drain_queue()

    by_region = client.get("/challenges/?region=wales").content.decode()
    by_area = client.get("/challenges/?service_area=waste-and-recycling").content.decode()
    by_status = client.get("/challenges/?status=solved").content.decode()
    both = client.get("/challenges/?region=wales&region=yorkshire-and-the-humber").content.decode()

    assert "Welsh housing" in by_region and "Yorkshire bins" not in by_region
    assert "Yorkshire bins" in by_area and "Welsh housing" not in by_area
    assert "Welsh housing" in by_status and "Yorkshire bins" not in by_status
    assert "Welsh housing" in both and "Yorkshire bins" in both
    assert 'value="wales" checked' in by_region


@pytest.mark.django_db
def test_case_studies_filter_by_stage_and_evidence_strength(client, councils):
    make.case_study(councils["Leeds"], "Live and measured", stage="live", evidence_strength="measured")
    make.case_study(councils["Leeds"], "Alpha and anecdotal", stage="alpha", evidence_strength="anecdotal")
    drain_queue()

    by_stage = client.get("/case-studies/?stage=alpha").content.decode()
    by_evidence = client.get("/case-studies/?evidence_strength=measured").content.decode()

    assert "Alpha and anecdotal" in by_stage and "Live and measured" not in by_stage
    assert "Live and measured" in by_evidence and "Alpha and anecdotal" not in by_evidence


@pytest.mark.django_db
def test_listings_leave_out_drafts_and_private_pages(client, councils):
    make.challenge(councils["Leeds"], "Public challenge")
    make.challenge(councils["Leeds"], "Draft challenge", state="draft")
    private = make.challenge(councils["Leeds"], "Private challenge")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/challenges/").content.decode()

    assert "Public challenge" in html
    assert "Draft challenge" not in html
    assert "Private challenge" not in html


@pytest.mark.django_db
def test_challenge_listing_queries_do_not_grow_with_results(client, councils, django_assert_max_num_queries):
    names = list(councils)
    for number in range(3):
        make.challenge(councils[names[number]], f"First batch {number}")
    drain_queue()
    client.get("/challenges/")  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(20) as few:
        client.get("/challenges/?region=london&region=wales&region=yorkshire-and-the-humber")
    for number in range(12):
        make.challenge(councils[names[number % len(names)]], f"Second batch {number}")
    drain_queue()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/challenges/?region=london&region=wales&region=yorkshire-and-the-humber").content
    assert html.count(b'class="app-result"') >= 6


# Councils: filtered by the search engine, like the content listings.


def _index_councils(councils) -> None:
    enqueue([council.pk for council in councils.values()])
    drain_queue()


def _listed(html: str, councils) -> set[str]:
    return {council.title for council in councils.values() if f">{council.title}</a>" in html}


@pytest.mark.django_db
def test_council_listing_filters_are_answered_by_the_search_index(client, councils):
    # Not indexed yet: the engine knows no councils, so a filter finds none (the unfiltered list still shows all).
    assert _listed(client.get("/councils/?region=wales").content.decode(), councils) == set()
    assert _listed(client.get("/councils/").content.decode(), councils) == {c.title for c in councils.values()}
    _index_councils(councils)
    assert _listed(client.get("/councils/?region=wales").content.decode(), councils) == {councils["Cardiff"].title}


@pytest.mark.django_db
def test_council_listing_shows_what_the_database_would_for_every_filter(client, councils):
    _index_councils(councils)
    regions = list(Region.objects.values_list("slug", flat=True))
    types = [value for value, _ in CouncilType.choices]
    for region in regions:
        for council_type in [None, *types]:
            query = {"region": region, **({"council_type": council_type} if council_type else {})}
            expected = CouncilPage.objects.live().filter(region__slug=region)
            if council_type:
                expected = expected.filter(council_type=council_type)
            html = client.get("/councils/", query).content.decode()
            assert _listed(html, councils) == {c.title for c in expected}, query
    both = client.get("/councils/?region=wales&region=london&council_type=county&council_type=London+borough")
    assert _listed(both.content.decode(), councils) == {councils["Southwark"].title}


@pytest.mark.django_db
def test_council_listing_leaves_out_private_and_unpublished_councils(client, councils):
    PageViewRestriction.objects.create(page=councils["Cardiff"], restriction_type=PageViewRestriction.LOGIN)
    councils["Leeds"].unpublish()
    _index_councils(councils)

    html = client.get("/councils/?region=wales&region=yorkshire-and-the-humber&region=london").content.decode()

    assert _listed(html, councils) == {councils["Southwark"].title}


@pytest.mark.django_db
def test_council_listing_queries_do_not_grow_with_results(client, councils, django_assert_max_num_queries):
    regions = ["wales", "london", "south-west", "scotland", "yorkshire-and-the-humber"]
    query = "/councils/?" + "&".join(f"region={region}" for region in regions)
    enqueue([councils["Southwark"].pk])
    drain_queue()
    client.get("/councils/")  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(20) as few:
        client.get(query)
    _index_councils(councils)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(query).content.decode()
    assert len(_listed(html, councils)) == 5  # every sample council but Cambridgeshire (East of England)


@pytest.mark.django_db
def test_listing_filters_use_the_search_pages_filter_groups(client, councils):
    make.challenge(councils["Cardiff"], "Welsh housing", status="solved")
    drain_queue()

    html = client.get("/challenges/?region=wales&status=solved").content.decode()

    # Regions are a long list: folded away, open while one is ticked, saying how many are.
    assert re.search(
        r'<details class="govuk-details app-filter-group[^"]*" open>\s*<summary[^>]*>'
        r'<span class="govuk-details__summary-text">Region or nation \(1 selected\)</span>',
        html,
    )
    # Status has three choices: always open, its legend shown. Listings show no counts.
    assert not re.search(r"<details[^>]*>\s*<summary[^>]*><span[^>]*>Status", html)
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Status</legend>' in html
    assert re.search(r'<input [^>]*id="filter-status-3" name="status" type="checkbox" value="solved" checked>', html)
    assert "app-filter-group__count" not in html
    assert 'href="?" id="clear-filters">Clear filters</a>' in html
    assert "Clear filters" not in client.get("/challenges/").content.decode()
