"""Best bets: pages curators pin for a query (wagtail.contrib.search_promotions), shown first as "Recommended".

Composed around the engine's answer, never inside it, so every engine gets the same best bets. A promoted page is
shown only if it is live and public and matches the selected filters, and it is not repeated lower down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from search import engines, facets
from search.documents import build_document
from search.types import Hit, ResultPage, SearchDocument, SearchQuery

MAX_BEST_BETS = 3


def matches_filters(doc: SearchDocument, filters: Mapping[str, Sequence[str]]) -> bool:
    """True when the document has one of the selected values of every filtered facet (OR within, AND across)."""
    return facets.matches(doc, filters)


def _hit_from_document(doc: SearchDocument) -> Hit:
    return Hit(
        id=doc.id,
        kind=doc.kind,
        title=doc.title,
        url=doc.url,
        summary=doc.summary,
        council=doc.council,
        regions=doc.regions,
        service_area=doc.service_area,
        stage=doc.stage,
        published=doc.published,
        promoted=True,
    )


def promoted_documents(text: str) -> list[SearchDocument]:
    """Documents of the live, public pages curators pinned for this query, in the curators' order."""
    normalised = normalise_query_string(text)
    if not normalised:
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalised, page__isnull=False, page__live=True)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    docs: list[SearchDocument] = []
    for promotion in promotions[: MAX_BEST_BETS * 2]:
        # None unless the page is a searchable type, live and public (no view restriction on it or an ancestor).
        doc = build_document(promotion.page)
        if doc is not None:
            docs.append(doc)
    return docs


def apply_best_bets(result: ResultPage, promoted: Sequence[Hit]) -> ResultPage:
    """Put best bets first on the first page and drop them from the engine's hits everywhere."""
    if not promoted:
        return result
    promoted_ids = {hit.id for hit in promoted}
    hits = tuple(hit for hit in result.hits if hit.id not in promoted_ids)
    if result.page == 1:
        # Keep the engine's highlighted snippet when it found the page too.
        found = {hit.id: hit for hit in result.hits if hit.id in promoted_ids}
        pinned = tuple(dataclasses.replace(found[p.id], promoted=True) if p.id in found else p for p in promoted)
        hits = (*pinned, *hits)
    return dataclasses.replace(result, hits=hits)


def best_bets_for(query: SearchQuery) -> list[Hit]:
    """Best bets apply to a typed query sorted by relevance, and only when they fit the selected filters."""
    if not query.text or query.sort != "relevance":
        return []
    docs = [doc for doc in promoted_documents(query.text) if matches_filters(doc, query.filters)]
    return [_hit_from_document(doc) for doc in docs[:MAX_BEST_BETS]]


def search_with_best_bets(query: SearchQuery) -> ResultPage:
    """The search the page and the API run: the engine's answer with curators' best bets composed on top."""
    return apply_best_bets(engines.get_engine().search(query), best_bets_for(query))
