"""Listing pages: filters, pagination and malformed parameters (never a 500)."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from sandbox_site.listing import FilterSpec, ListingForm
from search.indexing import drain_queue
from tests.factories import pages

LISTINGS = ["/challenges/", "/case-studies/", "/patterns/", "/experiments/", "/councils/", "/regional-centres/"]
MALFORMED = [
    "page=abc",
    "page=-5",
    "page=0",
    "page=99999",
    "page=1.5",
    "page=%00",
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


@pytest.mark.django_db
def test_page_numbers_out_of_range_are_clamped_and_explained(client, councils, settings):
    settings.LISTING_PAGE_SIZE = 2
    for number in range(5):
        pages.challenge(councils["Leeds"], f"Challenge number {number}")

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
        pages.challenge(councils["Leeds"], f"Open {number}", status="open")
    drain_queue()  # listing filters are answered by the search index, updated after commit
    html = client.get("/challenges/?status=open&status=open").content.decode()
    assert 'href="?status=open&amp;page=2"' in html
    assert "Showing 1 to 2 of 3" in html


@pytest.mark.django_db
def test_challenges_filter_by_region_service_area_and_status(client, councils):
    pages.challenge(councils["Leeds"], "Yorkshire bins", status="open")
    pages.challenge(councils["Cardiff"], "Welsh housing", status="solved", service_area=pages.area("Housing"))
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
    pages.case_study(councils["Leeds"], "Live and measured", stage="live", evidence_strength="measured")
    pages.case_study(councils["Leeds"], "Alpha and anecdotal", stage="alpha", evidence_strength="anecdotal")
    drain_queue()

    by_stage = client.get("/case-studies/?stage=alpha").content.decode()
    by_evidence = client.get("/case-studies/?evidence_strength=measured").content.decode()

    assert "Alpha and anecdotal" in by_stage and "Live and measured" not in by_stage
    assert "Live and measured" in by_evidence and "Alpha and anecdotal" not in by_evidence


@pytest.mark.django_db
def test_listings_leave_out_drafts_and_private_pages(client, councils):
    pages.challenge(councils["Leeds"], "Public challenge")
    pages.challenge(councils["Leeds"], "Draft challenge", live=False)
    private = pages.challenge(councils["Leeds"], "Private challenge")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/challenges/").content.decode()

    assert "Public challenge" in html
    assert "Draft challenge" not in html
    assert "Private challenge" not in html


@pytest.mark.django_db
def test_challenge_listing_queries_do_not_grow_with_results(client, councils, django_assert_max_num_queries):
    names = list(councils)
    for number in range(3):
        pages.challenge(councils[names[number]], f"First batch {number}")
    drain_queue()
    client.get("/challenges/")  # warm per-process caches (site root paths)
    with django_assert_max_num_queries(20) as few:
        client.get("/challenges/?region=london&region=wales&region=yorkshire-and-the-humber")
    for number in range(12):
        pages.challenge(councils[names[number % len(names)]], f"Second batch {number}")
    drain_queue()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/challenges/?region=london&region=wales&region=yorkshire-and-the-humber").content
    assert html.count(b'class="app-result"') >= 6
