"""Challenges, case studies, patterns, regional centres, experiments and collections, from the files in data/.

Each file is imported through the bulk importer councils use (importing), so the demo is proof that
the importer works. Relative dates (see dates.py) are turned into dates first. Pages already there are left alone,
so loading again adds only what is missing.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from demo.base import DemoContext
from demo.dates import is_relative, relative_date
from importing.fields import FORMATS, Type
from importing.parsing import read_records
from importing.services import import_records

DATA = Path(__file__).parent / "data"
# Real public write-ups of UK council projects, each summarising in our own words a public page of the council
# named, linked as its "source": the demo shows real work first. They are also the judged set that search
# relevance is measured on (tests/search/relevance/). The other files are invented, and labelled so on a
# demonstration site (settings.DEMO_NOTICE).
PUBLIC_PROJECTS = ("public_projects_a.jsonl", "public_projects_b.jsonl", "public_projects_c.jsonl")
# In the order they are imported: a file names pages of the files above it.
FILES = (
    *PUBLIC_PROJECTS,
    "challenges.jsonl",
    "case_studies.jsonl",
    "patterns.jsonl",
    "centres.jsonl",
    "experiments.jsonl",
    "collections.jsonl",
)
_DATE_TYPES = (Type.DATE, Type.PUBLISHED)


def records(name: str) -> list[dict[str, Any]]:
    """The records of one data file, as written (dates still relative)."""
    return [raw.data for raw in read_records(DATA / name) if raw.data is not None]


def with_dates(record: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """The record with each relative date of its kind's date fields as YYYY-MM-DD."""
    form = FORMATS.get(record.get("kind"))  # type: ignore[arg-type]
    dated = {f.name for f in form.fields if f.type in _DATE_TYPES} if form else set()
    return {
        name: relative_date(value, today).isoformat() if name in dated and is_relative(value) else value
        for name, value in record.items()
    }


def run(demo: DemoContext) -> None:
    today = timezone.localdate()
    for name in FILES:
        raws = [
            dataclasses.replace(raw, data=with_dates(raw.data, today)) if raw.data is not None else raw
            for raw in read_records(DATA / name)
        ]
        result = import_records(raws, skip_existing=True)
        if result.rejected:
            # The data file needs fixing, not the site: nothing of this file is imported.
            raise CommandError(f"Demo data {name}: " + "; ".join(str(r) for r in result.rejected))
        demo.created += len(result.created)
        demo.unchanged += len(result.existing)
        demo.write(f"  {name}: {len(result.created)} imported, {len(result.existing)} already there")
