"""Whole numbers from outside (query parameters, path segments, import cells): ASCII digits within a range.

`str.isdigit()` is true for '²' and '①', which `int()` refuses; `int()` and the regex `\\d` accept '٣'; and SQLite
cannot bind an integer past 64 bits. Every number a person or a client types is parsed here instead.
"""

from __future__ import annotations

import re

# The largest value a database integer column holds (signed 64 bits): no row has a larger id.
MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_whole_number(text: str | None, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The number `text` spells in ASCII digits, if it is from `low` to `high`; otherwise None."""
    if text is None:
        return None
    text = text.strip()
    # The length check comes first so a million-digit string is never converted.
    if not _ASCII_DIGITS.fullmatch(text) or len(text.lstrip("0")) > len(str(high)):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_id(text: str | None) -> int | None:
    """A database id (1 to MAX_ID), or None."""
    return parse_whole_number(text, low=1)


class IdConverter:
    """`<id:name>` in URL patterns: like `<int:name>`, but an id no row can have is a 404, not a database error."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError("not a database id")  # Django then tries the next pattern, and finally answers 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)
