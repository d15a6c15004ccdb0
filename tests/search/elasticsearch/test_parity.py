"""The same search on both engines: the benchmark's query set over its generated documents.

Ranking may differ (BM25 against the database's ranking), but what is found, the facet counts,
"did you mean" and the glossary terms shown must not.
"""

from __future__ import annotations

import pytest

from bench.search_bench import QUERIES, generate
from search.engines.database import DatabaseEngine
from search.types import SearchQuery

# The database engine indexes summary and tags as one column, so its phrases can span the join
# ("... bin" + "collections" tag); Elasticsearch keeps fields and tags apart. Compared elsewhere.
CROSS_FIELD_PHRASES = {"bin collection"}
CASES = [q for q in QUERIES if q[0] not in CROSS_FIELD_PHRASES] + [("cars", {}, "relevance")]


@pytest.fixture
def both(es_engine, db):
    docs = list(generate(300))
    database = DatabaseEngine()
    database.rebuild(docs)
    es_engine.rebuild(docs)
    return database, es_engine


def facet_counts(result) -> dict[str, dict[str, int]]:
    return {f.name: {v.value: v.count for v in f.values} for f in result.facets}


def test_same_results_facets_and_suggestions_as_the_database_engine(both):
    database, elasticsearch = both
    for text, filters, sort in CASES:
        query = SearchQuery(text=text, filters=filters, sort=sort, page_size=100)  # type: ignore[arg-type]
        expected, got = database.search(query), elasticsearch.search(query)
        only = {h.id for h in got.hits} ^ {h.id for h in expected.hits}
        assert not only, (text, [(h.id, h.title, h.missing) for h in got.hits + expected.hits if h.id in only][:6])
        assert got.total == expected.total, text
        assert facet_counts(got) == facet_counts(expected), text
        assert (got.suggestion, got.expanded_terms) == (expected.suggestion, expected.expanded_terms), text
    assert any(database.search(SearchQuery(text=t)).suggestion for t, _, _ in CASES)  # typos are in the set


def test_the_cross_field_phrase_difference_only_ever_finds_less(both):
    database, elasticsearch = both
    for text in CROSS_FIELD_PHRASES:
        query = SearchQuery(text=text, page_size=100)
        assert {h.id for h in elasticsearch.search(query).hits} <= {h.id for h in database.search(query).hits}
