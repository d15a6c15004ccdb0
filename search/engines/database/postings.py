"""Each word's or phrase's matches, held in process with what the word adds to each entry's relevance.

A search needs, for every word or phrase of the query, the entries it matches (graded matching counts them) and
its share of their relevance: bm25 on SQLite, ts_rank on PostgreSQL, each computed for the word alone, so that a
query's relevance is the sum over its words and phrases (bm25 is that sum by definition). Reading them costs time
in proportion to the matches, most of the index for a common word, so they are kept in process per index
generation, as the facet bitmaps are: the next search with the same word reads nothing. After a write, only the
entries written are read again for each held word (the change log names them): ts_rank depends on the entry alone,
and bm25, which also depends on every entry's length and on how many entries hold the word, is recomputed from each
entry's own share (bm25.py). The memory is bounded: the least recently used words go first.

Ranking a set of candidates is then a few array operations over their entry ids, whatever the number of matches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from search.engines.database import bitmaps, bm25
from search.query_parser import Term

# Memory for the words of one process (a word in every one of 100,000 entries takes about 1.6 MB; 2.4 MB on SQLite).
CACHE_BYTES = 96 * 2**20
# Entries written since a word was last ranked, beyond which it is read again in full rather than entry by entry.
PATCH_LIMIT = 200


@dataclass(frozen=True, eq=False)
class Postings:
    ids: np.ndarray  # entry ids matching the word or phrase, ascending (int64)
    relevance: np.ndarray  # its relevance in each of them (float64, aligned with ids)
    frequency: np.ndarray | None = None  # bm25 only: its weighted count in each of them, what the entry alone adds

    @cached_property
    def mask(self) -> int:
        return bitmaps.mask_of_array(self.ids)

    @property
    def nbytes(self) -> int:
        held = self.ids.nbytes + self.relevance.nbytes + (self.frequency.nbytes if self.frequency is not None else 0)
        return int(held) + (int(self.ids[-1]) // 8 if self.ids.size else 0)


def postings_of(
    ids: Sequence[int] | np.ndarray,
    relevance: Sequence[float] | np.ndarray,
    frequency: np.ndarray | None = None,
) -> Postings:
    """Postings from aligned ids, relevance (and frequency), sorted by id (the database usually returns them so)."""
    ids = np.asarray(ids, dtype=np.int64)
    relevance = np.asarray(relevance, dtype=np.float64)
    if ids.size > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        order = np.argsort(ids, kind="stable")
        ids, relevance = ids[order], relevance[order]
        frequency = frequency[order] if frequency is not None else None
    return Postings(ids, relevance, frequency)


Reader = Callable[[list[Term]], list[Postings]]
# (the generation held) -> the entries written since, or None when they cannot be known.
Follower = Callable[[int], set[int] | None]
# (terms, entry ids) -> each term's postings among those entries only.
AmongReader = Callable[[list[Term], list[int]], list[Postings]]
# (the lengths held or None, the entries written since or None) -> every entry's length now.
LengthsReader = Callable[[bm25.Lengths | None, set[int] | None], bm25.Lengths]


@dataclass(frozen=True)
class Patching:
    """How held postings follow writes: the entries written since are read again for each held word.

    Where relevance depends on the entry alone (ts_rank) the rest is still exact. Where it is bm25 (`lengths` given),
    each held word keeps every entry's own share and is rescored for the index's statistics when next used.
    """

    touched_since: Follower
    read_among: AmongReader
    lengths: LengthsReader | None = None


class PostingsCache:
    """Postings by word or phrase for one index generation, least recently used first out."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self.generation: int | None = None
        self.used = 0
        self._entries: OrderedDict[Term, Postings] = OrderedDict()
        self._lock = threading.Lock()
        self.lengths: bm25.Lengths | None = None  # bm25: every entry's length at `generation`, once needed
        self._stale: dict[Term, set[int]] = {}  # bm25: held words to rescore, with the entries to read again

    def get(
        self, generation: int, terms: Sequence[Term], read: Reader, patching: Patching | None = None
    ) -> dict[Term, Postings]:
        """Postings of each term at `generation`; those not held are read with `read` (one call for all).

        Held postings of another generation are patched (`patching`) or dropped.
        """
        found: dict[Term, Postings] = {}
        with self._lock:
            if generation != self.generation:
                self._follow(generation, patching)
            for term in dict.fromkeys(terms):
                if (held := self._entries.get(term)) is not None:
                    if term in self._stale and patching is not None:
                        held = self._rescored(term, held, patching)
                    self._entries.move_to_end(term)
                    found[term] = held
        missing = [term for term in dict.fromkeys(terms) if term not in found]
        if missing:
            found.update(zip(missing, read(missing), strict=True))
            with self._lock:
                if generation == self.generation:
                    for term in missing:
                        if patching is not None and patching.lengths is not None:
                            found[term] = self._with_frequency(found[term], patching.lengths)
                        self._keep(term, found[term])
        return found

    def _current_lengths(self, read: LengthsReader) -> bm25.Lengths:
        if self.lengths is None:
            self.lengths = read(None, None)
        return self.lengths

    def _with_frequency(self, fresh: Postings, read: LengthsReader) -> Postings:
        lengths = self._current_lengths(read)
        frequency = bm25.frequencies(fresh.relevance, fresh.ids, lengths, fresh.ids.size)
        return Postings(fresh.ids, fresh.relevance, frequency)

    def _rescored(self, term: Term, held: Postings, patching: Patching) -> Postings:
        """A held bm25 word as it stands now: its written entries read again, every entry rescored."""
        assert patching.lengths is not None and held.frequency is not None
        written = np.asarray(sorted(self._stale.pop(term)), dtype=np.int64)
        lengths = self._current_lengths(patching.lengths)
        # Entries that are gone match nothing: only the ones still there are read.
        there = written[written < lengths.by_id.size]
        there = there[lengths.by_id[there] > 0]
        fresh = patching.read_among([term], there.tolist())[0] if there.size else postings_of([], [])
        matching = held.ids.size - int(np.count_nonzero(np.isin(written, held.ids))) + fresh.ids.size
        frequency = bm25.frequencies(fresh.relevance, fresh.ids, lengths, matching)
        merged = _replaced(held, written, Postings(fresh.ids, fresh.relevance, frequency))
        assert merged.frequency is not None
        rescored = Postings(merged.ids, bm25.scores(merged.frequency, merged.ids, lengths, matching), merged.frequency)
        self._entries[term] = rescored
        self.used += rescored.nbytes - held.nbytes
        return rescored

    def _follow(self, generation: int, patching: Patching | None) -> None:
        touched = None
        if patching is not None and self.generation is not None and (self._entries or self.lengths is not None):
            touched = patching.touched_since(self.generation)
        if touched is None:
            self._entries.clear()
            self._stale.clear()
            self.used, self.lengths = 0, None
        elif touched and patching is not None and patching.lengths is not None:
            # bm25: the lengths follow now; each held word is read again and rescored when next used.
            if self.lengths is not None:
                self.lengths = patching.lengths(self.lengths, touched)
            for term in list(self._entries):
                stale = self._stale.setdefault(term, set())
                stale.update(touched)
                if len(stale) > PATCH_LIMIT:
                    self._drop(term)
        elif touched:
            ids = sorted(touched)
            terms = list(self._entries)
            for term, fresh in zip(terms, patching.read_among(terms, ids), strict=True):  # type: ignore[union-attr]
                held = self._entries[term]
                patched = _replaced(held, np.asarray(ids, dtype=np.int64), fresh)
                self._entries[term] = patched
                self.used += patched.nbytes - held.nbytes
        self.generation = generation

    def _drop(self, term: Term) -> None:
        self.used -= self._entries.pop(term).nbytes
        self._stale.pop(term, None)

    def _keep(self, term: Term, postings: Postings) -> None:
        if term in self._entries or postings.nbytes > self.budget:
            return
        self._entries[term] = postings
        self.used += postings.nbytes
        while self.used > self.budget:
            self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._stale.clear()
            self.used, self.generation, self.lengths = 0, None, None


