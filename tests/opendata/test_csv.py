"""CSV export of listings: same filters as the API, safe to open in a spreadsheet, never a private row."""

from __future__ import annotations

import csv
import io

import pytest

from challenges.models import CaseStudyPage
from opendata.csv_export import HEADERS, neutralise
from opendata.serializers import CSV_FIELDS, KIND_FIELDS
from tests.factories import content as make
from tests.factories.open_content import LEAKED_TITLES

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_headers_and_one_row_per_public_page(client, world):
    response = client.get("/api/v1/challenges.csv", {"sort": "newest"})
    assert 'filename="challenges.csv"' in response["Content-Disposition"]
    rows = _rows(response)
    assert tuple(rows[0].keys()) == HEADERS
    assert {r["title"] for r in rows} == {
        "Missed bin collections",
        "Fly-tipping hotspots in bins areas",
        "Temporary accommodation costs",
    }
    missed = next(r for r in rows if r["title"] == "Missed bin collections")
    assert missed["id"] == str(world["challenge"].pk)
    assert missed["kind"] == "challenge"
    assert missed["council"] == world["leeds"].title
    assert missed["service_area"] == "Waste and recycling"
    assert missed["url"] == f"http://testserver{world['challenge'].url}"


@pytest.mark.parametrize("plural", ["challenges", "case-studies", "patterns", "experiments", "collections"])
def test_csv_never_has_drafts_or_private_pages(client, world, plural):
    titles = {r["title"] for r in _rows(client.get(f"/api/v1/{plural}.csv", {"q": "bins"}))}
    titles |= {r["title"] for r in _rows(client.get(f"/api/v1/{plural}.csv"))}
    assert not titles & set(LEAKED_TITLES)


def test_csv_uses_the_search_filters(client, world):
    rows = _rows(client.get("/api/v1/challenges.csv", {"service_area": "Housing"}))
    assert [r["title"] for r in rows] == ["Temporary accommodation costs"]


def test_csv_bad_parameters_get_a_400(client, world):
    response = client.get("/api/v1/challenges.csv", {"sort": "sideways"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "sort"


def test_csv_export_pages_through_every_match(client, world, monkeypatch):
    monkeypatch.setattr("opendata.listing.CSV_PAGE_SIZE", 2)
    rows = _rows(client.get("/api/v1/challenges.csv"))
    assert len(rows) == 3


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        formula = make.challenge(
            world["leeds"], '=HYPERLINK("http://evil.example","Click")', summary="+cmd|' /C calc'!A0"
        )
        at_sign = make.challenge(world["leeds"], "@SUM(1+1) bins", summary="-2+3 bins")
    rows = {r["id"]: r for r in _rows(client.get("/api/v1/challenges.csv"))}
    assert rows[str(formula.pk)]["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[str(formula.pk)]["summary"] == "'+cmd|' /C calc'!A0"
    assert rows[str(at_sign.pk)]["title"] == "'@SUM(1+1) bins"
    assert rows[str(at_sign.pk)]["summary"] == "'-2+3 bins"
    assert rows[str(world["challenge"].pk)]["title"] == "Missed bin collections"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_queries_do_not_grow_with_rows(client, world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("opendata.listing.CSV_PAGE_SIZE", 100)
    filters = ({"service_area": "Housing"}, {"service_area": "Waste and recycling"})
    for params in filters:  # warm-up: the engine caches the glossary and its facet table once
        _rows(client.get("/api/v1/challenges.csv", params))
    counts = []
    for params in filters:
        with CaptureQueriesContext(connection) as queries:
            rows = _rows(client.get("/api/v1/challenges.csv", params))
        counts.append((len(rows), len(queries)))
    assert counts[0][0] < counts[1][0]
    assert counts[0][1] == counts[1][1]


def test_case_study_csv_has_the_apis_supplier_product_impact_evidence_and_cost_columns(client, world):
    study = world["case_study"]
    CaseStudyPage.objects.filter(pk=study.pk).update(
        cost_pounds=68000,
        money_saved_per_year=84000,
        staff_hours_saved_per_year=3100,
        residents_reached=120000,
        evidence_strength="measured",
        also_mentioned="=HYPERLINK(1), In-house team",
    )
    rows = _rows(client.get("/api/v1/case-studies.csv"))
    assert tuple(rows[0].keys()) == HEADERS + CSV_FIELDS["case_study"]
    assert set(CSV_FIELDS["case_study"]) <= set(KIND_FIELDS["case_study"])  # one declaration for both
    row = next(r for r in rows if r["id"] == str(study.pk))
    assert {f: row[f] for f in CSV_FIELDS["case_study"]} == {
        "suppliers": "",
        "products": "",
        "also_mentioned": "'=HYPERLINK(1); In-house team",
        "cost_pounds": "68000",
        "money_saved_per_year": "84000",
        "staff_hours_saved_per_year": "3100",
        "residents_reached": "120000",
        "evidence_strength": "Measured",
    }
    detail = client.get(f"/api/v1/case-studies/{study.pk}/").json()
    assert (detail["cost_pounds"], detail["money_saved_per_year"], detail["evidence_strength"]["label"]) == (
        68000,
        84000,
        "Measured",
    )
    # Other kinds keep the listing's columns only.
    assert tuple(_rows(client.get("/api/v1/challenges.csv"))[0].keys()) == HEADERS
