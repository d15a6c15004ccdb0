"""Demo pages are data files read by the importer, with dates relative to the day they are loaded."""

from __future__ import annotations

import datetime

import pytest
from django.core.management.base import CommandError

from challenges.models import ChallengePage
from demo import content
from demo.base import DemoContext
from demo.content import FILES, PUBLIC_PROJECTS, records, with_dates
from demo.dates import is_relative, relative_date
from importing.fields import FORMATS, Type

TODAY = datetime.date(2027, 1, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("-P40D", datetime.date(2026, 12, 22)),
        ("P0D", TODAY),
        ("P1M", datetime.date(2027, 2, 28)),  # the end of a shorter month
        ("-P1Y2M10D", datetime.date(2025, 11, 20)),
        ("P2W", datetime.date(2027, 2, 14)),
    ],
)
def test_a_relative_date_is_a_signed_iso_8601_duration_from_today(text, day):
    assert relative_date(text, TODAY) == day


@pytest.mark.parametrize("text", ["P", "-P", "2026-01-01", "40 days ago", "P1H"])
def test_anything_else_is_not_a_relative_date(text):
    assert not is_relative(text)
    with pytest.raises(ValueError, match="not a relative date"):
        relative_date(text, TODAY)


def test_only_date_fields_are_turned_into_dates():
    record = {"kind": "experiment", "title": "P2D", "start_date": "-P2D", "end_date": "P1M", "published": "-P1W"}

    assert with_dates(record, TODAY) == {
        "kind": "experiment",
        "title": "P2D",
        "start_date": "2027-01-29",
        "end_date": "2027-02-28",
        "published": "2027-01-24",
    }


def test_every_demo_date_is_relative_so_the_demo_never_goes_stale():
    # The public write-ups keep the year each was really published; the invented pages' dates move with today.
    for name in (name for name in FILES if name not in PUBLIC_PROJECTS):
        for record in records(name):
            dates = [f.name for f in FORMATS[record["kind"]].fields if f.type in (Type.DATE, Type.PUBLISHED)]
            for field in dates:
                assert field not in record or is_relative(record[field]), (name, record["title"], field)
            assert "year" not in record, (name, record["title"])


def test_a_record_the_importer_refuses_stops_the_load_with_its_file_and_line(councils, tmp_path, monkeypatch):
    (tmp_path / "challenges.jsonl").write_text(
        '{"kind": "challenge", "title": "Fine", "summary": "S.", "council": "Leeds", "problem_statement": "P."}\n'
        '{"kind": "challenge", "title": "Lost", "summary": "S.", "council": "Atlantis", "problem_statement": "P."}\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(content, "DATA", tmp_path)
    monkeypatch.setattr(content, "FILES", ("challenges.jsonl",))

    with pytest.raises(CommandError, match=r"challenges.jsonl: Line 2: council 'Atlantis' not found"):
        content.run(DemoContext(home=councils["Leeds"].get_parent(), write=lambda _: None))
    assert not ChallengePage.objects.exists()
