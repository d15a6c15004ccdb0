"""Highlights picked in Python from words already reduced to their stems.

PostgreSQL's ts_headline re-parses the whole text and searches it for covers of the query: about 20 ms for one
body of 600 words with a common word in it, most of a search's time. Here the database only stems the distinct
words of the page's texts (one statement, about 1 ms); the words whose stems the query has become one regular
expression, and the fragments are chosen from its matches: the windows of about `WIDTH` characters (some 30
words) holding the most matches, at most `MAX_FRAGMENTS` of them, joined by ' … ', as ts_headline's MaxWords and
MaxFragments options would.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping

WORD = re.compile(r"\w+")
WORD_START = re.compile(r"\b\w")
WORD_REST = re.compile(r"\w*")
WIDTH = 200
MAX_FRAGMENTS = 2
SEPARATOR = " … "


def words_of_texts(texts: Iterable[str]) -> set[str]:
    """The distinct words (lower case) of these texts, to be stemmed."""
    return {word.lower() for text in texts for word in WORD.findall(text)}


def pattern_of(stems: Mapping[str, frozenset[str]], wanted: frozenset[str]) -> re.Pattern[str] | None:
    """A regular expression matching, as whole words in any case, the words whose stems include one of `wanted`."""
    words = sorted((word for word, found in stems.items() if not wanted.isdisjoint(found)), key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)


def highlighted(
    text: str,
    pattern: re.Pattern[str] | None,
    marks: tuple[str, str],
    width: int = WIDTH,
    max_fragments: int = MAX_FRAGMENTS,
) -> str:
    """The best fragments of `text` with each matching word between `marks`; "" when no word matches.

    A fragment is a window of about `width` characters, from the start of a word to the end of one; windows are
    chosen greedily by how many matches they hold (earlier first on ties), never overlap, and are shown in the
    order of the text.
    """
    starts = [match.start() for match in pattern.finditer(text)] if pattern is not None else []
    if not starts:
        return ""
    chosen: list[tuple[int, int]] = []
    for _ in range(max_fragments):
        best: tuple[int, int, int] | None = None  # (matches, start, end)
        for first in starts:
            if any(begin <= first < end for begin, end in chosen):
                continue
            begin = max([first - width // 3, 0, *(end for _, end in chosen if end <= first)])
            end = min([begin + width, len(text), *(start for start, _ in chosen if start > first)])
            count = bisect.bisect_left(starts, end) - bisect.bisect_left(starts, begin)
            if best is None or count > best[0]:
                best = (count, begin, end)
        if best is None:
            break
        chosen.append(best[1:])
    start_mark, end_mark = marks
    fragments = []
    for begin, end in sorted(chosen):
        word_start = WORD_START.search(text, begin)
        begin = word_start.start() if word_start and word_start.start() < end else begin
        end = WORD_REST.match(text, end).end()  # type: ignore[union-attr]  # \w* always matches
        fragment = text[begin:end].strip()
        fragments.append(pattern.sub(lambda m: f"{start_mark}{m.group()}{end_mark}", fragment))  # type: ignore[union-attr]
    return SEPARATOR.join(fragments)
