"""Fragments picked from stemmed words (PostgreSQL's highlights): which words are marked and which windows shown."""

from __future__ import annotations

from search.engines.database.highlighting import highlighted, pattern_of, words_of_texts

MARKS = ("[", "]")
STEMS = {
    "parking": frozenset({"park"}),
    "parks": frozenset({"park"}),
    "permits": frozenset({"permit"}),
    "permit": frozenset({"permit"}),
    "the": frozenset(),
    "potholes": frozenset({"pothol"}),
}
PATTERN = pattern_of(STEMS, frozenset({"park", "permit"}))


def test_words_with_the_query_s_stems_are_marked_as_written():
    text = "Parking? No: Permits, and PARKS; parkside stays."
    assert highlighted(text, PATTERN, MARKS) == "[Parking]? No: [Permits], and [PARKS]; parkside stays."


def test_no_matching_word_gives_nothing():
    assert highlighted("Potholes and gullies", PATTERN, MARKS) == ""
    assert pattern_of(STEMS, frozenset({"bin"})) is None
    assert highlighted("Potholes and gullies", None, MARKS) == ""


def test_the_densest_windows_are_shown_in_the_order_of_the_text():
    filler = " ".join(f"word{i:03}" for i in range(100))  # 8 characters a word
    text = f"permit {filler} parking permits parks {filler} permit"
    first, second = highlighted(text, PATTERN, MARKS, width=40, max_fragments=2).split(" … ")
    # The window with three matches, then the earlier of the two single ones; shown in the order of the text.
    assert first.startswith("[permit] word000")
    assert "[parking] [permits] [parks]" in second
    assert len(first) <= 50 and len(second) <= 50
    assert not second.startswith("ord")  # fragments start and end on whole words


def test_fragments_never_overlap():
    text = "permit permit permit permit"
    assert highlighted(text, PATTERN, MARKS, width=20, max_fragments=2) == "[permit] [permit] [permit] … [permit]"


def test_the_words_to_stem_are_every_distinct_word_in_lower_case():
    assert words_of_texts(["The Parking", "parking permits"]) == {"the", "parking", "permits"}
