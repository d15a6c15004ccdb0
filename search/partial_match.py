"""The partial-match fallback, the same for every engine.

A search must match every word typed. When nothing does, a query of two or more words is run again so that any
of them may match (best matches first), and the result says so (`ResultPage.partial_match`), so the page and the
API can tell the reader these results contain only some of their words. Filters, exclusions (-word) and
"exact phrases" keep their meaning; a query of one word, or filters alone, is never relaxed.
"""

from __future__ import annotations

import dataclasses

from search.planning import can_relax
from search.types import ResultPage, SearchEngine, SearchQuery


def search_with_partial_match(engine: SearchEngine, query: SearchQuery) -> ResultPage:
    """The engine's answer; if it found nothing for a query of several words, the answer matching any of them."""
    result = engine.search(query)
    if result.total or query.match != "all" or not can_relax(query.text):
        return result
    relaxed = engine.search(dataclasses.replace(query, match="any"))
    # Nothing matches any word either: keep the first answer (its "did you mean" and facet counts).
    return dataclasses.replace(relaxed, partial_match=True) if relaxed.total else result
