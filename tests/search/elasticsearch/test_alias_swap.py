"""Zero-downtime rebuild: searches answer from the old index until one atomic alias swap."""

from __future__ import annotations

import threading
import time

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.elasticsearch.indices import building_alias, ensure_alias, indices_behind
from search.types import SearchDocument


def docs(prefix: str, count: int) -> list[SearchDocument]:
    return [
        SearchDocument(id=f"page:{prefix}{n}", kind="pattern", title=f"Resident permits {prefix} {n}", url=f"/{n}/")
        for n in range(count)
    ]


class Searcher(threading.Thread):
    """Searches the alias in a loop, recording every answer and every error."""

    def __init__(self, engine: ElasticsearchEngine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.stop = threading.Event()
        self.totals: list[int] = []
        self.errors: list[Exception] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.totals.append(self.engine.client.count(index=self.engine.alias)["count"])
                assert self.engine.autocomplete("resident permits")
            except Exception as error:  # noqa: BLE001 - recorded, and the test fails on any
                self.errors.append(error)
            time.sleep(0.005)


def test_searches_answer_from_the_old_index_throughout_a_rebuild(es_engine):
    es_engine.rebuild(docs("old", 30))
    [old_index] = indices_behind(es_engine.client, es_engine.alias)
    searcher = Searcher(es_engine)
    searcher.start()
    seen_during: list[tuple[list[str], list[str]]] = []

    def progress(done: int) -> None:
        if done % 10 == 0:
            seen_during.append((indices_behind(es_engine.client, es_engine.alias), list(searcher.totals[-1:])))
            time.sleep(0.05)  # let searches run while the new index is half loaded

    try:
        assert es_engine.rebuild(docs("new", 50), progress=progress) == 50
    finally:
        searcher.stop.set()
        searcher.join()
    assert searcher.errors == []
    # While loading, the alias stayed on the old, complete index; searchers saw 30, then 50: never a partial count.
    assert seen_during and all(live == [old_index] for live, _ in seen_during)
    assert set(searcher.totals) <= {30, 50} and 30 in searcher.totals
    assert searcher.totals == sorted(searcher.totals)
    [new_index] = indices_behind(es_engine.client, es_engine.alias)
    assert new_index != old_index
    assert not es_engine.client.indices.exists(index=old_index)  # the old index is deleted after the swap
    assert indices_behind(es_engine.client, building_alias(es_engine.alias)) == []
    assert es_engine.client.count(index=es_engine.alias)["count"] == 50


def test_a_change_made_during_a_rebuild_is_not_lost_at_the_swap(es_engine):
    es_engine.rebuild(docs("old", 5))
    late = SearchDocument(id="page:late", kind="challenge", title="Published during the rebuild", url="/late/")

    def progress(done: int) -> None:
        if done == 10:
            es_engine.index([late])  # a page published while the rebuild streams

    es_engine.rebuild(docs("new", 20), progress=progress)
    assert es_engine.client.count(index=es_engine.alias)["count"] == 21
    assert es_engine.client.get(index=es_engine.alias, id="page:late")["_source"]["title"] == late.title


def test_a_failed_rebuild_leaves_the_old_index_live_and_removes_the_new_one(es_engine):
    es_engine.rebuild(docs("old", 5))
    [old_index] = indices_behind(es_engine.client, es_engine.alias)

    def crash(done: int) -> None:
        if done == 7:
            raise RuntimeError("the page reader failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        es_engine.rebuild(docs("new", 20), progress=crash)
    assert indices_behind(es_engine.client, es_engine.alias) == [old_index]
    assert es_engine.client.count(index=es_engine.alias)["count"] == 5
    prefix = es_engine.cluster.index_prefix
    assert sorted(es_engine.client.indices.get(index=f"{prefix}-*").body) == [old_index]


def test_the_first_write_creates_one_index_behind_the_alias_even_when_two_race(es_settings, db):
    first, second = ElasticsearchEngine(es_settings), ElasticsearchEngine(es_settings)
    first.index(docs("a", 1))
    # The second process had not seen the alias yet: its create must join the same index, not add another.
    first_index = indices_behind(first.client, first.alias)
    first.client.indices.delete_alias(index=first_index[0], name=first.alias)
    assert ensure_alias(second.client, second.alias) == first_index[0]
    first.client.indices.put_alias(index=first_index[0], name=first.alias)
    second.index(docs("b", 1))
    assert indices_behind(second.client, second.alias) == first_index
    assert second.client.count(index=second.alias)["count"] == 2
