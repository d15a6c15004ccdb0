"""Every structured field of each kind imports, from JSON Lines and CSV; bad values are refused with their line."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from challenges.models import CaseStudyPage, ChallengePage
from importing.fields import Type
from importing.validation import READERS
from patterns.models import PatternPage
from tests.factories.marketplace import ProductFactory, SupplierFactory

CASE_STUDY = {
    "kind": "case_study",
    "title": "Sensor-led bin collection routes",
    "summary": "Fill-level sensors let crews skip empty bins.",
    "problem": "Crews emptied half-empty bins.",
    "approach": "We fitted sensors.",
    "outcomes": "Fewer trips.",
    "lessons_learned": "Start small.",
    "council": "Bristol",
    "partner_councils": ["Leeds"],
    "stage": "live",
    "start_date": "2022-04-01",
    "end_date": "2023-03-31",
    "money_saved_per_year": 120000,
    "staff_hours_saved_per_year": "900",
    "residents_reached": 40000,
    "evidence_strength": "Independently evaluated",
    "cost_pounds": "35000",
    "products": ["RoundSight"],
    "suppliers": ["Binsense Ltd"],
    "also_mentioned": ["In-house data team", "Local college"],
    "reusable_outputs": [{"title": "Route planner", "url": "https://github.com/example/routes", "licence": "MIT"}],
    "challenge": "Missed bin collections",
    "tags": ["sensors"],
    "published": "2023-06-14",
}
CHALLENGE = {
    "kind": "challenge",
    "title": "Missed bin collections",
    "summary": "Crews cannot reach bins.",
    "problem_statement": "Lorries cannot turn.",
    "who_is_affected": "Residents of terraces.",
    "desired_outcomes": "No missed bins.",
    "status": "being worked on",
    "council": "Bristol",
}


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _run(path: Path) -> str:
    err = StringIO()
    call_command("import_content", str(path), "--skip-invalid", stdout=StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def register(db):
    binsense = SupplierFactory(name="Binsense Ltd")
    return {
        "roundsight": ProductFactory(name="RoundSight", supplier=binsense),
        "portal": ProductFactory(name="Portal", supplier=binsense),
        "other_portal": ProductFactory(name="Portal", supplier=SupplierFactory(name="Civic Software")),
    }


def test_every_case_study_field_is_imported(councils, register, tmp_path):
    # The case study comes first and points at a challenge further down the file.
    err = _run(_write(tmp_path / "all.jsonl", [CASE_STUDY, CHALLENGE]))

    assert err == ""
    page = CaseStudyPage.objects.get()
    challenge = ChallengePage.objects.get()
    assert page.live and page.challenge_id == challenge.pk
    assert (page.problem, page.approach, page.outcomes, page.lessons_learned) == (
        "Crews emptied half-empty bins.",
        "We fitted sensors.",
        "Fewer trips.",
        "Start small.",
    )
    assert (page.start_date, page.end_date) == (datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))
    assert (page.money_saved_per_year, page.staff_hours_saved_per_year, page.residents_reached) == (120000, 900, 40000)
    assert (page.evidence_strength, page.cost_pounds, page.stage) == ("independently_evaluated", 35000, "live")
    assert [p.pk for p in page.product_records.all()] == [register["roundsight"].pk]
    # The register is the one source of suppliers and products; other names are kept as 'also mentioned' text.
    assert (page.products, page.suppliers) == (["RoundSight"], ["Binsense Ltd"])
    assert page.also_mentioned == "In-house data team, Local college"
    assert [(o.title, o.url, o.licence) for o in page.reusable_outputs.all()] == [
        ("Route planner", "https://github.com/example/routes", "MIT")
    ]
    assert [c.short_name for c in page.partner_councils.all()] == ["Leeds"]
    assert page.first_published_at.date() == datetime.date(2023, 6, 14)
    assert (challenge.who_is_affected, challenge.desired_outcomes, challenge.status) == (
        "Residents of terraces.",
        "No missed bins.",
        "being_worked_on",
    )


def test_csv_cells_hold_lists_and_reusable_outputs_one_a_line(councils, register, tmp_path):
    path = tmp_path / "case.csv"
    path.write_text(
        "kind,title,summary,council,products,also_mentioned,reusable_outputs\n"
        "case_study,Portal pilot,A portal.,Leeds,Portal (Civic Software); RoundSight,In-house team; Local college,"
        '"Form design | https://example.org/forms | OGL v3.0\nCode | https://example.org/code"\n',
        encoding="utf-8",
    )

    assert _run(path) == ""

    page = CaseStudyPage.objects.get()
    assert page.also_mentioned == "In-house team, Local college"  # the export's list, as the editor writes it
    assert page.problem == "A portal."  # no problem given: the summary stands in
    assert {p.pk for p in page.product_records.all()} == {register["other_portal"].pk, register["roundsight"].pk}
    outputs = [(o.title, o.url, o.licence) for o in page.reusable_outputs.all()]
    assert outputs == [
        ("Form design", "https://example.org/forms", "OGL v3.0"),
        ("Code", "https://example.org/code", ""),
    ]


def test_products_and_suppliers_must_be_in_the_register(councils, register, tmp_path):
    records = [
        {**CASE_STUDY, "challenge": "", "products": ["RoundSite"], "suppliers": []},
        {**CASE_STUDY, "challenge": "", "title": "Two", "products": ["Portal"], "suppliers": []},
        {**CASE_STUDY, "challenge": "", "title": "Three", "products": ["RoundSight"], "suppliers": ["Nobody Ltd"]},
        {**CASE_STUDY, "challenge": "", "title": "Four", "products": ["RoundSight"], "suppliers": ["Civic Software"]},
        {**CASE_STUDY, "challenge": "", "title": "Five", "products": ["Portal"], "suppliers": ["Civic Software"]},
    ]

    err = _run(_write(tmp_path / "products.jsonl", records))

    assert "Line 1: product 'RoundSite' is not in the marketplace register" in err
    assert "Line 2: several suppliers sell a product called 'Portal' (Binsense Ltd, Civic Software)" in err
    assert "Line 3: supplier 'Nobody Ltd' is not in the marketplace register" in err
    assert "Line 4: supplier 'Civic Software' supplies none of the products listed" in err
    assert "Line 5" not in err  # the supplier tells the two products called Portal apart
    assert [p.pk for p in CaseStudyPage.objects.get().product_records.all()] == [register["other_portal"].pk]


def test_also_mentioned_is_free_text_and_never_a_register_product(councils, register, tmp_path):
    record = {**CASE_STUDY, "challenge": "", "products": [], "suppliers": [], "also_mentioned": "RoundSight, Bob's van"}

    assert _run(_write(tmp_path / "also.jsonl", [record])) == ""

    page = CaseStudyPage.objects.get()
    assert page.also_mentioned == "RoundSight, Bob's van"
    assert page.also_mentioned_names == ["RoundSight", "Bob's van"]
    assert not page.product_records.exists()


def test_a_name_several_listed_suppliers_sell_means_each_of_their_products(councils, register, tmp_path):
    # As the open-data export writes a page linked to both products called Portal: the name once, both suppliers.
    both = {**CASE_STUDY, "challenge": "", "products": ["Portal"], "suppliers": ["Binsense Ltd", "Civic Software"]}
    # Binsense Ltd may be listed for RoundSight alone, so which Portal is meant cannot be told.
    unclear = {**both, "title": "Two", "products": ["Portal", "RoundSight"]}

    err = _run(_write(tmp_path / "namesakes.jsonl", [both, unclear]))

    assert "Line 1" not in err
    assert "Line 2: several suppliers sell a product called 'Portal' (Binsense Ltd, Civic Software)" in err
    linked = {p.pk for p in CaseStudyPage.objects.get().product_records.all()}
    assert linked == {register["portal"].pk, register["other_portal"].pk}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("money_saved_per_year", "12,000", "money_saved_per_year '12,000' must be a whole number in digits"),
        ("residents_reached", "١٢", "residents_reached '١٢' must be a whole number in digits"),
        ("cost_pounds", "99999999999", "cost_pounds '99999999999' must be a whole number in digits from 0"),
        ("cost_pounds", -5, "cost_pounds '-5' must be a whole number"),
        ("cost_pounds", 1.5, "cost_pounds must be a whole number, not a number"),
        ("start_date", "31/03/2023", "start_date '31/03/2023' must be a date from 1990 written YYYY-MM-DD"),
        ("end_date", "2022-01-01", "end_date 2022-01-01 is before start_date 2022-04-01"),
        ("evidence_strength", "gut feeling", "evidence_strength 'gut feeling' is not a case study evidence strength"),
        ("challenge", "Nothing like it", "no shared challenge is called 'Nothing like it'"),
        ("reusable_outputs", [{"title": "Code", "url": "javascript:alert(1)"}], "must be a full web address"),
        ("reusable_outputs", "Code without a link", "needs a link"),
        ("approach", "Bell \u0007 here", "approach must not contain control characters: remove U+0007"),
        ("also_mentioned", ["Bell \u0007 here"], "also_mentioned must not contain control characters: remove U+0007"),
        ("also_mentioned", ["x" * 600, "y" * 600], "also_mentioned must be 1,000 characters or fewer (it has 1,202)"),
        ("published", "2999-01-01", "published '2999-01-01' is in the future"),
        ("tags", ["sensors", "x" * 101], "each tag must be 100 characters or fewer"),
    ],
)
def test_bad_values_are_refused_with_the_line(councils, register, tmp_path, field, value, message):
    record = {**CASE_STUDY, "challenge": "", field: value}

    err = _run(_write(tmp_path / "bad.jsonl", [CHALLENGE, record]))

    assert "Line 2: " in err and message in err
    assert not CaseStudyPage.objects.exists()


def test_fields_of_another_kind_and_two_names_for_one_field_are_refused(councils, tmp_path):
    records = [
        {**CHALLENGE, "cost_pounds": 5},
        {**CHALLENGE, "title": "Other", "body": "One text.", "problem_statement": "Another text."},
    ]

    err = _run(_write(tmp_path / "odd.jsonl", records))

    assert "Line 1: only case studies have cost pounds" in err
    assert "Line 2: give problem_statement or body, not both" in err


def test_every_pattern_field_is_imported(councils, tmp_path):
    records = [
        {**CASE_STUDY, "products": [], "suppliers": [], "challenge": ""},
        {
            "kind": "pattern",
            "title": "Sensor-led collection rounds",
            "summary": "Collect only full bins.",
            "problem": "Rounds visit empty bins.",
            "solution": "Plan rounds from fill levels.",
            "when_to_use": "Communal bins.",
            "when_not_to_use": "Kerbside boxes.",
            "maturity": "Piloted",
            "evidence": [CASE_STUDY["title"]],
            "criteria": ["Uses fill-level data", "Publishes the rounds"],
            "service_area": "Waste and recycling",
        },
    ]

    assert _run(_write(tmp_path / "pattern.jsonl", records)) == ""

    pattern = PatternPage.objects.get()
    assert (pattern.problem, pattern.solution, pattern.when_to_use, pattern.when_not_to_use, pattern.maturity) == (
        "Rounds visit empty bins.",
        "Plan rounds from fill levels.",
        "Communal bins.",
        "Kerbside boxes.",
        "piloted",
    )
    assert [c.title for c in pattern.evidence.all()] == [CASE_STUDY["title"]]
    assert [c.text for c in pattern.criteria.all()] == ["Uses fill-level data", "Publishes the rounds"]


def test_a_criterion_longer_than_the_page_keeps_is_refused(councils, tmp_path):
    pattern = {
        "kind": "pattern",
        "title": "Sensor-led collection rounds",
        "summary": "Collect only full bins.",
        "problem": "Rounds visit empty bins.",
        "solution": "Plan rounds from fill levels.",
        "criteria": ["Uses fill-level data", "x" * 301],
    }

    err = _run(_write(tmp_path / "pattern.jsonl", [pattern]))

    assert "Line 1: " in err and "each of the criteria must be 300 characters or fewer" in err
    assert not PatternPage.objects.exists()


def test_every_type_of_field_has_a_reader():
    """A type with no reader would fail the import of any record that gives the field, instead of refusing it."""
    assert set(READERS) == set(Type) - {Type.KIND, Type.IGNORED}
