"""CSV export of a listing, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from opendata.visibility import page_id_from_doc_id
from search.types import Hit

HEADERS = ("id", "kind", "title", "url", "council", "regions", "service_area", "stage", "published", "summary")

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Text for a CSV cell; a leading formula character is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def hit_row(hit: Hit) -> tuple[str, ...]:
    return tuple(
        neutralise(v)
        for v in (
            page_id_from_doc_id(hit.id),
            hit.kind,
            hit.title,
            hit.url,
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


def csv_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """Header then one line per hit, streamed."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADERS)
    for hit in hits:
        yield writer.writerow(hit_row(hit))


def csv_text(hits: Iterable[Hit]) -> str:
    out = io.StringIO()
    for line in csv_lines(hits):
        out.write(line)
    return out.getvalue()
