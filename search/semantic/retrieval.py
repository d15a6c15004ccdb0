"""Nearest documents by meaning: for a query (fused with the words' ranking elsewhere), a document or a text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from search.planning import clean_filters
from search.semantic import encoder, vectors
from search.types import PAGE_KINDS


def nearest(text: str, k: int = 10, filters: Mapping[str, Iterable[str]] | None = None) -> list[tuple[str, float]]:
    """The k indexed documents nearest in meaning to the text, as (doc id, cosine similarity), best first.

    `filters` is SearchQuery.filters: facet -> values, values within a facet ORed, facets ANDed. Empty when
    semantic retrieval is off or cannot run, or the text is blank.
    """
    query = encoder.embed_query(text)
    if query is None:
        return []
    index = _index()
    if index is None:
        return []
    return index.search(query, k, index.allowed(clean_filters(dict(filters or {}))))


def related(doc_id: str, k: int = 5, kinds: tuple[str, ...] = ()) -> list[tuple[str, float]]:
    """Documents nearest in meaning to an indexed document (itself excluded); pages only unless `kinds` says."""
    index = _index()
    if index is None:
        return []
    vector = index.vector_of(doc_id)
    if vector is None:
        return []
    allowed = index.allowed({"kind": kinds or PAGE_KINDS}) & ~(1 << index.rows[doc_id])
    return index.search(vector, k, allowed)


def similar_to_text(text: str, k: int = 5, kinds: tuple[str, ...] = ()) -> list[tuple[str, float]]:
    """Documents nearest in meaning to a text being written (the "has anyone done this?" check while authoring)."""
    query = encoder.embed_query(text)
    if query is None:
        return []
    index = _index()
    if index is None:
        return []
    return index.search(query, k, index.allowed({"kind": kinds or PAGE_KINDS}))


def _index() -> vectors.VectorIndex | None:
    model = encoder.current_model_key()
    return None if model is None else vectors.current(model)
