"""Read an import file into raw records, each with the line it starts on. JSON Lines or CSV, by extension."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
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


def _jsonl_records(text: str) -> Iterator[RawRecord]:
    # Universal newlines, as a file opened in text mode reads them: "\r\n" and "\r" end a line too.
    for number, line in enumerate(io.StringIO(text, newline=None), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawRecord(number, None, f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield RawRecord(number, None, "the JSON is nested too deeply: each field must be text or a list of text")
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


def _csv_records(text: str) -> Iterator[RawRecord]:
    # newline="": the csv module reads line ends itself, so a line break inside a quoted cell is kept.
    reader = csv.DictReader(io.StringIO(text, newline=""))
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


def read_text(path: Path) -> str:
    """The file's text (UTF-8, with or without a byte order mark). Raises UnsupportedFile when it is too large to
    import or not UTF-8."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnsupportedFile(
            f"'{path.name}' is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it into smaller files"
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFile(f"Cannot read '{path.name}': save it as UTF-8 text") from exc


def _reader(name: str) -> Callable[[str], Iterable[RawRecord]]:
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        return _jsonl_records
    if suffix in CSV_EXTENSIONS:
        return _csv_records
    raise UnsupportedFile(f"Cannot read '{name}': use a .jsonl (JSON Lines) or .csv file")


def _records(reader: Callable[[str], Iterable[RawRecord]], text: str, name: str) -> list[RawRecord]:
    try:
        records = list(itertools.islice(reader(text), MAX_RECORDS + 1))
    except csv.Error as exc:
        raise UnsupportedFile(f"Cannot read '{name}' as CSV: {exc}") from exc
    if len(records) > MAX_RECORDS:
        raise UnsupportedFile(f"'{name}' has more than {MAX_RECORDS:,} records: split it into smaller files")
    return records


def parse_records(text: str, name: str) -> list[RawRecord]:
    """Every record of a file's text, in order, read as its name's extension says. Raises UnsupportedFile when the
    text cannot be read at all."""
    return _records(_reader(name), text, name)


def read_records(path: Path) -> list[RawRecord]:
    """Every record of the file, in order. Raises UnsupportedFile when the file cannot be read at all."""
    reader = _reader(path.name)  # a file of another kind is refused before it is read
    return _records(reader, read_text(path), path.name)
