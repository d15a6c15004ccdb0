"""The in-process vector index without the model: exact ranking, filters, patches, and freshness across processes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.db import connection, transaction

from search.models import DocumentVector, Embedding
from search.semantic import store, vectors
from search.semantic.vectors import VectorIndex

MODEL = "test-model/128"


def unit(rng: np.random.Generator, n: int, dimensions: int = 384) -> np.ndarray:
    matrix = rng.standard_normal((n, dimensions)).astype(np.float32) / np.sqrt(dimensions)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def facets(i: int) -> dict[str, list[str]]:
    return {
        "kind": ["case_study" if i % 2 else "challenge"],
        "region": [f"Region {i % 3}"],
        "year": [str(2020 + i % 5)],
    }


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20260101)


def test_ranking_is_the_float32_ranking_to_float16_precision(rng):
    matrix = unit(rng, 3000)
    index = VectorIndex(MODEL)
    index.add((f"d{i}", facets(i), matrix[i]) for i in range(len(matrix)))
    for query in unit(rng, 20):
        scores = matrix @ query
        found = index.search(query, 10, index.live)
        exact = np.sort(scores)[::-1][:10]
        # The same scores in the same order; two documents closer than float16 can tell apart may swap.
        np.testing.assert_allclose([score for _, score in found], exact, atol=2e-3)
        for doc_id, score in found:
            assert scores[int(doc_id[1:])] == pytest.approx(score, abs=2e-3)


def test_filters_or_within_a_facet_and_across_facets(rng):
    matrix = unit(rng, 300)
    index = VectorIndex(MODEL)
    index.add((f"d{i}", facets(i), matrix[i]) for i in range(len(matrix)))
    query = unit(rng, 1)[0]
    allowed = index.allowed({"region": ("Region 0", "Region 1"), "kind": ("challenge",)})
    found = [doc_id for doc_id, _ in index.search(query, 300, allowed)]
    expected = {f"d{i}" for i in range(300) if i % 3 in (0, 1) and i % 2 == 0}
    assert set(found) == expected and len(found) == len(expected)
    # Few rows pass (the scan reads only those) and the order is still exact.
    selective = index.allowed({"year": ("2021",), "region": ("Region 2",)})
    rows = [i for i in range(300) if i % 5 == 1 and i % 3 == 2]
    exact = sorted(rows, key=lambda i: -float(matrix[i] @ query))[:5]
    assert [doc_id for doc_id, _ in index.search(query, 5, selective)] == [f"d{i}" for i in exact]
    assert index.search(query, 5, index.allowed({"region": ("Nowhere",)})) == []


def test_patches_remove_replace_and_compact(rng):
    matrix = unit(rng, 2000)
    index = VectorIndex(MODEL)
    index.add((f"d{i}", facets(i), matrix[i]) for i in range(2000))
    query = matrix[7]
    assert index.search(query, 1, index.live)[0][0] == "d7"
    # d7 removed, d8 given d7's vector and another region: the old copy still answers as before.
    patched = index.patched({"d7", "d8"}, [("d8", {"region": ["Elsewhere"]}, matrix[7])])
    assert index.search(query, 1, index.live)[0][0] == "d7"
    assert patched.search(query, 1, patched.live)[0][0] == "d8"
    assert patched.search(query, 1, patched.allowed({"region": ("Elsewhere",)})) == [
        ("d8", pytest.approx(1.0, abs=2e-3))
    ]
    assert "d8" not in [d for d, _ in patched.search(matrix[8], 5, patched.allowed({"region": ("Region 2",)}))]
    # Removing most rows compacts the copy; what is left is unchanged.
    small = patched.patched({f"d{i}" for i in range(1500)}, [])
    assert small.count == small.size == 500
    assert small.search(matrix[1600], 3, small.live)[0][0] == "d1600"
    assert small.allowed({"region": ("Elsewhere",)}) == 0


def _write_as_another_process(doc_id: str, vector: np.ndarray, region: str = "North") -> None:
    """What another process's write leaves in the database: rows, a new generation and a change-log entry."""
    text_hash = f"hash-{doc_id}-{region}"
    with transaction.atomic(), connection.cursor() as cursor:
        Embedding.objects.create(model=MODEL, text_hash=text_hash, vector=vector.astype("<f4").tobytes())
        DocumentVector.objects.update_or_create(
            doc_id=doc_id, defaults={"text_hash": text_hash, "text": doc_id, "facets": {"region": [region]}}
        )
        store.bump(cursor, [doc_id])


