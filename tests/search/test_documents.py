"""Pages become SearchDocuments in one place; only live, public pages of registered types become documents."""

from __future__ import annotations

import datetime

from wagtail.models import PageViewRestriction

from core.text import MAX_BODY_LENGTH
from search import registry
from search.documents import build_document
from search.registry import OwningCouncil, searchable_models
from search.types import MAX_INDEXED_BODY
from tests.factories import content as make


def test_every_content_type_is_registered(db):
    labels = {model._meta.label for model in searchable_models()}
    assert labels == {
        "challenges.ChallengePage",
        "challenges.CaseStudyPage",
        "patterns.PatternPage",
        "experiments.ExperimentPage",
        "experiments.CollectionPage",
        "councils.CouncilPage",
    }


def test_challenge_document(councils):
    page = make.challenge(councils["Leeds"], "Missed bin collections")
    doc = build_document(page)
    assert doc.id == f"page:{page.pk}" and doc.kind == "challenge"
    assert "Reports arrive two days late." in doc.body and "**" not in doc.body  # Markdown to plain text
    assert doc.council == councils["Leeds"].title
    assert doc.facets["council_type"] == (councils["Leeds"].get_council_type_display(),)
    assert doc.facets["nation"] == (councils["Leeds"].nation,) and councils["Leeds"].nation
    assert doc.regions == (councils["Leeds"].region.name,)
    assert (doc.service_area, doc.stage) == ("Waste and recycling", "Open")
    assert set(doc.tags) == {"bins", "waste"}
    assert doc.published == page.first_published_at.date() and doc.url == page.url


def test_the_owning_council_comes_from_the_lookup_its_app_registers(councils, monkeypatch):
    page = make.challenge(councils["Leeds"], "Missed bin collections")
    monkeypatch.setattr(registry, "_owner_lookup", [])
    assert (build_document(page).council, build_document(page).regions) == ("", ())  # search alone knows no council
    facets = {"council_type": ("District council",), "nation": ("Wales",)}
    owner = OwningCouncil(name="Somewhere Council", region="Wessex", facets=facets)
    registry.register_owner_lookup(lambda page: owner)
    doc = build_document(page)
    assert (doc.council, doc.facets, doc.regions) == ("Somewhere Council", facets, ("Wessex",))


def test_case_study_document_has_partners_and_evidence(councils):
    page = make.case_study(councils["Leeds"], partner_councils=[councils["City of Bristol"]])
    doc = build_document(page)
    assert doc.partner_councils == (councils["City of Bristol"].title,)
    assert (doc.stage, doc.evidence_strength) == ("Live", "Independently evaluated")
    assert "Keep the buttons simple." in doc.body


def test_centre_content_takes_the_centres_regions(councils):
    centre = make.centre("North centre", regions=["North East", "North West"])
    experiment = make.experiment(centre, participating_councils=[councils["Leeds"]])
    doc = build_document(experiment)
    assert set(doc.regions) == {r.name for r in centre.regions.all()} and len(doc.regions) == 2
    assert doc.regional_centre == "North centre" and doc.council == ""
    assert doc.partner_councils == (councils["Leeds"].title,)
    assert doc.stage == "Running"
    collection = make.collection(centre, items=[experiment])
    assert build_document(collection).kind == "collection"
    assert f"Why: {experiment.title}" in build_document(collection).body


def test_pattern_and_council_documents(councils):
    pattern = build_document(make.pattern())
    assert (pattern.kind, pattern.stage, pattern.council) == ("pattern", "Recommended", "")
    council = build_document(councils["Cardiff"])
    assert council.kind == "council" and council.council == councils["Cardiff"].title
    assert council.regions == (councils["Cardiff"].region.name,)


def test_drafts_private_pages_and_other_types_are_not_documents(councils):
    assert build_document(make.challenge(councils["Leeds"], state="draft")) is None
    private = make.challenge(councils["City of Bristol"], "Private")
    PageViewRestriction.objects.create(page=councils["City of Bristol"], restriction_type="login")
    assert build_document(private) is None
    assert build_document(councils["Leeds"].get_parent()) is None  # the councils index page is not searchable


def test_dormant_challenges_rank_lower(councils, settings):
    settings.DORMANT_AFTER_DAYS = 30
    fresh = make.challenge(councils["Leeds"], "Fresh")
    old = make.challenge(councils["Leeds"], "Old", last_confirmed=datetime.date(2020, 1, 1))
    old.confirm(datetime.date(2020, 1, 1))
    old.refresh_from_db()
    assert old.is_dormant and not fresh.is_dormant
    assert (build_document(old).boost, build_document(fresh).boost) == (0.5, 1.0)


def test_the_indexed_body_is_bounded_per_document(councils):
    """Indexing and highlighting cost grows with the body: no page can make either unbounded."""
    long_field = ("bins " * (MAX_BODY_LENGTH // 5))[:MAX_BODY_LENGTH]
    study = make.case_study(
        councils["Leeds"], "Long write-up", problem=long_field, approach=long_field, outcomes=long_field
    )
    document = build_document(study)
    assert len(document.body) == MAX_INDEXED_BODY < 3 * MAX_BODY_LENGTH
