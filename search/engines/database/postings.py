"""Each word's or phrase's matches, held in process with what the word adds to each entry's relevance.

A search needs, for every word or phrase of the query, the entries it matches (graded matching counts them) and
its share of their relevance: bm25 on SQLite, ts_rank on PostgreSQL, each computed for the word alone, so that a
query's relevance is the sum over its words and phrases (bm25 is that sum by definition). Reading them costs time
in proportion to the matches, most of the index for a common word, so they are kept in process per index
generation, as the facet bitmaps are: the next search with the same word reads nothing. Any write changes the
statistics every relevance figure depends on (document counts, lengths), so a new generation starts empty.
The memory is bounded: the least recently used words go first.

Ranking a set of candidates is then a few array operations over their entry ids, whatever the number of matches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from search.engines.database import bitmaps
from search.query_parser import Term

# Memory for the words of one process (a word in every one of 100,000 entries takes about 1.6 MB).
CACHE_BYTES = 96 * 2**20


@dataclass(frozen=True, eq=False)
class Postings:
    ids: np.ndarray  # entry ids matching the word or phrase, ascending (int64)
    relevance: np.ndarray  # its relevance in each of them (float64, aligned with ids)

    @cached_property
    def mask(self) -> int:
        return bitmaps.mask_of_array(self.ids)

    @property
    def nbytes(self) -> int:
        return int(self.ids.nbytes + self.relevance.nbytes) + (int(self.ids[-1]) // 8 if self.ids.size else 0)


def postings_of(ids: Sequence[int] | np.ndarray, relevance: Sequence[float] | np.ndarray) -> Postings:
    """Postings from aligned ids and relevance, sorted by id (the database usually returns them so already)."""
    ids = np.asarray(ids, dtype=np.int64)
    relevance = np.asarray(relevance, dtype=np.float64)
    if ids.size > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        order = np.argsort(ids, kind="stable")
        ids, relevance = ids[order], relevance[order]
    return Postings(ids, relevance)


Reader = Callable[[list[Term]], list[Postings]]
# (the generation held) -> the entries written since, or None when they cannot be known.
Follower = Callable[[int], set[int] | None]
# (terms, entry ids) -> each term's postings among those entries only.
AmongReader = Callable[[list[Term], list[int]], list[Postings]]


@dataclass(frozen=True)
class Patching:
    """How held postings follow writes, when each entry's relevance depends on that entry alone (ts_rank): the
    entries written since are re-read for every held word, and the rest is still exact."""

    touched_since: Follower
    read_among: AmongReader


class PostingsCache:
    """Postings by word or phrase for one index generation, least recently used first out."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self.generation: int | None = None
        self.used = 0
        self._entries: OrderedDict[Term, Postings] = OrderedDict()
        self._lock = threading.Lock()

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
                    self._entries.move_to_end(term)
                    found[term] = held
        missing = [term for term in dict.fromkeys(terms) if term not in found]
        if missing:
            found.update(zip(missing, read(missing), strict=True))
            with self._lock:
                if generation == self.generation:
                    for term in missing:
                        self._keep(term, found[term])
        return found

    def _follow(self, generation: int, patching: Patching | None) -> None:
        touched = None
        if patching is not None and self.generation is not None and self._entries:
            touched = patching.touched_since(self.generation)
        if touched is None:
            self._entries.clear()
            self.used = 0
        elif touched:
            ids = sorted(touched)
            terms = list(self._entries)
            for term, fresh in zip(terms, patching.read_among(terms, ids), strict=True):  # type: ignore[union-attr]
                held = self._entries[term]
                patched = _replaced(held, np.asarray(ids, dtype=np.int64), fresh)
                self._entries[term] = patched
                self.used += patched.nbytes - held.nbytes
        self.generation = generation

    def _keep(self, term: Term, postings: Postings) -> None:
        if term in self._entries or postings.nbytes > self.budget:
            return
        self._entries[term] = postings
        self.used += postings.nbytes
        while self.used > self.budget:
            _, dropped = self._entries.popitem(last=False)
            self.used -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.used, self.generation = 0, None


def _replaced(held: Postings, touched: np.ndarray, fresh: Postings) -> Postings:
    """`held` with the touched entries' postings replaced by `fresh` (theirs as they are now)."""
    at = np.searchsorted(held.ids, touched)
    present = at < held.ids.size
    present[present] = held.ids[at[present]] == touched[present]
    if not present.any() and not fresh.ids.size:
        return held
    ids = np.delete(held.ids, at[present])
    relevance = np.delete(held.relevance, at[present])
    return postings_of(np.concatenate([ids, fresh.ids]), np.concatenate([relevance, fresh.relevance]))


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
