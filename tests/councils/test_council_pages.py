"""Council pages (with the council's collaboration sections) and the council listing."""

from __future__ import annotations

import pytest

from challenges.models import InterestRole
from experiments.models import ExperimentStatus
from patterns.models import AdoptionRecord, AdoptionStatus
from search.indexing import drain_queue, enqueue
from tests.factories import content as make


@pytest.mark.django_db
def test_council_page_shows_reference_data_content_and_data_credit(client, councils):
    leeds = councils["Leeds"]
    leeds.website = "https://www.leeds.gov.uk"
    leeds.about = "We are a **big** city."
    leeds.save_revision().publish()
    leeds.refresh_from_db()
    challenge = make.challenge(leeds, "Leeds challenge")
    study = make.case_study(leeds, "Leeds case study")
    partnered = make.case_study(councils["Southwark"], "Southwark with Leeds", partner_councils=[leeds])
    centre = make.centre()
    experiment = make.experiment(centre, "Leeds experiment", participating_councils=[leeds])
    draft = make.challenge(leeds, "Leeds draft", state="draft")

    html = client.get(leeds.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        leeds.title,
        "Leeds",
        "Metropolitan district",
        "Yorkshire and The Humber",
        "England",
        "E08000035",
        "https://www.leeds.gov.uk",
        "<strong>big</strong>",
        challenge.title,
        study.title,
        partnered.title,
        experiment.title,
        "Council data: mySociety, uk_local_authority_names_and_codes, CC BY 4.0",
    ):
        assert text in html, text
    assert draft.title not in html


@pytest.mark.django_db
def test_council_listing_filters_by_region_and_type(client, councils):
    enqueue([c.pk for c in councils.values()])  # the listing's filters are answered by the search index
    drain_queue()
    html = client.get("/councils/?region=wales").content.decode()
    assert councils["Cardiff"].title in html
    assert councils["Leeds"].title not in html

    html = client.get("/councils/?council_type=county").content.decode()
    assert councils["Cambridgeshire"].title in html
    assert councils["Cardiff"].title not in html


def test_council_profile_sections_hide_drafts_and_private_content(client, bristol, challenge, yorkshire_centre):
    draft = make.challenge(bristol, "Draft bristol challenge", state="draft")
    private = make.challenge(bristol, "Private bristol challenge")
    make.make_private(private)
    for page in (challenge, draft, private):
        make.interest(page, bristol, InterestRole.PARTNER)
    live_pattern = make.pattern("Open waste data")
    hidden_pattern = make.pattern("Hidden pattern", state="draft")
    for p in (live_pattern, hidden_pattern):
        AdoptionRecord.objects.create(
            pattern=p, council=bristol, status=AdoptionStatus.PLANNED, status_date="2026-01-01"
        )
    exp = make.experiment(yorkshire_centre, "Bin sensors trial", status=ExperimentStatus.RUNNING)
    exp.participating_councils.add(bristol)
    exp.save()
    make.case_study(bristol, "Bristol bins app")
    html = client.get(bristol.url).content.decode()
    assert "Challenges it has joined (1)" in html and "Missed bin collections" in html
    assert "Bin sensors trial" in html and "Open waste data" in html and "Bristol bins app" in html
    for hidden in ("Draft bristol challenge", "Private bristol challenge", "Hidden pattern"):
        assert hidden not in html
