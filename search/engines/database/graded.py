"""Graded matching on bitmaps: which entries contain how many of a query's words, as integers with a bit per entry.

Given one bitmap per clause (the entries matching that word or phrase, or any of its synonyms), a bit-sliced
counter adds them up in a handful of big-integer operations, whatever the number of entries; the tiers (entries
with exactly k of the counted clauses) then fall out of the counter's bits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from search.engines.database import bitmaps
from search.engines.database.postings import Postings
from search.query_parser import Term


@dataclass(frozen=True)
class Grading:
    clause_masks: tuple[int, ...]  # per clause: entries matching it
    counted: tuple[int, ...]  # indexes of the clauses that count (not too common)
    required: int  # how many counted clauses an entry must match
    excluded: int  # entries matching an -excluded word or phrase
    term_postings: Mapping[Term, Postings] = field(default_factory=dict)  # per word or phrase: its matches

    @cached_property
    def tiers(self) -> list[tuple[int, int]]:
        """[(k, entries matching exactly k counted clauses)], most first, down to the required number."""
        return [(k, mask & ~self.excluded) for k, mask in exact_counts(self.clause_masks, self.counted, self.required)]

    @property
    def matched(self) -> int:
        """Every entry the query finds: at least the required number of counted clauses, and nothing excluded."""
        found = 0
        for _, mask in self.tiers:
            found |= mask
        return found

    @property
    def with_every_word(self) -> int:
        every = -1
        for mask in self.clause_masks:
            every &= mask
        return (every if self.clause_masks else 0) & ~self.excluded

    def shares_of_counted(self, entries: Iterable[int]) -> dict[int, float]:
        """Per entry, the share of the counted clauses it matches (bitmaps read as bytes: one lookup each)."""
        if not self.counted:
            return dict.fromkeys(entries, 1.0)
        flags = [self.clause_flags[i] for i in self.counted]

        def found(entry: int) -> int:
            return sum(1 for f in flags if bitmaps.has(f, entry))

        return {entry: found(entry) / len(self.counted) for entry in entries}

    @cached_property
    def clause_flags(self) -> tuple[bytes, ...]:
        return tuple(bitmaps.flags_of(mask) for mask in self.clause_masks)

    def missing(self, entry: int) -> tuple[int, ...]:
        """The clauses this entry does not match."""
        return tuple(i for i, flags in enumerate(self.clause_flags) if not bitmaps.has(flags, entry))


def exact_counts(masks: Sequence[int], counted: Sequence[int], required: int) -> list[tuple[int, int]]:
    """[(k, entries in exactly k of the counted masks)] for k from len(counted) down to max(required, 1)."""
    counters: list[int] = []  # counters[b]: entries whose count has bit b set
    anywhere = 0
    for i in counted:
        carry = masks[i]
        anywhere |= carry
        for b, counter in enumerate(counters):
            counters[b] = counter ^ carry
            carry &= counter
            if not carry:
                break
        if carry:
            counters.append(carry)
    result = []
    for k in range(len(counted), max(required, 1) - 1, -1):
        mask = anywhere
        for b, counter in enumerate(counters):
            mask &= counter if k >> b & 1 else anywhere ^ counter
            if not mask:
                break
        if k >> len(counters):  # k needs more bits than any count has
            mask = 0
        result.append((k, mask))
    return result


def needing_synonyms(clause_masks: Sequence[int], typed_masks: Sequence[int | None]) -> int:
    """Entries that match some clause only through a glossary synonym or a spelling correction.

    `typed_masks[i]`: entries matching clause i's alternatives as typed, or None when the clause holds nothing else.
    Every other entry matches each clause it matches as typed, and earns the typed-words bonus.
    """
    needs = 0
    for mask, typed in zip(clause_masks, typed_masks, strict=True):
        if typed is not None:
            needs |= mask & ~typed
    return needs
