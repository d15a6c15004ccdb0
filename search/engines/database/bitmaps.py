"""In-process bitmaps of facet values: exact facet counts and totals in microseconds per value.

Each (facet, value) is a Python int whose bit `entry id` is set when the entry has that value.
Counting a facet value for the current result is `(result & value).bit_count()`, so disjunctive
facet counts cost the same at 100 documents or 100,000. The cache belongs to one process and is
keyed by the index generation (search_state): any write, from any process, bumps the generation;
a process that made the write patches its cache in place; others follow the change log (search_change)
from their generation and patch a copy, and reload only when the chain is broken (after a rebuild).
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from search.batching import batched
from search.generations import new_generation
from search.ranking import ranking

_lock = threading.Lock()


def mask_of(ids: Iterable[int]) -> int:
    """Ids -> an int with those bits set (via a bytearray: far faster than shifting per id)."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def mask_of_array(ids: Sequence[int] | np.ndarray) -> int:
    """Ids in an array -> a bitmap, without a Python step per id (a list of 30,000 ids: ~0.3 ms against ~4 ms)."""
    positions = np.asarray(ids, dtype=np.int64)
    if not positions.size:
        return 0
    flags = np.zeros(int(positions.max()) + 1, dtype=np.uint8)
    flags[positions] = 1
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def flags_of(mask: int) -> bytes:
    """A bitmap as bytes, so testing entry i is `flags[i >> 3] >> (i & 7) & 1` (use `has`): constant time, where
    shifting a 100,000-bit integer costs microseconds each (quadratic over thousands of rows)."""
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little")


def has(flags: bytes, i: int) -> bool:
    return (i >> 3) < len(flags) and bool(flags[i >> 3] >> (i & 7) & 1)


def ids_of(mask: int) -> list[int]:
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    return [i * 8 + bit for i, byte in enumerate(data) if byte for bit in range(8) if byte >> bit & 1]


@dataclass
class FacetBitmaps:
    generation: int = -1
    all: int = 0
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> mask
    boost: dict[int, float] = field(default_factory=dict)
    day: dict[int, int] = field(default_factory=dict)
    newest: list[int] = field(default_factory=list)  # entry ids, newest first (sorted lazily)
    newest_valid: bool = False
    factors: np.ndarray = field(default_factory=lambda: np.zeros(0))  # boost x recency by entry id, on factors_day
    factors_day: int = 0
    pairs: ValuePairs | None = None  # the facet values as arrays, for counting (built lazily)
    boost_array: np.ndarray | None = None  # boost by entry id (built lazily)

    def remove(self, ids: Iterable[int]) -> None:
        gone = mask_of(ids)
        keep = ~gone
        self.all &= keep
        for by_value in self.values.values():
            for value in [v for v, m in by_value.items() if m & gone]:
                by_value[value] &= keep
                if not by_value[value]:
                    del by_value[value]
        removed = ids_of(gone)
        for i in removed:
            self.boost.pop(i, None)
            self.day.pop(i, None)
        self.newest_valid = False
        # The arrays are patched, not rebuilt (a rebuild costs tens of ms at 100,000 entries); copied first, as a
        # patched copy of the cache shares them with the original that other searches may still be reading.
        if self.pairs is not None:
            self.pairs = self.pairs.replaced(removed, {})
        if self.boost_array is not None:
            self.boost_array = _with(self.boost_array, removed, 0.0)
        if self.factors_day:
            self.factors = _with(self.factors, removed, 0.0)

    def add(self, rows: Iterable[tuple[int, float, int]], facets: Iterable[tuple[int, str, str]]) -> None:
        ids = []
        for entry_id, boost, day in rows:
            self.boost[entry_id] = boost
            self.day[entry_id] = day
            ids.append(entry_id)
        self.all |= mask_of(ids)
        grouped: dict[tuple[str, str], list[int]] = {}
        by_entry: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
        for entry_id, facet, value in facets:
            grouped.setdefault((facet, value), []).append(entry_id)
            by_entry.setdefault(entry_id, []).append((facet, value))
        for (facet, value), with_value in grouped.items():
            by_value = self.values.setdefault(facet, {})
            by_value[value] = by_value.get(value, 0) | mask_of(with_value)
        self.newest_valid = False
        if self.pairs is not None:
            self.pairs = self.pairs.replaced([], by_entry)
        if ids and self.boost_array is not None:
            self.boost_array = _with(self.boost_array, ids, [self.boost[i] for i in ids])
        if ids and self.factors_day:
            boosts = np.array([self.boost[i] for i in ids])
            days = np.array([self.day[i] for i in ids], dtype=np.float64)
            self.factors = _with(self.factors, ids, _rank_factors(boosts, days, self.factors_day))

    def boosts(self) -> np.ndarray:
        """Each entry's boost, by entry id (0 for no entry)."""
        if self.boost_array is None:
            ids = np.fromiter(self.boost, dtype=np.int64, count=len(self.boost))
            self.boost_array = np.zeros(int(ids.max()) + 1 if ids.size else 0)
            self.boost_array[ids] = np.fromiter(self.boost.values(), dtype=np.float64, count=len(self.boost))
        return self.boost_array

    def rank_factors(self, today: int) -> np.ndarray:
        """Boost x the ranking file's recency factor, by entry id (0 for no entry), computed once a day."""
        if self.factors_day != today:
            days = np.zeros(self.boosts().size)
            ids = np.fromiter(self.day, dtype=np.int64, count=len(self.day))
            days[ids] = np.fromiter(self.day.values(), dtype=np.float64, count=len(self.day))
            self.factors, self.factors_day = _rank_factors(self.boosts(), days, today), today
        return self.factors

    def value_counts(self, base: int, facets: Iterable[str]) -> dict[str, dict[str, int]]:
        """Per facet: how many entries of `base` have each value (values with none left out)."""
        if self.pairs is None:
            self.pairs = ValuePairs.of(self.values, self.all.bit_length())
        return self.pairs.counts(base, facets)

    def newest_first(self) -> list[int]:
        if not self.newest_valid:
            self.newest = sorted(self.day, key=lambda i: (self.day[i], i), reverse=True)
            self.newest_valid = True
        return self.newest


