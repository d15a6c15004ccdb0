"""Each app registers the listing its index page shows; core looks it up by page type."""

from __future__ import annotations

import pytest
from django.apps import apps

from core.listing import ListingPageMixin, finder_for


def test_every_listing_page_type_has_a_registered_finder():
    listing_types = [model for model in apps.get_models() if issubclass(model, ListingPageMixin)]
    assert {model._meta.label for model in listing_types} == {
        "challenges.ChallengeIndexPage",
        "challenges.CaseStudyIndexPage",
        "patterns.PatternIndexPage",
        "experiments.ExperimentIndexPage",
        "experiments.RegionalCentreIndexPage",
        "councils.CouncilIndexPage",
    }
    for model in listing_types:
        assert callable(finder_for(model._meta.label))


def test_an_unregistered_page_type_is_named_in_the_error():
    with pytest.raises(LookupError, match=r"somewhere\.NoSuchIndexPage"):
        finder_for("somewhere.NoSuchIndexPage")
