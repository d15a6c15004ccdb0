"""FTS5's bm25 recomputed in numpy, so that postings held in process can follow writes on SQLite.

FTS5 scores a phrase in an entry as idf x f (k1 + 1) / (f + k1 (1 - b + b D / avgdl)) (its fts5_aux.c), where f is
the phrase's weighted count in the entry (its hits in each column times the column's weight), D the entry's length
in tokens, avgdl the mean length of all entries, and idf = ln((N - n + 0.5) / (n + 0.5)), or 1e-6 when that is not
positive, for n of the N entries holding the phrase. f and D belong to the entry alone; N, n and avgdl change with
every write. So held postings keep each entry's f, recovered from FTS5's own score, and are rescored for the
statistics of the moment: the result equals what FTS5 would say now, to the last bits of a float64.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

K1, B = 1.2, 0.75  # FTS5's constants
MIN_IDF = 1e-6  # FTS5's idf for a phrase in half the entries or more


@dataclass(frozen=True)
class Lengths:
    """Every entry's length in tokens (all columns), by entry id; 0 where there is no entry."""

    by_id: np.ndarray  # float64
    count: int

    @property
    def average(self) -> float:
        return float(self.by_id.sum()) / self.count if self.count else 0.0

    def patched(self, rows: Iterable[tuple[int, bytes]], touched: Iterable[int]) -> Lengths:
        """These lengths after a write: the touched entries take their size now (`rows`), or go if it has none."""
        ids, sizes = _sizes(list(rows))
        touched = np.fromiter(touched, dtype=np.int64)
        top = max(self.by_id.size, int(touched.max()) + 1 if touched.size else 0)
        by_id = np.zeros(top)
        by_id[: self.by_id.size] = self.by_id
        gone = touched[touched < self.by_id.size]
        count = self.count - int(np.count_nonzero(by_id[gone]))
        by_id[touched] = 0.0
        by_id[ids] = sizes
        return Lengths(by_id, count + int(np.count_nonzero(sizes)))


def lengths_of(rows: list[tuple[int, bytes]]) -> Lengths:
    """Lengths from FTS5's docsize rows (id, sizes of the columns as varints)."""
    ids, sizes = _sizes(rows)
    by_id = np.zeros(int(ids.max()) + 1 if ids.size else 0)
    by_id[ids] = sizes
    return Lengths(by_id, int(ids.size))


def _sizes(rows: list[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray]:
    """(entry ids, total tokens) from docsize rows: each blob is one varint per column (7 bits a byte, high bit set
    on every byte but a value's last), summed without a loop over the rows."""
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    blobs = [bytes(row[1]) for row in rows]
    data = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    if not data.size:
        return ids, np.zeros(ids.size)
    row_of_byte = np.repeat(np.arange(len(blobs)), [len(blob) for blob in blobs])
    last = data < 0x80
    value_of_byte = np.concatenate(([0], np.cumsum(last)[:-1]))
    places_left = np.flatnonzero(last)[value_of_byte] - np.arange(data.size)  # bytes after it in its value
    parts = (data & 0x7F).astype(np.int64) << (7 * places_left)
    return ids, np.bincount(row_of_byte, weights=parts, minlength=len(blobs))


def idf(matching: int, count: int) -> float:
    value = math.log((count - matching + 0.5) / (matching + 0.5)) if count else 0.0
    return value if value > 0 else MIN_IDF


def _length_factor(ids: np.ndarray, lengths: Lengths) -> np.ndarray:
    average = lengths.average or 1.0
    return K1 * (1 - B + B * lengths.by_id[ids] / average)


def frequencies(scores: np.ndarray, ids: np.ndarray, lengths: Lengths, matching: int) -> np.ndarray:
    """Each entry's weighted count of the phrase, from FTS5's bm25 of the phrase alone (positive, as held)."""
    ceiling = idf(matching, lengths.count) * (K1 + 1)
    return scores * _length_factor(ids, lengths) / (ceiling - scores)


def scores(frequency: np.ndarray, ids: np.ndarray, lengths: Lengths, matching: int) -> np.ndarray:
    """FTS5's bm25 of the phrase alone in each entry (positive), for these lengths and `matching` entries."""
    return idf(matching, lengths.count) * frequency * (K1 + 1) / (frequency + _length_factor(ids, lengths))
