"""Query planning shared by every engine: parse, drop stop words, expand with the glossary.

Engines receive the planned ParsedQuery, so "bin" searches for waste, refuse and rubbish everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from search.facets import normalised_filters
from search.glossary import STOPWORDS, Glossary, expand
from search.models import current_glossary
from search.query_parser import ParsedQuery, Term, parse, words_of
from search.ranking import Ranking

# Stop words carry no meaning on their own; PostgreSQL drops them, so every engine drops them.
QUERY_STOPWORDS = STOPWORDS | frozenset(
    "about all how i into my not our so us use using what when where which who why you".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class QueryPlan:
    original: ParsedQuery  # as typed, stop words removed
    expanded: ParsedQuery  # with glossary synonyms as alternatives
    expanded_terms: tuple[str, ...]

    @property
    def prefers_typed_words(self) -> bool:
        """Synonyms were added, so the typed words are worth preferring."""
        return bool(self.expanded_terms) and bool(self.original.clauses)


def without_stopwords(parsed: ParsedQuery) -> ParsedQuery:
    clauses = tuple(c for c in parsed.clauses if not (len(c) == 1 and _is_stopword(c[0])))
    # A query made only of stop words keeps them rather than becoming "everything".
    return ParsedQuery(clauses or parsed.clauses, parsed.excluded)


def _is_stopword(term: Term) -> bool:
    return not term.is_phrase and term.words[0] in QUERY_STOPWORDS


def plan(text: str, glossary: Glossary | None = None) -> QueryPlan:
    """The query every engine runs: parsed, stop words dropped, glossary synonyms added as alternatives."""
    parsed = without_stopwords(parse(text))
    glossary = glossary if glossary is not None else current_glossary()
    expanded, terms = expand(parsed, glossary)
    # "Also searching for" lists only what differs from the query as typed ("damp and mould" is not news to
    # someone who typed "Damp and  mould").
    typed = _normalised(text)
    return QueryPlan(parsed, expanded, tuple(t for t in terms if _normalised(t) != typed))


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


# "Similar to this text" (before you start, the similar-content panel): a page must contain at least this share of
# the text's significant words (never fewer than one), so that one common word cannot pad the list with unrelated
# content. Pages alike in meaning must be `semantic.min_similarity` alike (search/config/ranking.yml).
SIMILAR_TEXT_SHARE = 0.5


def similar_text_required(words: int) -> int:
    """How many of a text's significant words a page needs to count as similar to it (every engine)."""
    return max(1, int(words * SIMILAR_TEXT_SHARE))


def significant_words(text: str, limit: int = 15) -> list[str]:
    """The most frequent meaningful words of a text: the query behind "related" and "similar" lookups."""
    counts = Counter(w for w in words_of(text) if len(w) > 2 and w not in QUERY_STOPWORDS and not w.isdigit())
    return [word for word, _ in counts.most_common(limit)]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts once), giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def best_correction(word: str, candidates: list[str]) -> str | None:
    """The closest candidate within the allowed distance; ties go to a shared first letter, then order given."""
    limit = allowed_typos(word)
    scored = []
    for position, candidate in enumerate(candidates):
        if candidate == word:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            scored.append((distance, candidate[:1] != word[:1], position, candidate))
    return min(scored)[3] if scored else None


def glossary_correction(word: str, glossary: Glossary) -> str | None:
    """The glossary term closest to a misspelt word ("rubish" -> "rubbish"), for words the index cannot correct."""
    return best_correction(word, glossary.words)


def with_corrections(
    parsed: ParsedQuery, corrections: dict[str, str], glossary: Glossary
) -> tuple[ParsedQuery, tuple[str, ...]]:
    """Each corrected word is searched as typed and as corrected, with the correction's own glossary synonyms.

    Returns the query and the terms it adds (for "also searching for"): "rubish" also searches for rubbish, and
    so for waste, refuse and bin, as "rubbish" typed correctly would.
    """
    added: dict[str, None] = {}
    clauses = []
    for clause in parsed.clauses:
        alternatives = dict.fromkeys(clause)
        for term in clause:
            if term.is_phrase or term.words[0] not in corrections:
                continue
            correction = corrections[term.words[0]]
            expanded, synonyms = expand(ParsedQuery(((Term((correction,)),),)), glossary)
            alternatives.update(dict.fromkeys(expanded.clauses[0]))
            added.update(dict.fromkeys((correction, *synonyms)))
        clauses.append(tuple(alternatives))
    return ParsedQuery(tuple(clauses), parsed.excluded), tuple(added)


def corrected_text(parsed: ParsedQuery, corrections: dict[str, str]) -> str:
    """The query as typed with each corrected word replaced: the "did you mean" every engine offers."""
    clauses = tuple(
        tuple(Term(tuple(corrections.get(w, w) for w in t.words)) for t in clause) for clause in parsed.clauses
    )
    return ParsedQuery(clauses, parsed.excluded).to_text()


def clean_filters(filters: dict[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Known facets only, de-duplicated, values normalised as documents' values are (search/facets.py)."""
    return normalised_filters(filters)


def counted_clauses(document_counts: list[int], total: int, settings: Ranking) -> tuple[int, ...]:
    """The clauses that count towards graded matching: all but those too common to mean anything.

    `document_counts[i]`: how many documents clause i matches, of `total`. A clause in more than the common-word
    share of documents ("council") still adds to relevance but is not counted; if every clause is that common,
    all count (the query is all there is to go on).
    """
    rule = settings.minimum_should_match
    everything = tuple(range(len(document_counts)))
    if total < rule.common_word_min_documents:
        return everything
    limit = rule.common_word_share * total
    return tuple(i for i, count in enumerate(document_counts) if count <= limit) or everything


def typed_alternatives(plan: QueryPlan, clause: tuple[Term, ...]) -> tuple[Term, ...]:
    """The alternatives of a clause made of words as typed (a glossary phrase of typed words counts), not synonyms
    or spelling corrections."""
    typed = {word for term in plan.original.positive_terms() for word in term.words}
    return tuple(term for term in clause if all(word in typed for word in term.words))


def clause_labels(plan: QueryPlan, parsed: ParsedQuery) -> tuple[str, ...]:
    """How each clause of `parsed` is shown to the reader ("Missing: bins"): its words as typed where typed."""
    as_typed = set(plan.original.positive_terms())
    labels = []
    for clause in parsed.clauses:
        shown = [t for t in clause if t in as_typed] or typed_alternatives(plan, clause)[:1] or clause[:1]
        labels.append(" or ".join(term.text for term in shown))
    return tuple(labels)
