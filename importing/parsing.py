"""Read an import file into raw records, each with the line it starts on. JSON Lines or CSV, by extension."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importing.fields import CSV_LIST_SEPARATOR, FORMATS, ONE_A_LINE_TYPES
from opendata.csv_export import neutralise

# Stated limits: a file past them is refused whole, before any record is read.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RECORDS = 5_000
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
CSV_EXTENSIONS = (".csv",)
# In CSV, list fields hold several values: separated by semicolons, or one a line (reusable outputs, collection items).
LIST_SEPARATORS = {
    f.name: "\n" if f.type in ONE_A_LINE_TYPES else CSV_LIST_SEPARATOR
    for kind in FORMATS.values()
    for f in kind.fields
    if f.is_list
}


class UnsupportedFile(ValueError):
    """The file cannot be read at all (wrong extension, not UTF-8, no header)."""


@dataclass(frozen=True)
class RawRecord:
    line: int
    data: dict[str, Any] | None
    error: str = ""  # set when the line could not be parsed into a record


def _jsonl_records(path: Path) -> Iterator[RawRecord]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                yield RawRecord(number, None, f"not valid JSON ({exc.msg})")
                continue
            except RecursionError:
                yield RawRecord(
                    number, None, "the JSON is nested too deeply: each field must be text or a list of text"
                )
                continue
            if not isinstance(data, dict):
                yield RawRecord(number, None, 'each line must be a JSON object, like {"kind": "challenge", ...}')
                continue
            yield RawRecord(number, data)


def _restore(value: str) -> str:
    """A cell as it was before the open-data export escaped a formula-like start with an apostrophe."""
    return value[1:] if value.startswith("'") and neutralise(value[1:]) == value else value


def _split_list(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _csv_records(path: Path) -> Iterator[RawRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise UnsupportedFile("The CSV file is empty: it needs a header row naming the fields")
        previous_end = reader.line_num
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if None in row:
                yield RawRecord(start, None, "this row has more values than the header has fields")
                continue
            if not any((value or "").strip() for value in row.values()):
                continue
            data: dict[str, Any] = {key.strip(): _restore((value or "").strip()) for key, value in row.items() if key}
            for name, separator in LIST_SEPARATORS.items():
                if name in data:
                    data[name] = _split_list(data[name], separator)
            yield RawRecord(start, data)


def read_records(path: Path) -> list[RawRecord]:
    """Every record of the file, in order. Raises UnsupportedFile when the file cannot be read at all."""
    suffix = path.suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        reader = _jsonl_records
    elif suffix in CSV_EXTENSIONS:
        reader = _csv_records
    else:
        raise UnsupportedFile(f"Cannot read '{path.name}': use a .jsonl (JSON Lines) or .csv file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnsupportedFile(
            f"'{path.name}' is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it into smaller files"
        )
    try:
        records = list(itertools.islice(reader(path), MAX_RECORDS + 1))
    except UnicodeDecodeError as exc:
        raise UnsupportedFile(f"Cannot read '{path.name}': save it as UTF-8 text") from exc
    except csv.Error as exc:
        raise UnsupportedFile(f"Cannot read '{path.name}' as CSV: {exc}") from exc
    if len(records) > MAX_RECORDS:
        raise UnsupportedFile(f"'{path.name}' has more than {MAX_RECORDS:,} records: split it into smaller files")
    return records
