"""manage.py import_content FILE [--skip-invalid]: publish challenges, case studies, patterns, regional
centres, experiments and collections from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from importing.fields import FORMATS
from importing.parsing import MAX_FILE_BYTES, MAX_RECORDS
from importing.services import UnsupportedFile, describe, import_file

_FIELDS = "; ".join(f"{form.name}: {', '.join(f.name for f in form.fields[1:])}" for form in FORMATS.values())


class Command(BaseCommand):
    help = (
        "Import challenges, case studies, patterns, regional centres, experiments and collections from a JSON Lines "
        "(.jsonl) or CSV (.csv) file, one record per page. Pages are published and indexed. By default nothing is "
        f"imported if any record is invalid. Fields by kind: {_FIELDS}. The admin's Import content screen describes "
        "each field and offers a CSV template and a JSON Schema. In CSV, separate list values with ';' (reusable "
        f"outputs and collection items: one a line). Limits: {MAX_FILE_BYTES // (1024 * 1024)} MB and "
        f"{MAX_RECORDS:,} records a file; text within the page fields' limits; no control characters."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A .jsonl or .csv file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid records and list the rejected ones"
        )

    def handle(self, *args: Any, file: Path, skip_invalid: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No file at {file}")
        try:
            result = import_file(
                file, skip_invalid=skip_invalid, progress=lambda r, p: self.stdout.write(describe(r, p))
            )
        except UnsupportedFile as exc:
            raise CommandError(str(exc)) from exc
        except (ObjectDoesNotExist, ValidationError) as exc:
            raise CommandError(f"Nothing imported: {'; '.join(getattr(exc, 'messages', [str(exc)]))}") from exc

        for rejected in result.rejected:
            self.stderr.write(str(rejected))
        if result.rejected and not skip_invalid:
            raise CommandError(
                f"Nothing imported: {len(result.rejected)} of {result.records} records are invalid. "
                "Fix them, or run again with --skip-invalid to import the valid records."
            )
        summary = f"Imported {len(result.created)} of {result.records} records"
        if result.rejected:
            summary += f"; rejected {len(result.rejected)}"
        self.stdout.write(self.style.SUCCESS(summary + "."))
