"""Splitting work into batches (search/batching.py)."""

from __future__ import annotations

from collections.abc import Iterator

from search.batching import batched


def test_batches_keep_order_and_the_last_one_is_shorter():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_nothing_gives_no_batch():
    assert list(batched([], 3)) == []


def test_a_stream_is_read_one_batch_at_a_time():
    read: list[int] = []

    def stream() -> Iterator[int]:
        for n in range(10):
            read.append(n)
            yield n

    first = next(batched(stream(), 4))
    assert first == [0, 1, 2, 3]
    assert read == [0, 1, 2, 3]
