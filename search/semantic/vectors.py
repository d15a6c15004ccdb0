"""The vectors in process: loaded from the database on first use, kept fresh, searched exactly.

Storage and search, chosen by measurement (`bench/semantic_bench.py --compare`: 100,000 vectors of 384, the 60
benchmark queries, k = 10; the shared 2-core machine at load average 1.4 to 2.7):

| how                                             | memory | median, p95     | true top 10 found |
| ----------------------------------------------- | ------ | --------------- | ----------------- |
| float32, numpy matrix-vector (BLAS), 1 thread   | 154 MB | 16 ms, 23 ms    | 1.000             |
| float32, numpy matrix-vector (BLAS), 2 threads  | 154 MB | 16 ms, 28 ms    | 1.000             |
| float16, numpy (no fast float16 product)        |  77 MB | 158 ms, 189 ms  | 0.993             |
| float16, simsimd SIMD dot products              |  77 MB | 6.1 ms, 7.5 ms  | 1.000             |
| int8, numpy integer product                     |  38 MB | 46 ms, 55 ms    | 0.958             |
| int8 simsimd, best 100 re-scored in float16     | 115 MB | 3.0 ms, 4.2 ms  | 1.000             |
| sign bits (Hamming), best 1,000 re-scored       |  82 MB | 2.8 ms, 6.0 ms  | 0.965             |

(At load average 4 to 5 every way took two to three times as long, in the same order; usearch's exact search, tried
in a throwaway environment, took 10 ms on float16 and 13 ms on float32.) So each vector is kept twice: as int8
(x 127 / INT8_RANGE, rounded) for a first pass over every row with simsimd's SIMD int8 dot product, and as float16
to re-score the best CANDIDATES rows. That gives the float32 ranking (every benchmark query found the same top 10;
only documents closer than float16 can tell apart may swap) and cosines to about 0.001, within the memory budget
(about 160 MB at 100,000 documents). An approximate graph index (usearch's HNSW, hnswlib) answers faster but needs
the filters applied inside the graph walk, a build (or a file to load) in every process, and the graph's links on
top of the vectors (hnswlib keeps them in float32); at this size an exact scan fits the budgets.

Filters are bitmaps (a Python int per facet value, a bit per row), as in the database engine. When the filters
leave few rows, only those rows are scanned.

Freshness: every vector write changes a generation in the database (search/semantic/store.py). Each call reads it
(one small query); if another process has written since, this process follows the change log from its copy's
generation and re-reads only the documents touched, or reloads when the chain is broken (after a rebuild, or a
rolled-back write). Copies are never changed in place: a patch builds a new one (appended rows go beyond the old
copy's count, so searches under way in other threads are unaffected).
"""

from __future__ import annotations

import copy
import ctypes
import ctypes.util
import threading
from array import array
from collections.abc import Iterable, Mapping

import numpy as np
import simsimd
from django.db import connection

from search.semantic import store

# int8 codes are vector x 127 / INT8_RANGE: unit-length MiniLM vectors have no component above 0.27 (measured),
# and a rarer larger one is clipped only in the first pass; the float16 re-scoring is exact.
INT8_RANGE = 0.5
# Rows re-scored in float16 after the int8 pass (at least; ten times k when k is larger).
CANDIDATES = 100
# A process this many writes behind reloads: patching would cost about as much.
CHANGE_LOG_FOLLOW = 200
# A copy with more removed rows than this share (and at least 1,000) is compacted when next patched.
COMPACT_SHARE = 0.25


