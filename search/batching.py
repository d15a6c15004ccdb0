"""Splitting work into batches: statements stay under the databases' parameter limits and each batch can commit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items in order, the last one shorter; reads `items` lazily, so a stream is never held whole.

    Python 3.12's itertools.batched does this but yields tuples (and the project supports 3.11).
    """
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
