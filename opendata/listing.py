"""Listings for the API, CSV export, feeds and alerts: the search engine with a kind filter.

Filters are exactly the search page's (search.forms.parse_search_params), so the open data cannot drift from
search. Hits are re-checked against the page tree (live and public) before they leave the building.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from opendata.visibility import page_id_from_doc_id, public_ids
from search import engines
from search.types import Hit, ResultPage, SearchQuery

CSV_PAGE_SIZE = 100
MAX_EXPORT_ROWS = 10_000


def with_kind(query: SearchQuery, kind: str | None) -> SearchQuery:
    """The same query restricted to one kind (the URL decides the kind, not a parameter)."""
    if kind is None:
        return query
    return dataclasses.replace(query, filters={**query.filters, "kind": (kind,)})


def public_hits(hits: tuple[Hit, ...] | list[Hit]) -> list[Hit]:
    allowed = public_ids(page_id_from_doc_id(h.id) for h in hits)
    return [h for h in hits if page_id_from_doc_id(h.id) in allowed]


def search(query: SearchQuery) -> tuple[ResultPage, list[Hit]]:
    result = engines.get_engine().search(query)
    return result, public_hits(result.hits)


def iter_all(query: SearchQuery, max_rows: int = MAX_EXPORT_ROWS) -> Iterator[Hit]:
    """Every public hit for a query, page by page, up to max_rows (an export, not a crawl of the index)."""
    query = dataclasses.replace(query, page_size=CSV_PAGE_SIZE, with_facets=False)
    sent = 0
    page = 1
    while sent < max_rows:
        result = engines.get_engine().search(dataclasses.replace(query, page=page))
        for hit in public_hits(result.hits)[: max_rows - sent]:
            sent += 1
            yield hit
        if not result.hits or page * CSV_PAGE_SIZE >= result.total:
            return
        page += 1