class VectorIndex:
    def __init__(self, model: str, dimensions: int = 384, capacity: int = 1024, generation: int = -1) -> None:
        self.model = model
        self.generation = generation
        self.dimensions = dimensions
        self.codes = np.zeros((capacity, dimensions), dtype=np.int8)
        self.vectors = np.zeros((capacity, dimensions), dtype=np.float16)
        self.count = 0  # rows used; rows of removed documents stay (not live) until compaction
        self.doc_ids: list[str] = []
        self.rows: dict[str, int] = {}
        self.live = 0  # bitmap of rows whose document is in the index
        self.values: dict[str, dict[str, int]] = {}  # facet -> value -> bitmap of rows
        # Each row's (facet, value) pairs, to clear its bits on removal: numbered pairs in flat arrays (a list of
        # tuples per row would cost about 1 KB a document).
        self.pair_ids: dict[tuple[str, str], int] = {}
        self.pairs: list[tuple[str, str]] = []
        self.row_starts = array("q", [0])  # row r's pairs are row_pairs[row_starts[r] : row_starts[r + 1]]
        self.row_pairs = array("i")

    @property
    def size(self) -> int:
        return self.live.bit_count()

    @property
    def nbytes(self) -> int:
        """Memory of the vectors in use (int8 and float16 copies)."""
        return self.count * self.dimensions * 3

    # Building

    def add(self, items: Iterable[tuple[str, Mapping[str, list[str]], np.ndarray]]) -> None:
        """Append documents (whose ids are not in the copy); only on a copy no search can see yet."""
        first_row, first_pair = self.count, len(self.row_pairs)
        chunk: list[np.ndarray] = []
        for doc_id, facets, vector in items:
            row = len(self.doc_ids)
            self.doc_ids.append(doc_id)
            self.rows[doc_id] = row
            for facet, values in facets.items():
                for value in values:
                    pair = (facet, value)
                    number = self.pair_ids.get(pair)
                    if number is None:
                        number = self.pair_ids[pair] = len(self.pairs)
                        self.pairs.append(pair)
                    self.row_pairs.append(number)
            self.row_starts.append(len(self.row_pairs))
            chunk.append(vector)
            if len(chunk) == 4096:
                self._append_vectors(chunk)
                chunk = []
        if chunk:
            self._append_vectors(chunk)
        self.live |= _bitmap(np.arange(first_row, self.count))
        self._set_facet_bits(first_row, first_pair)

    def _set_facet_bits(self, first_row: int, first_pair: int) -> None:
        """Set the new rows' bits in each facet value's bitmap, grouping rows by value with numpy (a Python list of
        row numbers per value held a million ints at 100,000 documents)."""
        pairs = np.array(self.row_pairs[first_pair:], dtype=np.int32)
        if not len(pairs):
            return
        per_row = np.diff(np.array(self.row_starts[first_row:], dtype=np.int64))
        # numpy's stubs type the diff of an int64 array as timedelta64, which repeat() does not take.
        rows = np.repeat(np.arange(first_row, self.count), per_row)  # type: ignore[arg-type]
        order = np.argsort(pairs, kind="stable")
        pairs, rows = pairs[order], rows[order]
        starts = np.flatnonzero(np.diff(pairs)) + 1
        for group_pairs, group_rows in zip(np.split(pairs, starts), np.split(rows, starts), strict=True):
            facet, value = self.pairs[group_pairs[0]]
            values = self.values.setdefault(facet, {})
            values[value] = values.get(value, 0) | _bitmap(group_rows)

    def _append_vectors(self, chunk: list[np.ndarray]) -> None:
        matrix = np.asarray(chunk, dtype=np.float32)
        if self.count == 0 and matrix.shape[1] != self.dimensions:  # another model's size
            self.dimensions = matrix.shape[1]
            self.codes = np.zeros((len(self.codes), self.dimensions), dtype=np.int8)
            self.vectors = np.zeros((len(self.codes), self.dimensions), dtype=np.float16)
        while self.count + len(matrix) > len(self.codes):
            self._grow()
        self.codes[self.count : self.count + len(matrix)] = _quantise(matrix)
        self.vectors[self.count : self.count + len(matrix)] = matrix
        self.count += len(matrix)

    def _grow(self) -> None:
        capacity = max(1024, len(self.codes) * 2)
        codes = np.zeros((capacity, self.dimensions), dtype=np.int8)
        vectors = np.zeros((capacity, self.dimensions), dtype=np.float16)
        codes[: self.count] = self.codes[: self.count]
        vectors[: self.count] = self.vectors[: self.count]
        self.codes, self.vectors = codes, vectors

    def patched(self, doc_ids: set[str], items: list[tuple[str, Mapping[str, list[str]], np.ndarray]]) -> VectorIndex:
        """A new copy without `doc_ids`' old rows and with `items` (their current vectors) appended."""
        new = copy.copy(self)
        new.doc_ids = list(self.doc_ids)
        new.rows = dict(self.rows)
        new.values = {facet: dict(by_value) for facet, by_value in self.values.items()}
        new.pair_ids, new.pairs = dict(self.pair_ids), list(self.pairs)
        new.row_starts, new.row_pairs = array("q", self.row_starts), array("i", self.row_pairs)
        for doc_id in doc_ids:
            row = new.rows.pop(doc_id, None)
            if row is None:
                continue
            bit = 1 << row
            new.live &= ~bit
            for facet, value in new._pairs_of(row):
                new.values[facet][value] &= ~bit
                if not new.values[facet][value]:
                    del new.values[facet][value]
        dead = new.count - new.size
        if dead > max(1000, COMPACT_SHARE * new.count):
            new = new._compacted()
        new.add(items)
        return new

    def _compacted(self) -> VectorIndex:
        compact = VectorIndex(self.model, self.dimensions, max(1024, self.size), self.generation)
        rows = np.flatnonzero(_bool_mask(self.live, self.count))
        compact.add(
            (self.doc_ids[row], _facets(self._pairs_of(row)), self.vectors[row].astype(np.float32))
            for row in rows.tolist()
        )
        return compact

    def _pairs_of(self, row: int) -> list[tuple[str, str]]:
        return [self.pairs[n] for n in self.row_pairs[self.row_starts[row] : self.row_starts[row + 1]]]

    # Searching

    def allowed(self, filters: Mapping[str, tuple[str, ...]]) -> int:
        """Bitmap of the live rows passing the filters (values within a facet ORed, facets ANDed)."""
        bits = self.live
        for facet, values in filters.items():
            by_value = self.values.get(facet, {})
            any_of = 0
            for value in values:
                any_of |= by_value.get(value, 0)
            bits &= any_of
        return bits

    def vector_of(self, doc_id: str) -> np.ndarray | None:
        row = self.rows.get(doc_id)
        return None if row is None else self.vectors[row].astype(np.float32)

    def search(self, query: np.ndarray, k: int, allowed: int) -> list[tuple[str, float]]:
        """The k rows allowed nearest the unit-length query: (doc id, cosine), best first."""
        count = self.count
        selected = allowed.bit_count()
        if k <= 0 or selected == 0:
            return []
        code = _quantise(query)[None, :]
        rows = None if selected == count else np.flatnonzero(_bool_mask(allowed, count))
        if rows is not None and selected * 8 < count:  # few rows pass the filters: scan only those
            first = _dot(code, self.codes[rows])
        else:  # one pass over every row is faster than gathering most of them
            first = _dot(code, self.codes[:count])
            if rows is not None:
                first = first[rows]
        wanted = min(max(CANDIDATES, 10 * k), len(first))
        best = np.argpartition(first, len(first) - wanted)[len(first) - wanted :]
        candidates = rows[best] if rows is not None else best
        scores = self.vectors[candidates].astype(np.float32) @ query.astype(np.float32)
        order = np.lexsort((candidates, -scores))[:k]
        return [(self.doc_ids[candidates[i]], float(scores[i])) for i in order]


