"""Writing many rows at once: COPY on PostgreSQL (its executemany is still one statement per row), executemany on
SQLite (in process, where it is the fast path). Used by the engine's tables and by the vectors' table alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection

# Rows ready for `write`: COPY text on PostgreSQL, tuples elsewhere.
Rows = str | Sequence[tuple[object, ...]]


def uses_copy() -> bool:
    return connection.vendor == "postgresql"


def _copy_field(value: object) -> str:
    """One value in PostgreSQL's COPY text format: NULL as \\N; backslash, tab and line ends escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return str(value)


def copy_text(rows: Iterable[tuple[object, ...]]) -> str:
    """Rows in COPY text format, one line each."""
    return "".join("\t".join(map(_copy_field, row)) + "\n" for row in rows)


def prepared(rows: Sequence[tuple[object, ...]], as_copy: bool) -> Rows:
    """The rows as `write` takes them (`as_copy` is `uses_copy()`, asked once by the caller's thread)."""
    return copy_text(rows) if as_copy else rows


def write(cursor: Any, table: str, columns: tuple[str, ...], rows: Rows) -> None:
    names = ", ".join(columns)
    if isinstance(rows, str):
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            copy.write(rows)
    elif rows:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608
