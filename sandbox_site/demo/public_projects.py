"""Real public write-ups of UK council projects: the demo's first challenges, case studies and patterns.

Each record (public_projects/records_*.jsonl) summarises, in our own words, a public page of the council named,
linked as its "source". They are imported exactly as a council's own file would be, so the demo shows real work
first; the invented pages of the later steps fill in what no public write-up covers and are labelled as demo data.
The same records are the judged set that search relevance is measured on (tests/search/relevance/).
"""

from __future__ import annotations

from pathlib import Path

from sandbox_site.demo.base import DemoContext
from sandbox_site.importing import import_file

RECORDS_DIR = Path(__file__).parent / "public_projects"
ALREADY_PRESENT = "already exists"  # the importer's reason for a title already used under the same parent


def record_files() -> list[Path]:
    return sorted(RECORDS_DIR.glob("records_*.jsonl"))


def run(demo: DemoContext) -> None:
    for path in record_files():
        result = import_file(path, skip_invalid=True)
        present = [r for r in result.rejected if all(ALREADY_PRESENT in reason for reason in r.reasons)]
        invalid = [str(r) for r in result.rejected if r not in present]
        if invalid:
            raise ValueError(f"{path.name}: {'; '.join(invalid)}")
        demo.created += len(result.created)
        demo.unchanged += len(present)
    demo.write(f"  Public write-ups: {demo.created} imported so far, {demo.unchanged} already present")
