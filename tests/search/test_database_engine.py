"""The engine contract on the database engine (SQLite FTS5 or PostgreSQL full-text, by DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from search.engines.database import DatabaseEngine, bitmaps, store
from search.models import SearchEntry
from search.types import SearchQuery
from tests.search.contract import CORPUS, EngineContract, doc


class TestDatabaseEngine(EngineContract):
    @pytest.fixture
    def engine(self, db) -> DatabaseEngine:
        return DatabaseEngine()


# Database-engine specifics (not part of the contract): the per-process facet bitmaps stay correct.


def kinds(engine: DatabaseEngine) -> dict[str, int]:
    result = engine.search(SearchQuery(filters={}))
    return {v.value: v.count for f in result.facets if f.name == "kind" for v in f.values}


def test_a_write_by_another_process_is_seen(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = kinds(engine)  # this process now holds the bitmaps
    # Another process writes: same tables and generation, but it cannot patch our in-memory cache.
    with transaction.atomic(), connection.cursor() as cursor:
        bitmaps.bump_generation(cursor)
        store.insert([doc(50, "Council tax chatbot for Wales", kind="challenge")])
    assert kinds(engine)["challenge"] == before["challenge"] + 1
    assert engine.search(SearchQuery(text="Wales", filters={"kind": ("challenge",)})).total == 1


def test_a_rolled_back_write_leaves_no_trace(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = kinds(engine)
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index([doc(50, "Council tax chatbot for Wales", kind="challenge")])
        assert kinds(engine)["challenge"] == before["challenge"] + 1
        raise RuntimeError("the publish failed")
    assert kinds(engine) == before
    assert engine.search(SearchQuery(text="Wales")).total == 0


def test_rebuild_restarts_entry_ids(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    engine.rebuild(CORPUS)
    assert max(SearchEntry.objects.values_list("pk", flat=True)) == len(CORPUS)


def test_indexed_documents_round_trip(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    assert tuple(engine.documents()) == CORPUS
