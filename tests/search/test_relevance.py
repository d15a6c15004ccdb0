"""Relevance measured against judgements (tests/search/relevance/judgements.yml) on the database engine.

The threshold is the score the engine reached when the judgements were written, rounded down: a change that
makes ranking worse fails here; one that makes it better should raise the threshold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search.engines.database import DatabaseEngine
from search.types import SearchDocument, SearchQuery

HERE = Path(__file__).parent / "relevance"
# 0.9 when written (two known gaps); 1.0 with graded matching, kept a little below to allow new judgements.
MIN_MEAN_RECIPROCAL_RANK = 0.95


def corpus() -> list[SearchDocument]:
    rows = yaml.safe_load((HERE / "corpus.yml").read_text())
    return [
        SearchDocument(
            id=f"page:{row['id']}",
            kind=row["kind"],
            title=row["title"],
            url=f"/r/{row['id']}/",
            summary=row["summary"],
            body=row["body"],
            service_area=row["service_area"],
            tags=tuple(row["tags"]),
        )
        for row in rows
    ]


def judgements() -> list[dict]:
    return yaml.safe_load((HERE / "judgements.yml").read_text())


def reciprocal_rank(ranked: list[str], expected: list[int]) -> float:
    wanted = {f"page:{n}" for n in expected}
    return next((1 / position for position, hit in enumerate(ranked, start=1) if hit in wanted), 0.0)


@pytest.fixture
def engine(db) -> DatabaseEngine:
    engine = DatabaseEngine()
    engine.rebuild(corpus())
    return engine


def ranked(engine: DatabaseEngine, query: str) -> list[str]:
    # As the search page and the API search: graded matching.
    query_ = SearchQuery(text=query, page_size=10, with_facets=False)
    return [hit.id for hit in engine.search(query_).hits]


def in_top_three(engine: DatabaseEngine, judgement: dict) -> bool:
    return reciprocal_rank(ranked(engine, judgement["query"])[:3], judgement["expected"]) > 0


def test_every_judged_query_finds_an_expected_document_in_the_top_three(engine):
    misses = [j["query"] for j in judgements() if "known_gap" not in j and not in_top_three(engine, j)]
    assert not misses, f"expected documents not in the top 3 for: {misses}"


def test_known_gaps_are_still_gaps(engine):
    # A fixed gap should lose its `known_gap` note so the stricter test above covers it from then on.
    fixed = [j["query"] for j in judgements() if "known_gap" in j and in_top_three(engine, j)]
    assert not fixed, f"remove known_gap from these judgements, they now pass: {fixed}"


def test_mean_reciprocal_rank_meets_the_threshold(engine):
    scores = [reciprocal_rank(ranked(engine, j["query"]), j["expected"]) for j in judgements()]
    assert sum(scores) / len(scores) >= MIN_MEAN_RECIPROCAL_RANK


def test_the_scorer_punishes_a_wrong_ranking():
    # Guards the measure itself: a ranking that puts the expected document third scores a third.
    assert reciprocal_rank(["page:9", "page:8", "page:7"], [7]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["page:9"], [7]) == 0.0
