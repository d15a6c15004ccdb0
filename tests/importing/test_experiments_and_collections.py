"""Experiments and collections import under the regional centre that runs them; a page's address and last
confirmed date can be given; a file can be imported again to add only its new records."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from challenges.models import ChallengePage
from councils.models import CouncilPage
from experiments.models import CollectionPage, ExperimentPage, RegionalCentrePage
from experiments.services import ensure_curators_group
from importing.parsing import read_records
from importing.services import import_file, import_records
from importing.template import csv_template, json_schema
from tests.factories import open_content as content

CHALLENGE = {
    "kind": "challenge",
    "title": "Missed bin collections in narrow streets",
    "summary": "Crews cannot reach bins on narrow terraced streets.",
    "body": "Lorries cannot turn in narrow streets.",
    "council": "Leeds",
}
CASE_STUDY = {
    "kind": "case_study",
    "title": "Smaller lorries for narrow streets",
    "summary": "Two small lorries reach every street.",
    "council": "Leeds",
}
PATTERN = {
    "kind": "pattern",
    "title": "Plan rounds around street width",
    "summary": "Match the lorry to the street.",
    "solution": "Record street widths and plan rounds with them.",
}
EXPERIMENT = {
    "kind": "experiment",
    "title": "Narrow-street rounds with small lorries",
    "summary": "Testing small lorries on narrow streets.",
    "centre": "North centre",
    "service_area": "Waste and recycling",
    "status": "running",
    "start_date": "2026-04-01",
    "end_date": "2027-03-31",
    "hypothesis": "Small lorries will halve missed collections on narrow streets.",
    "what_is_tested": "Two small lorries on three rounds.",
    "results": "Interim: fewer missed bins.",
    "participating_councils": ["Leeds", "City of Bristol"],
    "challenge": CHALLENGE["title"],
    "case_study": CASE_STUDY["title"],
    "tags": ["bins", "lorries"],
}
COLLECTION = {
    "kind": "collection",
    "title": "Bins on narrow streets",
    "summary": "Everything about collecting bins from narrow streets.",
    "centre": "north-centre",  # by its slug
    "intro": "Start with the challenge.",
    "items": [
        {"kind": "challenge", "title": CHALLENGE["title"], "note": "The problem."},
        {"kind": "experiment", "title": EXPERIMENT["title"], "note": "Running now."},
        {"kind": "case_study", "title": CASE_STUDY["title"]},
        {"kind": "pattern", "title": PATTERN["title"], "note": "What works."},
    ],
}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def centres(councils: dict[str, CouncilPage]) -> dict[str, RegionalCentrePage]:
    return {
        "north": content.centre("North centre", ["Yorkshire and The Humber"], slug="north-centre"),
        "south": content.centre("South centre", ["South West"], slug="south-centre"),
    }


def test_experiments_and_collections_import_under_their_centre_with_every_link(centres, tmp_path):
    path = write_jsonl(tmp_path / "content.jsonl", [COLLECTION, EXPERIMENT, CHALLENGE, CASE_STUDY, PATTERN])

    result = import_file(path)

    assert result.rejected == []
    experiment = ExperimentPage.objects.get()
    assert experiment.get_parent().pk == centres["north"].pk and experiment.live
    assert (experiment.status, experiment.start_date) == ("running", datetime.date(2026, 4, 1))
    assert experiment.what_is_tested == EXPERIMENT["what_is_tested"]
    assert {c.short_name for c in experiment.participating_councils.all()} == {"Leeds", "City of Bristol"}
    assert experiment.challenge.title == CHALLENGE["title"]
    assert experiment.case_study.title == CASE_STUDY["title"]
    assert set(experiment.tags.names()) == {"bins", "lorries"}
    collection = CollectionPage.objects.get()
    assert collection.get_parent().pk == centres["north"].pk
    items = [(item.page.specific.title, item.note) for item in collection.items.all()]
    assert items == [(i["title"], i.get("note", "")) for i in COLLECTION["items"]]


def test_a_centre_is_required_and_must_be_one_of_the_sites(centres, tmp_path):
    no_centre = {k: v for k, v in EXPERIMENT.items() if k not in ("centre", "challenge", "case_study")}
    unknown = {**COLLECTION, "centre": "Nowhere centre", "items": []}
    path = write_jsonl(tmp_path / "content.jsonl", [no_centre, unknown])

    result = import_file(path)

    assert [str(r) for r in result.rejected] == [
        "Line 1: centre is required for an experiment",
        "Line 2: regional centre 'Nowhere centre' not found (use its name)",
    ]
    assert not ExperimentPage.objects.exists()


def test_collection_items_come_one_a_line_in_csv_and_name_a_kind_and_a_page(centres, tmp_path):
    content.pattern(PATTERN["title"])
    path = tmp_path / "content.csv"
    path.write_text(
        "kind,title,summary,centre,items\n"
        f'collection,Good patterns,Patterns that work.,South centre,"pattern | {PATTERN["title"]} | Start here\n'
        'pattern | Plan rounds around street width | Again"\n'
        'collection,Odd items,Items of no kind.,South centre,"report | Something\npattern | No such pattern"\n',
        encoding="utf-8",
    )

    result = import_file(path, skip_invalid=True)

    assert [str(r) for r in result.rejected] == [
        "Line 4: each of the items needs a kind: one of challenge, case_study, pattern, experiment (not 'report')"
    ]
    collection = CollectionPage.objects.get()
    assert collection.get_parent().pk == centres["south"].pk
    assert [(i.page.title, i.note) for i in collection.items.all()] == [(PATTERN["title"], "Start here")]


def test_an_item_must_name_one_page_of_its_kind(centres, tmp_path):
    missing = {**COLLECTION, "items": [{"kind": "experiment", "title": "No such experiment"}]}
    path = write_jsonl(tmp_path / "content.jsonl", [missing])

    result = import_file(path)

    assert [str(r) for r in result.rejected] == [
        "Line 1: no experiment is called 'No such experiment' (give the title of one in the site or in this file)"
    ]


def test_a_curator_imports_for_their_own_centre_only(centres, tmp_path):
    curator = get_user_model().objects.create_user("north-curator")
    curator.groups.add(ensure_curators_group(centres["north"]))
    challenge = content.challenge(CouncilPage.objects.get(short_name="Leeds"), CHALLENGE["title"])
    mine = {k: v for k, v in EXPERIMENT.items() if k != "case_study"}
    theirs = {**mine, "title": "Another experiment", "centre": "South centre"}
    path = write_jsonl(tmp_path / "content.jsonl", [mine, theirs])

    result = import_file(path, user=curator, skip_invalid=True)

    assert [str(r) for r in result.rejected] == [
        "Line 2: you cannot publish pages for South centre: import content for the regional centres you curate only"
    ]
    assert ExperimentPage.objects.get().challenge_id == challenge.pk


def test_a_page_address_and_last_confirmed_date_can_be_given(councils, tmp_path):
    given = {**CHALLENGE, "slug": "narrow-streets", "last_confirmed": "2025-06-30", "published": "2025-01-10"}
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    bad = {**CHALLENGE, "title": "Another", "slug": "not a slug!", "last_confirmed": future}
    path = write_jsonl(tmp_path / "content.jsonl", [given, bad])

    result = import_file(path, skip_invalid=True)

    assert [str(r) for r in result.rejected] == [
        f"Line 2: slug 'not a slug!' must be letters, numbers, hyphens or underscores only; "
        f"last_confirmed '{future}' is in the future"
    ]
    page = ChallengePage.objects.get()
    assert (page.slug, page.last_confirmed) == ("narrow-streets", datetime.date(2025, 6, 30))
    assert timezone.localdate(page.first_published_at) == datetime.date(2025, 1, 10)


def test_skip_existing_leaves_out_pages_already_there_and_adds_the_rest(centres, tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", [CHALLENGE, EXPERIMENT | {"case_study": ""}])
    import_file(first)
    again = write_jsonl(tmp_path / "again.jsonl", [CHALLENGE, EXPERIMENT | {"case_study": ""}, CASE_STUDY])

    refused = import_records(read_records(again))
    result = import_records(read_records(again), skip_existing=True)

    assert [r.line for r in refused.rejected] == [1, 2] and not refused.created
    assert result.rejected == []
    assert [r.line for r in result.existing] == [1, 2]
    assert [page.title for page in result.created] == [CASE_STUDY["title"]]
    assert ExperimentPage.objects.count() == 1 and ChallengePage.objects.count() == 1


def test_the_template_and_schema_offer_experiments_and_collections():
    header = csv_template().strip().split(",")
    assert {"slug", "centre", "participating_councils", "hypothesis", "items", "last_confirmed"} <= set(header)
    kinds = {schema["title"]: schema for schema in json_schema()["oneOf"]}
    assert {"Experiment", "Collection"} <= set(kinds)
    item = kinds["Collection"]["properties"]["items"]["items"]["anyOf"][0]
    assert item["properties"]["kind"]["enum"] == ["challenge", "case_study", "pattern", "experiment"]
    assert kinds["Experiment"]["properties"]["status"]["enum"][:3] == ["proposed", "running", "concluded"]


def test_a_site_admin_imports_regional_centres_with_their_regions(home, tmp_path):
    centre = {
        "kind": "regional centre",
        "title": "Wales and West centre",
        "slug": "wales-west",
        "summary": "Runs experiments with Welsh councils.",
        "regions": ["Wales", "south-west"],
        "contact_email": "wales@example.org",
    }
    bad = {**centre, "title": "Nowhere", "regions": ["Atlantis"], "contact_email": "not an address"}
    no_regions = {k: v for k, v in centre.items() if k != "regions"} | {"title": "Regionless"}
    path = write_jsonl(tmp_path / "centres.jsonl", [centre, bad, no_regions])

    result = import_file(path, skip_invalid=True)

    assert [str(r) for r in result.rejected] == [
        "Line 2: region 'Atlantis' not found (use an English region's or a nation's name); "
        "contact_email 'not an address' must be an e-mail address, like name@example.org",
        "Line 3: regions is required",
    ]
    page = RegionalCentrePage.objects.get()
    assert (page.slug, page.contact_email, page.live) == ("wales-west", "wales@example.org", True)
    assert {r.slug for r in page.regions.all()} == {"wales", "south-west"}
    assert page.get_parent().specific_class.__name__ == "RegionalCentreIndexPage"


def test_a_curator_cannot_import_regional_centres(centres, tmp_path):
    curator = get_user_model().objects.create_user("north-curator")
    curator.groups.add(ensure_curators_group(centres["north"]))
    record = {"kind": "regional_centre", "title": "Mine", "summary": "A centre.", "regions": ["Wales"]}

    result = import_file(write_jsonl(tmp_path / "centres.jsonl", [record]), user=curator)

    assert [str(r) for r in result.rejected] == ["Line 1: you do not have permission to publish regional centres"]
