"""CSV export of a listing, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from opendata.visibility import page_id_from_doc_id
from search.types import Hit

HEADERS = ("id", "kind", "title", "url", "council", "regions", "service_area", "stage", "published", "summary")

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Text for a CSV cell; a leading formula character is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def hit_row(hit: Hit, absolute: Callable[[str], str] = str) -> tuple[str, ...]:
    return tuple(
        neutralise(v)
        for v in (
            page_id_from_doc_id(hit.id),
            hit.kind,
            hit.title,
            absolute(hit.url),
            hit.council,
            "; ".join(hit.regions),
            hit.service_area,
            hit.stage,
            hit.published.isoformat() if hit.published else "",
            hit.summary,
        )
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(hits: Iterable[Hit], absolute: Callable[[str], str] = str) -> Iterator[str]:
    """Header then one line per hit, streamed; `absolute` turns a page path into a full URL."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADERS)
    for hit in hits:
        yield writer.writerow(hit_row(hit, absolute))