def _dot(code: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """int8 dot products of one code with every row (SIMD, one thread), as float32."""
    return np.asarray(simsimd.cdist(code, codes, metric="dot", out_dtype="float32", threads=1))[0]


def _quantise(vector: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.asarray(vector, dtype=np.float32) * (127 / INT8_RANGE)), -127, 127).astype(np.int8)


def _bitmap(positions: np.ndarray) -> int:
    """A Python int with these bits set (built with numpy: setting bits one by one costs quadratic time)."""
    if not len(positions):
        return 0
    flags = np.zeros(int(positions.max()) + 1, dtype=bool)
    flags[positions] = True
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def _bool_mask(bits: int, count: int) -> np.ndarray:
    raw = np.frombuffer(bits.to_bytes((count + 7) // 8 or 1, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little", count=count).view(bool)


def _facets(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    facets: dict[str, list[str]] = {}
    for facet, value in pairs:
        facets.setdefault(facet, []).append(value)
    return facets


# This process's copy

_lock = threading.Lock()
_index: VectorIndex | None = None


def current(model: str) -> VectorIndex:
    """This process's copy for `model`, patched or reloaded first if any process has written since."""
    global _index
    with connection.cursor() as cursor:
        generation = store.current_generation(cursor)
        index = _index
        if index is not None and index.generation == generation and index.model == model:
            return index
        with _lock:
            index = _index
            if index is None or index.model != model:
                index = None
            if index is None or index.generation != generation:
                index = (_patch(cursor, index, generation) if index is not None else None) or _load(
                    cursor, model, generation
                )
                _index = index
            return index


def _load(cursor, model: str, generation: int) -> VectorIndex:
    index = VectorIndex(model, capacity=store.count_vectors(cursor, model) + 1024, generation=generation)
    index.add(store.read_vectors(cursor, model))
    _return_freed_memory()
    return index


def _return_freed_memory() -> None:
    """Hand the memory the load used in passing (rows read, decoded facets) back to the system.

    glibc keeps freed memory for reuse; after loading 100,000 vectors that was about 25 MB of the process's RSS.
    Elsewhere (another C library) this does nothing.
    """
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        trim = None
    if trim is not None:
        trim(0)


def _patch(cursor, index: VectorIndex, generation: int) -> VectorIndex | None:
    touched = store.touched_since(cursor, index.generation, generation, CHANGE_LOG_FOLLOW)
    if touched is None:
        return None
    ids = sorted(touched)
    patched = index.patched(set(ids), list(store.read_vectors(cursor, index.model, ids)) if ids else [])
    patched.generation = generation
    return patched


def forget() -> None:
    """Drop this process's copy (tests)."""
    global _index
    with _lock:
        _index = None
