"""Listing pages answer their filters from the search engine (search/listing_filter.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page

from challenges.models import ChallengeStatus
from councils.models import Region
from search.indexing import drain_queue
from search.listing_filter import labels_for, matching_page_ids, names_for
from tests.factories.search_corpus import publish_corpus


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def test_slugs_and_choice_values_become_indexed_names_and_labels(home):
    assert names_for(Region, ["wales", "london", "atlantis"]) == ("London", "Wales")
    assert labels_for(ChallengeStatus, ["being_worked_on", "bogus"]) == ("Being worked on",)


def test_matching_page_ids_come_from_the_index(corpus):
    waste = {corpus[t].pk for t in ("Sensor-led bin collection routes", "Food waste recycling in flats")}

    assert set(matching_page_ids("case_study", {"service_area": ("Waste and recycling",)})) == waste
    assert matching_page_ids("pattern", {"region": ("London",)}) == []


def test_listing_filters_agree_with_the_index(client: Client, corpus):
    html = client.get("/challenges/?status=being_worked_on").content.decode()
    assert "Damp and mould in council homes" in html
    assert "Missed bin collections in narrow streets" not in html

    regional = client.get("/case-studies/?region=south-west&region=london").content.decode()
    assert "Sensor-led bin collection routes" in regional and "Food waste recycling in flats" in regional
    assert "Booking SEND home to school transport" not in regional

    # Unpublishing takes a page out of the index, and so out of filtered listings at once.
    corpus["Food waste recycling in flats"].unpublish()
    drain_queue()
    regional = client.get("/case-studies/?region=south-west&region=london").content.decode()
    assert "Food waste recycling in flats" not in regional
    assert "Sensor-led bin collection routes" in regional
