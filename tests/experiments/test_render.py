"""Regional centre, experiment and collection pages show every structured field, a centre's experiments by status
and an experiment's timeline."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import PageViewRestriction

from experiments.models import ExperimentStatus
from search.indexing import drain_queue
from tests.factories import content as make


@pytest.mark.django_db
def test_regional_centre_page_shows_regions_contact_experiments_and_collections(client, councils):
    centre = make.centre("North centre", ["North East", "North West"])
    experiment = make.experiment(centre, "Predicting missed bins")
    collection = make.collection(centre, "Bin collections reading list", [experiment])

    html = client.get(centre.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        "North centre runs sandbox pilots.",
        "North East, North West",
        "north@example.org",
        "We test ideas with councils.",
        experiment.title,
        collection.title,
    ):
        assert text in html, text


@pytest.mark.django_db
def test_experiment_page_shows_all_its_fields(client, councils):
    challenge = make.challenge(councils["Leeds"], "Missed bin collections")
    study = make.case_study(councils["Leeds"], "Text alerts for missed bins")
    centre = make.centre()
    experiment = make.experiment(
        centre, participating_councils=[councils["Leeds"], councils["Cardiff"]], challenge=challenge, case_study=study
    )

    html = client.get(experiment.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        "Predicting missed bins",
        "Running",
        "From 1 April 2026 to 31 March 2027",
        "Waste and recycling",
        centre.title,
        councils["Leeds"].title,
        councils["Cardiff"].title,
        "Missed bin collections",
        "Text alerts for missed bins",
        "Crew data predicts missed bins.",
        "Weekly predictions.",
        "Share of missed bins predicted.",
        "Most were predicted.",
        "bins",
    ):
        assert text in html, text


@pytest.mark.django_db
def test_collection_page_lists_public_items_in_order_with_notes(client, councils):
    centre = make.centre()
    first = make.challenge(councils["Leeds"], "First item")
    second = make.pattern("Second item")
    draft = make.challenge(councils["Leeds"], "Draft item", state="draft")
    private = make.challenge(councils["Cardiff"], "Private item")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    collection = make.collection(centre, items=[first, second, draft, private])

    html = client.get(collection.url).content.decode()

    assert html.count("<h1") == 1
    assert "Start here." in html
    assert html.index("First item") < html.index("Second item")
    assert "Why: First item" in html
    assert "Shared challenge" in html and "Pattern" in html
    assert "Draft item" not in html
    assert "Private item" not in html


@pytest.mark.django_db
def test_experiment_listing_filters_by_status_and_centre_region(client, councils):
    north = make.centre("North centre", ["North East"])
    wales = make.centre("Wales centre", ["Wales"])
    make.experiment(north, "Northern running", status="running")
    make.experiment(wales, "Welsh concluded", status="concluded")
    drain_queue()  # listing filters are answered by the search index, updated after commit

    by_status = client.get("/experiments/?status=concluded").content.decode()
    by_region = client.get("/experiments/?region=north-east").content.decode()

    assert "Welsh concluded" in by_status and "Northern running" not in by_status
    assert "Northern running" in by_region and "Welsh concluded" not in by_region


def test_centre_page_groups_experiments_and_lists_councils_and_collections(client, yorkshire_centre, leeds, bristol):
    running = make.experiment(yorkshire_centre, "Running trial", status=ExperimentStatus.RUNNING)
    make.experiment(yorkshire_centre, "Finished trial", status=ExperimentStatus.CONCLUDED)
    make.experiment(yorkshire_centre, "Draft trial", status=ExperimentStatus.RUNNING, state="draft")
    running.participating_councils.add(leeds)
    running.save()
    featured = make.collection(yorkshire_centre, "Best of bins", [running])
    featured.featured = True
    featured.save_revision().publish()
    html = client.get(yorkshire_centre.url).content.decode()
    assert "Running (1)" in html and "Concluded (1)" in html and "Proposed (0)" in html
    assert "Draft trial" not in html
    assert "Councils taking part (1)" in html and leeds.title in html
    assert 'Best of bins</a> <strong class="govuk-tag govuk-tag--blue">Featured</strong>' in html
    home_html = client.get("/").content.decode()
    assert "Featured collections" in home_html and "Best of bins" in home_html


def test_experiment_timeline_and_missing_case_study_prompt(client, yorkshire_centre, leeds):
    exp = make.experiment(
        yorkshire_centre,
        "Food waste trial",
        status=ExperimentStatus.CONCLUDED,
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 10, 1),
    )
    html = client.get(exp.url).content.decode()
    assert "<strong>1 April 2025</strong>: Started" in html and "<strong>1 October 2025</strong>: Ended" in html
    assert "Its case study has not been written up yet" in html
    exp.case_study = make.case_study(leeds, "Food waste write-up")
    exp.save_revision().publish()
    assert "not been written up" not in client.get(exp.url).content.decode()
