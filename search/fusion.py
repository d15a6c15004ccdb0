"""Hybrid ranking: the word ranking fused with the nearest documents by meaning, the same for every engine.

Reciprocal rank fusion: a document's fused score is the sum, over the lists it is in, of weight / (k + rank).
Only ranks count, so an engine's scores (bm25, ts_rank, Elasticsearch's BM25) never need to be comparable with
cosine similarities. The word list is the engine's best `window` results; documents by meaning join when they are
at least `min_similarity` alike. The ranking file (search/config/ranking.yml, `semantic`) holds every number.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from search.ranking import Ranking

Key = TypeVar("Key", bound=Hashable)


def near_enough(neighbours: Sequence[tuple[Key, float]], settings: Ranking) -> list[Key]:
    """The neighbours alike enough to join the results, nearest first."""
    rule = settings.semantic
    return [key for key, similarity in neighbours[: rule.candidates] if similarity >= rule.min_similarity]


def fuse(
    words: Sequence[Key], meaning: Sequence[Key], settings: Ranking, share: Mapping[Key, float] | None = None
) -> list[Key]:
    """The word ranking's window and the meaning ranking as one order (ties keep the word order, then meaning's).

    `share`: per document in the word list, the share of the query's counted words it contains (1.0 if not given).
    A word match lacking most of the words is weak evidence (a query in other councils' words matches a stray
    word or two), so its place in the word list counts for that share ^ `word_share_exponent` of a full match.
    """
    rule = settings.semantic
    scores: dict[Key, float] = {}
    for rank, key in enumerate(words, start=1):
        weight = (share or {}).get(key, 1.0) ** rule.word_share_exponent
        scores[key] = scores.get(key, 0.0) + weight / (rule.rank_constant + rank)
    for rank, key in enumerate(meaning, start=1):
        scores[key] = scores.get(key, 0.0) + rule.weight / (rule.rank_constant + rank)
    seen = list(dict.fromkeys([*words, *meaning]))
    return [key for _, key in sorted(enumerate(seen), key=lambda pair: (-scores[pair[1]], pair[0]))]
