"""A small, pure parser for what people type in the search box.

Grammar (forgiving: anything unparseable is read as plain words, never an error):
    words                   every word must match (AND)
    "exact phrase"          the words in this order
    -word  -"phrase"        must not match
    a OR b                  either may match (OR binds tighter than the implicit AND)
Hyphenated words (fly-tipping) are read as a phrase of their parts, as both engines index them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_APOSTROPHES = "'\u2019"  # straight and curly
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*", re.UNICODE)
MAX_TERMS = 32  # a pasted essay must not become a 500-term query


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words in order."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    # Each clause is a tuple of alternatives (ORed); clauses are ANDed.
    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]

    def to_text(self) -> str:
        """Back to search-box syntax (used for "did you mean" links)."""
        parts = [" OR ".join(_show(t) for t in clause) for clause in self.clauses]
        parts += [f"-{_show(t)}" for t in self.excluded]
        return " ".join(parts)


def _show(term: Term) -> str:
    return f'"{term.text}"' if term.is_phrase else term.text


def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased words, apostrophes and possessive 's removed (children's -> children)."""
    words = []
    for match in _WORD.finditer(text.lower()):
        word = re.sub(rf"[{_APOSTROPHES}]s$", "", match.group(0))
        word = word.replace("'", "").replace("\u2019", "")
        if word:
            words.append(word)
    return tuple(words)


def parse(text: str) -> ParsedQuery:
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for match in _TOKEN.finditer(text or ""):
        negate, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                join_next = bool(clauses)
                continue
            negate = "-" if bare.startswith("-") and len(bare) > 1 else ""
            bare = bare[1:] if negate else bare
            words = words_of(bare)
        else:
            words = words_of(phrase or "")
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        term = Term(words)
        if negate:
            excluded.append(term)
            join_next = False
        elif join_next:
            clauses[-1].append(term)
            join_next = False
        elif bare is not None and len(words) > 1 and not _is_hyphenated(bare):
            # "council's/partner" style punctuation: treat the parts as separate words.
            clauses.extend([Term((w,))] for w in words)
        else:
            clauses.append([term])
    return ParsedQuery(
        clauses=tuple(tuple(dict.fromkeys(c)) for c in clauses),
        excluded=tuple(dict.fromkeys(excluded)),
    )


def _is_hyphenated(token: str) -> bool:
    return bool(re.fullmatch(r"[^\W_]+(?:-[^\W_]+)+[^\w]*", token.lower(), re.UNICODE))
