"""manage.py import_content: JSON Lines and CSV, line-numbered rejections, all-or-nothing, --skip-invalid."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage
from councils.models import CouncilPage
from patterns.models import PatternIndexPage, PatternPage


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CHALLENGE = {
    "kind": "challenge",
    "title": "Missed bin collections in narrow streets",
    "summary": "Crews cannot reach bins on narrow terraced streets.",
    "body": "## The problem\n\nLorries cannot turn in **narrow** streets.",
    "council": "Leeds",
    "service_area": "waste & recycling",
    "stage": "open",
    "year": 2023,
    "tags": ["bins", "access"],
}
CASE_STUDY = {
    "kind": "case_study",
    "title": "Sensor-led bin collection routes",
    "summary": "Fill-level sensors let crews skip empty bins.",
    "body": "We fitted sensors to 400 communal bins.",
    "council": "E06000023",  # Bristol, by GSS code
    "partner_councils": ["Leeds City Council", "cardiff"],
    "service_area": "Waste and recycling",
    "stage": "Beta",
    "year": "2021",
    "tags": ["sensors"],
}
PATTERN = {
    "kind": "pattern",
    "title": "Report a missed bin",
    "summary": "Residents need to tell the council a bin was missed.",
    "body": "Ask for the address first, then the bin type.",
    "stage": "recommended",
}


def run(path: Path, *args: str) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_content", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def sample(councils: dict[str, CouncilPage]) -> dict[str, CouncilPage]:
    return councils


def test_jsonl_import_publishes_each_kind_under_the_right_parent(sample, tmp_path):
    path = write_jsonl(tmp_path / "content.jsonl", [CHALLENGE, CASE_STUDY, PATTERN])

    out, _ = run(path)

    assert "Imported 3 of 3 records." in out
    challenge = ChallengePage.objects.get(title=CHALLENGE["title"])
    assert challenge.live and not challenge.has_unpublished_changes
    assert challenge.get_parent().specific == CouncilPage.objects.get(gss_code="E08000035")
    assert challenge.status == "open"
    assert challenge.service_area.name == "Waste and recycling"
    assert challenge.problem_statement.startswith("## The problem")
    assert sorted(t.name for t in challenge.tags.all()) == ["access", "bins"]
    assert challenge.first_published_at.year == 2023

    case_study = CaseStudyPage.objects.get(title=CASE_STUDY["title"])
    assert case_study.get_parent().specific.gss_code == "E06000023"
    assert case_study.stage == "beta"
    assert sorted(c.gss_code for c in case_study.partner_councils.all()) == ["E08000035", "W06000015"]
    assert case_study.first_published_at.date() == datetime.date(2021, 1, 1)

    pattern = PatternPage.objects.get(title=PATTERN["title"])
    assert pattern.get_parent().specific == PatternIndexPage.objects.get()
    assert pattern.maturity == "recommended"
    assert pattern.solution == PATTERN["body"]
    assert pattern.live


def test_csv_import_splits_lists_on_semicolons(sample, tmp_path):
    path = tmp_path / "content.csv"
    path.write_text(
        "kind,title,summary,body,council,partner_councils,service_area,stage,year,tags\n"
        'case_study,Shared SEND transport booking,"One booking system, three councils.","Line one\n\nLine two",'
        "Southwark,Leeds; Bristol,Children's services & SEND,live,2024,transport; SEND\n",
        encoding="utf-8",
    )

    out, _ = run(path)

    assert "Imported 1 of 1 records." in out
    page = CaseStudyPage.objects.get(title="Shared SEND transport booking")
    assert page.live
    assert page.problem == "Line one\n\nLine two"
    assert sorted(c.gss_code for c in page.partner_councils.all()) == ["E06000023", "E08000035"]
    assert sorted(t.name for t in page.tags.all()) == ["SEND", "transport"]
    assert page.service_area.name == "Children's services and SEND"


def test_one_bad_record_means_nothing_is_imported_and_lines_are_reported(sample, tmp_path):
    bad_council = {**CHALLENGE, "title": "Another challenge", "council": "Atlantis"}
    bad_stage = {**CASE_STUDY, "title": "Another case study", "stage": "finished", "year": "20x4"}
    path = write_jsonl(tmp_path / "mixed.jsonl", [CHALLENGE, bad_council, "", "{not json", bad_stage, PATTERN])
    pages_before = Page.objects.count()

    with pytest.raises(CommandError, match=r"Nothing imported: 3 of 5 records are invalid"):
        run(path)

    assert Page.objects.count() == pages_before
    assert not ChallengePage.objects.exists()


def test_rejections_name_the_line_and_reason(sample, tmp_path):
    bad_council = {**CHALLENGE, "title": "Another challenge", "council": "Atlantis"}
    bad_stage = {**CASE_STUDY, "title": "Another case study", "stage": "finished", "year": "20x4"}
    no_council = {**CHALLENGE, "title": "Orphan", "council": ""}
    path = write_jsonl(tmp_path / "mixed.jsonl", [CHALLENGE, bad_council, "", "{not json", bad_stage, no_council])

    _, err = run(path, "--skip-invalid")

    assert "Line 2: council 'Atlantis' not found" in err
    assert "Line 4: not valid JSON" in err
    assert "Line 5: stage 'finished' is not a case study stage" in err
    assert "year '20x4' must be a 4-digit year" in err
    assert "Line 6: council is required for a challenge" in err
    assert "Line 1" not in err


def test_skip_invalid_imports_the_good_records(sample, tmp_path):
    bad = {**PATTERN, "title": "", "kind": "recipe"}
    path = write_jsonl(tmp_path / "mixed.jsonl", [CHALLENGE, bad, PATTERN])

    out, err = run(path, "--skip-invalid")

    assert "Imported 2 of 3 records; rejected 1." in out
    assert "Line 2: " in err and "kind must be one of" in err and "title is required" in err
    assert ChallengePage.objects.filter(title=CHALLENGE["title"], live=True).exists()
    assert PatternPage.objects.filter(title=PATTERN["title"], live=True).exists()


def test_running_the_same_file_twice_creates_no_duplicates(sample, tmp_path):
    path = write_jsonl(tmp_path / "content.jsonl", [CHALLENGE, PATTERN])
    run(path)

    with pytest.raises(CommandError, match="Nothing imported"):
        run(path)

    assert ChallengePage.objects.filter(title=CHALLENGE["title"]).count() == 1
    _, err = run(path, "--skip-invalid")
    assert f"a page called '{CHALLENGE['title']}' already exists in this council" in err


def test_duplicate_titles_within_a_file_are_rejected(sample, tmp_path):
    path = write_jsonl(tmp_path / "dupes.jsonl", [CHALLENGE, CHALLENGE])

    _, err = run(path, "--skip-invalid")

    assert "Line 2: a page called" in err
    assert ChallengePage.objects.count() == 1


def test_partner_councils_are_only_for_case_studies_and_unknown_fields_are_refused(sample, tmp_path):
    path = write_jsonl(
        tmp_path / "odd.jsonl",
        [{**CHALLENGE, "partner_councils": ["Bristol"]}, {**PATTERN, "titel": "typo"}],
    )

    _, err = run(path, "--skip-invalid")

    assert "Line 1: only case studies have partner councils" in err
    assert "Line 2: unknown field: titel" in err
    assert not Page.objects.filter(title__in=[CHALLENGE["title"], PATTERN["title"]]).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("content.txt", "anything", "use a .jsonl (JSON Lines) or .csv file"),
        ("empty.csv", "", "needs a header row"),
    ],
)
def test_unreadable_files_are_refused_clearly(sample, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=re.escape(message)):
        run(path)


def test_missing_file_is_refused(sample, tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run(tmp_path / "nope.jsonl")


def test_objects_lists_and_numbers_are_refused_not_turned_into_text(sample, tmp_path):
    records = [
        {**CHALLENGE, "title": {"en": "Bins"}},
        {**CHALLENGE, "title": "Second", "summary": ["a", "b"]},
        {**CHALLENGE, "title": "Third", "body": 42, "council": True},
    ]
    path = write_jsonl(tmp_path / "typed.jsonl", records)

    _, err = run(path, "--skip-invalid")

    assert "Line 1: title must be text, not an object" in err
    assert "Line 2: summary must be text, not a list" in err
    assert "Line 3: body must be text, not a number; council must be text, not true or false" in err
    assert not ChallengePage.objects.exists()


def test_control_characters_are_refused_and_pasted_line_breaks_kept_as_whitespace(sample, tmp_path):
    records = [
        {**CHALLENGE, "summary": "Has a \u0000 in it"},
        {**CHALLENGE, "title": "Second", "body": "Bell \u0007 here", "tags": ["bins\u0001"]},
        {**PATTERN, "title": "Pasted\u000bfrom Word", "body": "Line\u000cbreak"},
    ]
    path = write_jsonl(tmp_path / "control.jsonl", records)

    _, err = run(path, "--skip-invalid")

    assert "Line 1: summary must not contain a null character (U+0000)" in err
    assert "Line 2: body must not contain control characters: remove U+0007" in err
    assert "tags must not contain control characters: remove U+0001" in err
    pattern = PatternPage.objects.get()
    assert (pattern.title, pattern.solution) == ("Pasted from Word", "Line\nbreak")


def test_deeply_nested_json_is_a_clear_rejection(sample, tmp_path):
    path = write_jsonl(tmp_path / "deep.jsonl", ["[" * 100_000 + "]" * 100_000, CHALLENGE])

    _, err = run(path, "--skip-invalid")

    assert "Line 1: the JSON is nested too deeply" in err
    assert ChallengePage.objects.count() == 1


def test_a_title_in_any_script_is_imported(sample, tmp_path):
    path = write_jsonl(tmp_path / "zh.jsonl", [{**CHALLENGE, "title": "垃圾收集路线"}, {**PATTERN, "title": "!!!"}])

    _, err = run(path, "--skip-invalid")

    assert "Line 2: title must contain letters or numbers" in err
    assert ChallengePage.objects.get().slug == "垃圾收集路线"


def test_limits_are_stated_and_enforced(sample, tmp_path, monkeypatch):
    from core.text import MAX_BODY_LENGTH
    from importing import parsing

    long_body = {**CHALLENGE, "body": "b" * (MAX_BODY_LENGTH + 1)}
    _, err = run(write_jsonl(tmp_path / "long.jsonl", [long_body]), "--skip-invalid")
    assert f"Line 1: body must be {MAX_BODY_LENGTH:,} characters or fewer (it has {MAX_BODY_LENGTH + 1:,})" in err

    monkeypatch.setattr(parsing, "MAX_RECORDS", 2)
    with pytest.raises(CommandError, match="has more than 2 records: split it into smaller files"):
        run(write_jsonl(tmp_path / "many.jsonl", [CHALLENGE, CASE_STUDY, PATTERN]))
    monkeypatch.setattr(parsing, "MAX_FILE_BYTES", 100)
    with pytest.raises(CommandError, match="is larger than 0 MB"):
        run(write_jsonl(tmp_path / "big.jsonl", [CHALLENGE]))
    assert not ChallengePage.objects.exists()


def test_nothing_is_reported_as_published_when_a_later_record_fails(sample, tmp_path):
    """The pattern cannot be written (no patterns section): the challenge before it is rolled back, unreported."""
    PatternIndexPage.objects.get().delete()
    path = write_jsonl(tmp_path / "rollback.jsonl", [CHALLENGE, PATTERN])
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: The site has no patterns section"):
        call_command("import_content", str(path), stdout=out, stderr=StringIO())

    assert "published" not in out.getvalue()
    assert not ChallengePage.objects.exists()