@dataclass(frozen=True)
class ValuePairs:
    """Each entry's facet values as arrays (entry by entry, CSR): counting the values of a set of entries is a
    gather of their values and one bincount, work in proportion to those entries, where a popcount per value
    costs an AND of two 100,000-bit integers whatever the set (about 25 ms for 590 values)."""

    offsets: np.ndarray  # entry i's values are codes[offsets[i]:offsets[i + 1]]
    codes: np.ndarray  # value numbers (numbered across every facet)
    values: list[tuple[str, str]]  # (facet, value) by number
    size: int  # entry ids are below this

    @classmethod
    def of(cls, values: dict[str, dict[str, int]], size: int) -> ValuePairs:
        entries, codes = [], []
        labels: list[tuple[str, str]] = []
        for facet, by_value in values.items():
            for value, mask in by_value.items():
                ids = np.flatnonzero(bools_of(mask, size))
                entries.append(ids)
                codes.append(np.full(ids.size, len(labels), dtype=np.int32))
                labels.append((facet, value))
        entry = np.concatenate(entries) if entries else np.zeros(0, np.int64)
        code = np.concatenate(codes) if codes else np.zeros(0, np.int32)
        order = np.argsort(entry, kind="stable")
        offsets = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(entry, minlength=size), out=offsets[1:])
        return cls(offsets, code[order], labels, size)

    def replaced(self, removed: Iterable[int], added: Mapping[int, Sequence[tuple[str, str]]]) -> ValuePairs:
        """A copy with the removed entries' values dropped and the added entries' values set (entries written)."""
        labels = list(self.values)
        number = {label: code for code, label in enumerate(labels)}
        size = max(self.size, max(added, default=-1) + 1)
        old_lengths = np.diff(self.offsets)
        lengths = np.zeros(size, dtype=np.int64)
        lengths[: self.size] = old_lengths
        touched = np.fromiter({*removed, *added}, dtype=np.int64)
        lengths[touched[touched < size]] = 0
        added_pairs = {entry: list(dict.fromkeys(pairs)) for entry, pairs in added.items()}
        for entry, pairs in added_pairs.items():
            lengths[entry] = len(pairs)
        offsets = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        codes = np.empty(int(offsets[-1]), dtype=np.int32)
        # Every value of an entry left alone moves to its entry's new run, in the same place within it.
        entry_of = np.repeat(np.arange(self.size), old_lengths)
        kept = np.ones(size, dtype=bool)
        kept[touched[touched < size]] = False
        keep = kept[entry_of]
        entries = entry_of[keep]
        codes[offsets[entries] + np.flatnonzero(keep) - self.offsets[entries]] = self.codes[keep]
        for entry, pairs in added_pairs.items():
            for place, label in enumerate(pairs):
                if label not in number:
                    number[label] = len(labels)
                    labels.append(label)
                codes[offsets[entry] + place] = number[label]
        return ValuePairs(offsets, codes, labels, size)

    def counts(self, base: int, facets: Iterable[str]) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {facet: {} for facet in facets}
        ids = np.flatnonzero(bools_of(base, self.size))
        starts, ends = self.offsets[ids], self.offsets[ids + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if not total:
            return result
        # Positions of every value of the chosen entries: each entry's run, starting at its offset.
        runs = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        counted = np.bincount(self.codes[runs + np.arange(total)], minlength=len(self.values))
        for code in np.flatnonzero(counted):
            facet, value = self.values[code]
            if facet in result:
                result[facet][value] = int(counted[code])
        return result


def _rank_factors(boosts: np.ndarray, days: np.ndarray, today: int) -> np.ndarray:
    """Boost x the ranking file's recency factor, for entries published on these days."""
    return boosts * ranking().recency_factor(today - days)


def _with(array: np.ndarray, ids: Sequence[int], values: float | Sequence[float] | np.ndarray) -> np.ndarray:
    """A copy of an array by entry id with these entries set (grown to hold them)."""
    top = max(ids, default=-1) + 1
    patched = np.zeros(max(array.size, top), dtype=array.dtype)
    patched[: array.size] = array
    patched[np.asarray(ids, dtype=np.int64)] = values
    return patched


def bools_of(mask: int, size: int) -> np.ndarray:
    """A bitmap as one boolean per entry id below `size` (bits at or above it are ignored)."""
    packed = np.frombuffer(mask.to_bytes((max(size, mask.bit_length()) + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(packed, bitorder="little", count=size).view(bool)


_cache = FacetBitmaps()


def current_generation(cursor) -> int:
    cursor.execute("SELECT generation FROM search_state WHERE id = 1")
    row = cursor.fetchone()
    return row[0] if row else 0


def bump_generation(cursor) -> tuple[int, int]:
    """Called inside every write transaction; returns (previous, new) generation.

    The new value comes from `new_generation()` (see there why it is random).
    """
    previous = current_generation(cursor)
    new = new_generation()
    cursor.execute("UPDATE search_state SET generation = %s WHERE id = 1", [new])
    if cursor.rowcount == 0:
        cursor.execute("INSERT INTO search_state (id, generation) VALUES (1, %s)", [new])
    return previous, new


# Entries touched by the last CHANGE_LOG_KEEP writes are kept; a process further behind reloads instead.
CHANGE_LOG_KEEP = 1000
# A process this many writes behind reloads: patching would cost about as much.
CHANGE_LOG_FOLLOW = 200


def _load(cursor, generation: int) -> FacetBitmaps:
    bitmaps = FacetBitmaps(generation=generation)
    cursor.execute("SELECT id, boost, published_day FROM search_entry")
    rows = cursor.fetchall()
    cursor.execute("SELECT entry_id, facet, value FROM search_facet")
    bitmaps.add(rows, cursor.fetchall())
    return bitmaps


def _load_entries(cursor, target: FacetBitmaps, ids: list[int]) -> None:
    """Add the current rows of these entries (those that still exist) to `target`."""
    for chunk in batched(ids, 500):
        placeholders = ", ".join(["%s"] * len(chunk))
        entries = f"SELECT id, boost, published_day FROM search_entry WHERE id IN ({placeholders})"  # noqa: S608
        cursor.execute(entries, chunk)
        rows = cursor.fetchall()
        facets = f"SELECT entry_id, facet, value FROM search_facet WHERE entry_id IN ({placeholders})"  # noqa: S608
        cursor.execute(facets, chunk)
        target.add(rows, cursor.fetchall())


def touched_since(cursor, generation: int, target: int) -> set[int] | None:
    """Entry ids written between two generations, following the change log; None when the chain is broken."""
    touched: set[int] = set()
    for _ in range(CHANGE_LOG_FOLLOW):
        if generation == target:
            return touched
        cursor.execute("SELECT generation, entry_ids FROM search_change WHERE previous = %s", [generation])
        row = cursor.fetchone()
        if row is None:
            return None
        generation = row[0]
        touched.update(json.loads(row[1]))
    return touched if generation == target else None


def _patched(cursor, cache: FacetBitmaps, generation: int) -> FacetBitmaps | None:
    """A patched copy of `cache` at `generation` (searches in other threads may be reading the original)."""
    if cache.generation == -1:
        return None
    touched = touched_since(cursor, cache.generation, generation)
    if touched is None:
        return None
    patched = copy.copy(cache)
    patched.values = {facet: dict(by_value) for facet, by_value in cache.values.items()}
    patched.boost, patched.day = dict(cache.boost), dict(cache.day)
    ids = sorted(touched)
    patched.remove(ids)
    _load_entries(cursor, patched, ids)
    patched.generation = generation
    return patched


def bitmaps(cursor) -> FacetBitmaps:
    """This process's bitmaps, patched from the change log or reloaded if another process has written since."""
    global _cache
    generation = current_generation(cursor)
    with _lock:
        if _cache.generation != generation:
            _cache = _patched(cursor, _cache, generation) or _load(cursor, generation)
        return _cache


def log_change(cursor, previous: int, new: int, entry_ids: list[int]) -> None:
    """Record a write for other processes' caches, in the write's transaction, and prune old records."""
    cursor.execute(
        "INSERT INTO search_change (previous, generation, entry_ids) VALUES (%s, %s, %s)",
        [previous, new, json.dumps(sorted(set(entry_ids)))],
    )
    cursor.execute("DELETE FROM search_change WHERE id <= (SELECT max(id) FROM search_change) - %s", [CHANGE_LOG_KEEP])


def after_write(cursor, previous: int, new: int, removed: list[int], added_ids: list[int]) -> None:
    """Patch this process's cache in place when it was current before the write; otherwise drop it."""
    global _cache
    log_change(cursor, previous, new, [*removed, *added_ids])
    with _lock:
        if _cache.generation != previous:
            _cache = FacetBitmaps()
            return
        if removed:
            _cache.remove(removed)
        _load_entries(cursor, _cache, added_ids)
        _cache.generation = new


def forget() -> None:
    global _cache
    with _lock:
        _cache = FacetBitmaps()
