"""The ranking settings (search/config/ranking.yml), validated once and read by every engine.

Each setting is declared here once, with its type and allowed range; a missing, unknown or out-of-range setting
stops with an error naming it, so a typo in the file never silently changes how results are ranked.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import ArrayLike

RANKING_FILE = Path(__file__).parent / "config" / "ranking.yml"


class RankingError(ValueError):
    """The ranking file is missing a setting, has an unknown one, or a value out of range."""


@dataclass(frozen=True)
class FieldWeights:
    title: float
    summary_and_tags: float
    body: float


@dataclass(frozen=True)
class MinimumShouldMatch:
    any_of_up_to: int
    share_of_longer: float
    common_word_share: float
    common_word_min_documents: int
    more_words_first_up_to: int


@dataclass(frozen=True)
class Recency:
    weight: float
    half_life_days: float


@dataclass(frozen=True)
class Semantic:
    weight: float
    rank_constant: int
    candidates: int
    min_similarity: float
    window: int
    word_share_exponent: float


@dataclass(frozen=True)
class Ranking:
    field_weights: FieldWeights
    minimum_should_match: MinimumShouldMatch
    recency: Recency
    typed_words_bonus: float
    dormant_boost: float
    semantic: Semantic

    def required_matches(self, words: int) -> int:
        """How many of a query's `words` (each a word or phrase with its synonyms) a document must contain."""
        rule = self.minimum_should_match
        if words <= rule.any_of_up_to:
            return min(words, 1)
        return max(1, math.floor(words * rule.share_of_longer))

    def more_words_first(self, words: int) -> bool:
        """Whether documents with more of the words come first (short queries), or relevance alone orders them."""
        return words <= self.minimum_should_match.more_words_first_up_to

    def recency_factor(self, age_days: ArrayLike) -> Any:
        """1 + weight x 0.5 ^ (age / half-life); a future date (negative age) counts as today. Ages may be an array."""
        with np.errstate(under="ignore"):  # an entry with no date is thousands of half-lives old: factor 1
            return 1.0 + self.recency.weight * 0.5 ** (np.maximum(age_days, 0) / self.recency.half_life_days)


# (low, high) allowed for each number; both inclusive.
_RANGES: dict[str, tuple[float, float]] = {
    "field_weights.title": (0.01, 100.0),
    "field_weights.summary_and_tags": (0.01, 100.0),
    "field_weights.body": (0.01, 100.0),
    "minimum_should_match.any_of_up_to": (1, 32),
    "minimum_should_match.share_of_longer": (0.0, 1.0),
    "minimum_should_match.common_word_share": (0.01, 1.0),
    "minimum_should_match.common_word_min_documents": (0, 10_000_000),
    "minimum_should_match.more_words_first_up_to": (1, 32),
    "recency.weight": (0.0, 5.0),
    "recency.half_life_days": (1, 36_500),
    "typed_words_bonus": (1.0, 10.0),
    "dormant_boost": (0.01, 1.0),
    "semantic.weight": (0.0, 10.0),
    "semantic.rank_constant": (1, 1000),
    "semantic.candidates": (0, 1000),
    "semantic.min_similarity": (-1.0, 1.0),
    "semantic.window": (10, 10_000),
    "semantic.word_share_exponent": (0.0, 10.0),
}


def _number(path: str, value: Any, kind: type) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        raise RankingError(f"{path} must be {'a whole number' if kind is int else 'a number'}, not {value!r}")
    low, high = _RANGES[path]
    if not low <= value <= high:
        raise RankingError(f"{path} must be between {low:g} and {high:g}, not {value!r}")
    return kind(value)


def _section(cls: type, data: Any, prefix: str) -> Any:
    if not isinstance(data, dict):
        raise RankingError(f"{prefix} must be a mapping of settings")
    names = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise RankingError(f"unknown setting {prefix}.{unknown[0]}")
    missing = sorted(set(names) - set(data))
    if missing:
        raise RankingError(f"missing setting {prefix}.{missing[0]}")
    values = {}
    for name, field in names.items():
        kind = int if field.type == "int" else float
        values[name] = _number(f"{prefix}.{name}", data[name], kind)
    return cls(**values)


def parse(data: Any) -> Ranking:
    """The settings from the file's parsed YAML, or RankingError naming the first problem."""
    if not isinstance(data, dict):
        raise RankingError("the ranking file must be a mapping of settings")
    sections = {"field_weights": FieldWeights, "minimum_should_match": MinimumShouldMatch}
    sections |= {"recency": Recency, "semantic": Semantic}
    expected = {f.name for f in fields(Ranking)}
    unknown = sorted(set(data) - expected)
    if unknown:
        raise RankingError(f"unknown setting {unknown[0]}")
    missing = sorted(expected - set(data))
    if missing:
        raise RankingError(f"missing setting {missing[0]}")
    values: dict[str, Any] = {name: _section(cls, data[name], name) for name, cls in sections.items()}
    for name in ("typed_words_bonus", "dormant_boost"):
        values[name] = _number(name, data[name], float)
    return Ranking(**values)


def load(path: Path = RANKING_FILE) -> Ranking:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RankingError(f"cannot read {path.name}: {error}") from error
    try:
        return parse(data)
    except RankingError as error:
        raise RankingError(f"{path.name}: {error}") from error


@functools.cache
def ranking() -> Ranking:
    """The project's ranking settings, read once per process."""
    return load()
