"""Synonyms and acronyms: query expansion shared by every engine.

The reviewed starter set lives in config/synonyms.yml (validated at load, with a clear error);
curators' GlossaryEntry snippets are merged in at query time. Expansion happens on the parsed
query, before any engine sees it, so every engine searches for exactly the same terms.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search.query_parser import ParsedQuery, Term, words_of

CONFIG_DIR = Path(__file__).resolve().parent / "config"
SYNONYMS_FILE = CONFIG_DIR / "synonyms.yml"
MAX_NGRAM = 8

# Sections of synonyms.yml: one per service area in DESIGN.md, plus general council language.
SECTIONS = frozenset(
    {
        "general",
        "waste_and_recycling",
        "housing",
        "adult_social_care",
        "childrens_services_and_send",
        "education_and_skills",
        "planning_and_building_control",
        "council_tax_and_benefits",
        "highways_and_transport",
        "libraries_culture_and_leisure",
        "environment_and_climate",
        "customer_contact",
        "data_and_technology",
        "public_health",
        "licensing_and_regulation",
        "democracy_and_elections",
        "economy_and_regeneration",
        "finance_and_procurement",
        "workforce",
    }
)

# A glossary term that is a common word would expand almost every query.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)


class GlossaryError(ValueError):
    """The glossary data is malformed; the message says where and why."""


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[str, ...], ...] = ()
    # words of a term -> the other terms (as display text) that mean the same
    synonyms: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        return len(self.groups)

    @functools.cached_property
    def words(self) -> list[str]:
        """The one-word terms, alphabetically: what a misspelt word may be corrected to."""
        return sorted(words[0] for words in self.synonyms if len(words) == 1)

    def lookup(self, words: tuple[str, ...]) -> tuple[str, ...]:
        found = self.synonyms.get(words)
        if found is None and len(words) == 1 and len(words[0]) > 3 and words[0].endswith("s"):
            found = self.synonyms.get((words[0][:-1],))  # a plain plural: bins -> bin
        return found or ()

    def merged(self, groups: Iterable[Iterable[str]]) -> Glossary:
        return build((*self.groups, *(tuple(g) for g in groups)))


def build(groups: Iterable[tuple[str, ...]]) -> Glossary:
    """Every term of a group maps to all the group's other terms; a term in several groups gets them all."""
    groups = tuple(groups)
    synonyms: dict[tuple[str, ...], dict[str, None]] = {}
    for group in groups:
        texts = [t for t in dict.fromkeys(" ".join(words_of(t)) for t in group) if t]
        for text in texts:
            bucket = synonyms.setdefault(tuple(text.split()), {})
            for other in texts:
                if other != text:
                    bucket[other] = None
    return Glossary(groups, {k: tuple(v) for k, v in synonyms.items() if v})


def validate(data: object, source: str = "synonyms.yml") -> list[tuple[str, ...]]:
    """Check the YAML structure; return the groups. Raises GlossaryError naming the section and entry."""
    if not isinstance(data, dict) or not data:
        raise GlossaryError(f"{source}: expected sections (service area names) at the top level")
    groups: list[tuple[str, ...]] = []
    for section, entries in data.items():
        if section not in SECTIONS:
            raise GlossaryError(f"{source}: unknown section {section!r}; use one of {sorted(SECTIONS)}")
        if not isinstance(entries, list) or not entries:
            raise GlossaryError(f"{source}: section {section!r} must be a non-empty list of entries")
        for number, entry in enumerate(entries, start=1):
            where = f"{source}: section {section!r}, entry {number}"
            if not isinstance(entry, list) or len(entry) < 2:
                raise GlossaryError(f"{where}: an entry is a list of at least two terms, got {entry!r}")
            for term in entry:
                if not isinstance(term, str) or not words_of(term):
                    raise GlossaryError(f"{where}: every term must be text with letters or digits, got {term!r}")
                if words_of(term) in {(w,) for w in STOPWORDS}:
                    raise GlossaryError(f"{where}: {term!r} is a common word and would expand most searches")
                if len(words_of(term)) > MAX_NGRAM:
                    raise GlossaryError(f"{where}: {term!r} is longer than {MAX_NGRAM} words")
            groups.append(tuple(entry))
    return groups


def load(path: Path) -> Glossary:
    """Read and validate a glossary file (uncached)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GlossaryError(f"{path.name}: not valid YAML: {error}") from error
    return build(validate(data, path.name))


@functools.cache
def starter_glossary() -> Glossary:
    """The reviewed starter set, loaded once per process."""
    return load(SYNONYMS_FILE)


def expand(parsed: ParsedQuery, glossary: Glossary) -> tuple[ParsedQuery, tuple[str, ...]]:
    """Add each term's synonyms as alternatives. Returns the expanded query and the added terms, for display.

    Runs of single-word clauses that form a glossary phrase ("fly tipping") keep one clause per word (graded matching
    counts words), and each of those clauses also accepts the phrase and its synonyms ("illegal dumping"), so a
    document saying it either way matches every word of the run.
    """
    clauses = list(parsed.clauses)
    phrase_of: list[Term | None] = [None] * len(clauses)
    i = 0
    while i < len(clauses):
        for size in range(min(MAX_NGRAM, len(clauses) - i), 1, -1):
            run = clauses[i : i + size]
            if all(len(c) == 1 and not c[0].is_phrase for c in run):
                words = tuple(c[0].words[0] for c in run)
                if glossary.lookup(words):
                    phrase_of[i : i + size] = [Term(words)] * size
                    i += size
                    break
        else:
            i += 1
    added: dict[str, None] = {}
    expanded: list[tuple[Term, ...]] = []
    for clause, phrase in zip(clauses, phrase_of, strict=True):
        alternatives = dict.fromkeys(clause)
        for term in (*clause, phrase) if phrase else clause:
            alternatives[term] = None
            for synonym in glossary.lookup(term.words):
                alt = Term(tuple(synonym.split()))
                if alt not in alternatives:
                    alternatives[alt] = None
                    added[synonym] = None
        expanded.append(tuple(alternatives))
    present = {t.text for clause in parsed.clauses for t in clause}
    shown = tuple(t for t in added if t not in present)
    return ParsedQuery(tuple(expanded), parsed.excluded), shown
