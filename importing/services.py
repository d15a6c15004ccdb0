"""Bulk import of challenges, case studies, patterns, regional centres, experiments and collections (JSON Lines, CSV).

parsing (file -> raw records with line numbers) -> validation (raw -> valid or rejected, with reasons) ->
writing (valid -> published pages, in one transaction). `import_file` runs the three; the command is a thin shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from wagtail.models import Page

from importing.parsing import RawRecord, UnsupportedFile, read_records
from importing.validation import (
    ReferenceData,
    RejectedRecord,
    ValidRecord,
    validate_record,
    validate_records,
)
from importing.writing import existing_places, write_records

__all__ = ["ImportResult", "RawRecord", "UnsupportedFile", "describe", "import_file", "import_records"]

Progress = Callable[[ValidRecord, Page], None]


@dataclass
class ImportResult:
    records: int = 0
    valid: list[ValidRecord] = field(default_factory=list)
    created: list[Page] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    # With skip_existing: records left out because a page of that name is already where they would go.
    existing: list[RejectedRecord] = field(default_factory=list)


def import_file(
    path: Path,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate every record of the file first; then write all of them, or, with skip_invalid, the valid ones.

    Without skip_invalid, one bad record means nothing is imported. With a user (the admin screen), each record must
    go under a page that user may publish under. A dry run validates only: `valid` is what would be created.
    """
    return import_records(read_records(path), skip_invalid=skip_invalid, progress=progress, user=user, dry_run=dry_run)


def import_records(
    raws: list[RawRecord],
    *,
    skip_invalid: bool = False,
    skip_existing: bool = False,
    progress: Progress | None = None,
    written: Callable[[int], None] | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """As import_file, for records already read. With skip_existing, a record whose page is already there (the
    same address under the same council, centre or patterns section) is left out rather than refused, so a file
    can be imported again to add only its new records. `written` is told the count of pages published so far, as
    write_records says, before the commit; `progress` is told each record and its page after it."""
    reference = ReferenceData(user)
    # Every record's own address, before the pages it names are looked up: a record naming a page of the file that
    # is itself already in the site must still be found to be there.
    first_pass = [validate_record(raw, reference) for raw in raws]
    slugs = (r.slug for r in first_pass if isinstance(r, ValidRecord))
    valid, rejected = validate_records(raws, reference, existing_places(slugs))
    existing = [r for r in rejected if r.exists] if skip_existing else []
    rejected = [r for r in rejected if r not in existing]
    result = ImportResult(records=len(raws), valid=valid, rejected=rejected, existing=existing)
    if dry_run or (rejected and not skip_invalid):
        return result
    result.created = write_records(valid, written) if valid else []
    # Told only after the commit: a failure part-way rolls every page back, and none of them was published.
    for record, page in zip(valid, result.created, strict=True):
        if progress:
            progress(record, page)
    return result


def describe(record: ValidRecord, page: Page) -> str:
    return f"Line {record.line}: published {record.label} '{page.title}' at {page.url or page.url_path}"
