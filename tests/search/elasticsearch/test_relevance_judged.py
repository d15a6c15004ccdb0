"""Relevance on real council write-ups (tests/search/relevance/) on the Elasticsearch engine, beside plain BM25."""

from __future__ import annotations

from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.relevance import judged
from tests.search.test_relevance_judged import engine_ranking

# Measured on osmem-server when set; see docs/search.md "Relevance".
FLOORS = {"all": 0.0, "held out": 0.0, "mismatch": 0.0}


def test_elasticsearch_engine_ranks_real_write_ups_above_plain_bm25(
    es_engine: ElasticsearchEngine, judged_documents, capsys
):
    documents, doc_to_record = judged_documents
    es_engine.rebuild(documents)
    text, table = judged.report(
        {"BM25 baseline": judged.BM25(judged.records()).rank, "Elasticsearch": engine_ranking(es_engine, doc_to_record)}
    )
    with capsys.disabled():
        print(f"\n{text}")
    ours, baseline = table["Elasticsearch"], table["BM25 baseline"]
    for group, floor in FLOORS.items():
        assert ours[group].ndcg >= floor, group
    assert ours["all"].ndcg > baseline["all"].ndcg
