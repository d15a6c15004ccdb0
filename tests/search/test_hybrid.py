"""Hybrid search on the database engine: documents near in meaning join the word matches (search/fusion.py)."""

from __future__ import annotations

import pytest

from search import semantic
from search.engines.database import DatabaseEngine
from search.semantic.indexing import embed_pending
from search.types import SearchQuery
from tests.search.contract import doc

DOCS = [
    doc(1, "Fixing potholes faster with photo reports", summary="Residents send photos of road holes."),
    doc(2, "Council tax reminders by text", summary="Texts before arrears build up."),
    doc(3, "Road defects survey", summary="A survey of pavements.", kind="challenge"),
]


@pytest.fixture
def engine(db, settings) -> DatabaseEngine:
    settings.SEARCH_SEMANTIC = True
    engine = DatabaseEngine()
    engine.rebuild(semantic.rebuild_documents(DOCS))
    embed_pending()
    return engine


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


QUERY = "craters in the street"  # no document uses these words


def test_documents_in_other_words_are_found_by_meaning(engine):
    result = engine.search(SearchQuery(text=QUERY))
    assert set(ids(result)) == {"page:1", "page:3"}  # council tax reminders are not near in meaning
    assert result.total == 2 and result.partial_match
    # Honest: found by meaning, each says it mentions none of the words.
    assert all(set(hit.missing) == {"craters", "street"} for hit in result.hits)


def test_filters_apply_to_documents_found_by_meaning(engine):
    result = engine.search(SearchQuery(text=QUERY, filters={"kind": ("challenge",)}))
    assert ids(result) == ["page:3"]


def test_with_semantic_retrieval_off_search_works_on_words_alone(engine, settings):
    settings.SEARCH_SEMANTIC = False
    assert engine.search(SearchQuery(text=QUERY)).total == 0
    assert ids(engine.search(SearchQuery(text="road defects"))) == ["page:3", "page:1"]


def test_related_content_comes_from_the_vectors(engine):
    assert [hit.id for hit in engine.related("page:1", limit=1)] == ["page:3"]
    assert [hit.id for hit in engine.similar_to_text("pothole repairs on our roads", limit=1)] == ["page:1"]


def test_text_unlike_anything_finds_nothing_rather_than_the_nearest_unrelated_pages(engine):
    # Below semantic.min_similarity nothing is near enough, and no page shares the words.
    assert engine.similar_to_text("string quartet concert tickets", limit=3) == []