def _replaced(held: Postings, touched: np.ndarray, fresh: Postings) -> Postings:
    """`held` with the touched entries' postings replaced by `fresh` (theirs as they are now); frequencies follow
    when both have them."""
    at = np.searchsorted(held.ids, touched)
    present = at < held.ids.size
    present[present] = held.ids[at[present]] == touched[present]
    if not present.any() and not fresh.ids.size:
        return held
    gone = at[present]
    ids = np.concatenate([np.delete(held.ids, gone), fresh.ids])
    relevance = np.concatenate([np.delete(held.relevance, gone), fresh.relevance])
    frequency = None
    if held.frequency is not None and fresh.frequency is not None:
        frequency = np.concatenate([np.delete(held.frequency, gone), fresh.frequency])
    return postings_of(ids, relevance, frequency)


_cache = PostingsCache()


def postings(
    generation: int, terms: Sequence[Term], read: Reader, patching: Patching | None = None
) -> dict[Term, Postings]:
    return _cache.get(generation, terms, read, patching)


def forget() -> None:
    _cache.clear()


def best_among(
    terms: Sequence[Postings],
    among: int,
    wanted: int,
    factors: np.ndarray,
    needs_synonym: int,
    bonus: float,
) -> list[tuple[int, float]]:
    """The best `wanted` (entry id, score) of the entries in `among`, best first, ties to the lower id.

    score = the sum of the terms' relevance (a term listed twice counts twice, as in the database's own ranking of
    the ORed terms) x the entry's boost and recency factor (`factors`, by entry id) x `bonus` unless the entry is
    in `needs_synonym`.
    """
    size = among.bit_length()
    if wanted <= 0 or not size:
        return []
    relevance = np.zeros(size)
    for term in terms:
        ids, values = term.ids, term.relevance
        if ids.size and ids[-1] >= size:
            cut = int(np.searchsorted(ids, size))
            ids, values = ids[:cut], values[:cut]
        relevance[ids] += values
    candidates = np.flatnonzero(bitmaps.bools_of(among, size))
    scores = relevance[candidates] * factors[candidates]
    if bonus != 1.0:
        needs = bitmaps.bools_of(needs_synonym, size)[candidates] if needs_synonym else np.zeros(candidates.size, bool)
        scores = np.where(needs, scores, scores * bonus)
    if candidates.size > wanted:
        threshold = np.partition(scores, candidates.size - wanted)[candidates.size - wanted]
        kept = scores >= threshold  # every entry tied with the last one kept: the tie goes to the lower id
        candidates, scores = candidates[kept], scores[kept]
    order = np.lexsort((candidates, -scores))[:wanted]
    return [(int(i), float(s)) for i, s in zip(candidates[order], scores[order], strict=True)]