def test_another_process_write_is_seen_by_patching(db, rng, django_assert_max_num_queries):
    matrix = unit(rng, 3)
    vectors.forget()
    _write_as_another_process("a", matrix[0])
    first = vectors.current(MODEL)
    assert [d for d, _ in first.search(matrix[0], 5, first.live)] == ["a"]
    with django_assert_max_num_queries(1):  # nothing written since: one small query
        assert vectors.current(MODEL) is first
    _write_as_another_process("b", matrix[1])
    _write_as_another_process("a", matrix[2], region="South")
    patched = vectors.current(MODEL)
    assert patched is not first and patched.count == 3  # a's old row is dead, a and b appended: no reload
    assert [d for d, _ in patched.search(matrix[2], 1, patched.allowed({"region": ("South",)}))] == ["a"]
    with transaction.atomic(), connection.cursor() as cursor:
        store.delete(["b"])
        store.bump(cursor, ["b"])
    assert [d for d, _ in vectors.current(MODEL).search(matrix[1], 5, vectors.current(MODEL).live)] == ["a"]


def test_loading_reads_every_vector_a_page_at_a_time(db, rng, monkeypatch):
    monkeypatch.setattr(store, "READ_PAGE", 2)
    matrix = unit(rng, 5)
    for i, vector in enumerate(matrix):
        _write_as_another_process(f"d{i}", vector)
    vectors.forget()
    index = vectors.current(MODEL)
    assert sorted(index.doc_ids) == [f"d{i}" for i in range(5)]
    assert [d for d, _ in index.search(matrix[3], 1, index.live)] == ["d3"]


def test_a_broken_change_chain_reloads(db, rng):
    matrix = unit(rng, 2)
    vectors.forget()
    _write_as_another_process("a", matrix[0])
    first = vectors.current(MODEL)
    _write_as_another_process("b", matrix[1])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_vector_change")  # older than the log keeps, or a rebuild
    reloaded = vectors.current(MODEL)
    assert reloaded is not first and reloaded.count == 2


def test_a_rolled_back_write_never_leaves_a_stale_copy(db, rng):
    matrix = unit(rng, 2)
    vectors.forget()
    try:
        with transaction.atomic():
            _write_as_another_process("a", matrix[0])
            assert vectors.current(MODEL).size == 1  # seen inside the transaction
            raise RuntimeError
    except RuntimeError:
        pass
    assert vectors.current(MODEL).size == 0
    _write_as_another_process("b", matrix[1])  # a different write: a different generation
    assert [d for d, _ in vectors.current(MODEL).search(matrix[1], 5, vectors.current(MODEL).live)] == ["b"]


def test_the_change_log_is_pruned_and_a_rebuild_is_not_logged(db):
    with connection.cursor() as cursor:
        for i in range(store.CHANGE_LOG_KEEP + 5):
            store.bump(cursor, [f"d{i}"])
        store.bump(cursor, [f"d{i}" for i in range(store.CHANGE_LOG_MAX_IDS + 1)])
        cursor.execute("SELECT count(*) FROM search_vector_change")
        assert cursor.fetchone()[0] == store.CHANGE_LOG_KEEP
        cursor.execute("SELECT doc_ids FROM search_vector_change ORDER BY id DESC")
        assert json.loads(cursor.fetchone()[0]) == [f"d{store.CHANGE_LOG_KEEP + 4}"]  # the rebuild left no entry
