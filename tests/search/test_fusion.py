"""Reciprocal rank fusion of the word ranking with the ranking by meaning (search/fusion.py)."""

from __future__ import annotations

import dataclasses

from search.fusion import fuse, near_enough
from search.ranking import ranking


def settings(**semantic: float):
    base = ranking()
    return dataclasses.replace(base, semantic=dataclasses.replace(base.semantic, **semantic))


def test_a_document_in_both_lists_rises_above_one_in_either():
    order = fuse(["a", "b", "c"], ["c", "d"], settings(weight=1.0, rank_constant=60))
    assert order[0] == "c"  # 1/63 + 1/61 beats 1/61 alone
    assert order[1:] == ["a", "b", "d"]  # b and d tie (rank 2 in their lists): the word list comes first


def test_the_weight_of_meaning_decides_between_first_places():
    assert fuse(["a"], ["b"], settings(weight=0.5))[0] == "a"
    assert fuse(["a"], ["b"], settings(weight=2.0))[0] == "b"


def test_equal_scores_keep_the_word_order():
    assert fuse(["a", "b"], ["b", "a"], settings(weight=1.0)) == ["a", "b"]


def test_only_neighbours_alike_enough_and_within_the_candidates_join():
    neighbours = [("a", 0.9), ("b", 0.5), ("c", 0.2), ("d", 0.8)]
    assert near_enough(neighbours, settings(min_similarity=0.4, candidates=3)) == ["a", "b"]
