"""Query composition for Elasticsearch: small pure functions that return request bodies as data.

core text query (phrases, exclusions, OR, field weights, typo tolerance)
  -> ranking (document boost, mild recency decay)
  -> filters as post_filter, with one filtered aggregation per facet (disjunctive facet counts)
  -> highlight, "did you mean", pagination.
Best bets are applied above the engine (search.promotions), the same for every engine.
Each part is unit-tested as data in tests/search/elasticsearch/test_queries.py, without a server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from search.facets import FACETS
from search.planning import significant_words, similar_text_required
from search.query_parser import ParsedQuery, Term
from search.ranking import ranking
from search.types import PAGE_KINDS, SearchQuery

from .mapping import FACET_FIELDS


def text_fields() -> list[str]:
    """title > summary and tags > body, weighted as the ranking file says (as the database engine's columns)."""
    weights = ranking().field_weights
    return [f"title^{weights.title}", f"summary^{weights.summary_and_tags}", f"tags^{weights.summary_and_tags}",
            f"body^{weights.body}"]  # fmt: skip


# Unstemmed words of every prose field: where typo tolerance looks, so stemming cannot hide a near miss.
FUZZY_FIELDS: tuple[str, ...] = ("title.exact^2", "spelling")
FUZZY_WEIGHT = 0.3  # a near miss ranks below an exact match
# Graded matching: each counted clause an entry matches adds this to its score, above any relevance (about 2,700 at
# most for six clauses), so entries with more of the words come first; float32 scores keep ~0.01 of relevance.
TIER_SCORE = 10_000.0
FACET_SIZE = 1000  # every value, as the database engine reports (about 400 councils)
# The snippet comes from the body, else the summary, as on the database engine: never the title (shown above it
# already) nor the tags.
HIGHLIGHT_FIELDS: tuple[str, ...] = ("body", "summary")
MAX_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
MAX_PAGE_SIZE = 100  # as the database engine
NOT_RETURNED: tuple[str, ...] = ("body", "autocomplete")  # large, and never shown in a hit


Body = dict[str, Any]


def term_query(term: Term, *, fuzzy: bool = True) -> Body:
    """One word or phrase across the weighted fields; a single word also matches near misses."""
    if term.is_phrase:
        return {"multi_match": {"query": term.text, "type": "phrase", "fields": text_fields()}}
    exact = {"multi_match": {"query": term.text, "type": "best_fields", "fields": text_fields()}}
    if not fuzzy:
        return exact
    near = {
        "multi_match": {
            "query": term.text,
            "fields": list(FUZZY_FIELDS),
            "fuzziness": "AUTO:4,7",  # as planning.allowed_typos: 0 edits below 4 letters, 1 below 7, else 2
            "prefix_length": 1,
            "boost": FUZZY_WEIGHT,
        }
    }
    return {"bool": {"should": [exact, near], "minimum_should_match": 1}}


def clause_query(alternatives: tuple[Term, ...], typed: frozenset[Term] = frozenset()) -> Body:
    """One AND-clause: any of its alternatives (OR, and glossary synonyms) may match; typed words weigh more."""
    if len(alternatives) == 1:
        return term_query(alternatives[0])

    def alternative(term: Term) -> Body:
        query = term_query(term)
        return {"bool": {"must": [query], "boost": ranking().typed_words_bonus}} if term in typed else query

    return {"bool": {"should": [alternative(t) for t in alternatives], "minimum_should_match": 1}}


def text_query(
    parsed: ParsedQuery,
    typed: frozenset[Term] = frozenset(),
    counted: tuple[int, ...] | None = None,
    *,
    relevance: bool = True,
) -> Body:
    """Graded matching, as every engine: an entry must match the required number of the counted clauses (each a
    word or phrase with its synonyms) and no excluded term; each counted clause it matches adds TIER_SCORE, so
    entries with more of the words come first, then relevance (boost and recency applied) orders each tier.

    `typed` holds the alternatives as typed: where glossary synonyms were added beside them, they weigh more.
    Each clause's relevance part is named `c<i>`, so hits say which clauses they match. `relevance=False` leaves
    only the tiers (for sorting newest first within each tier).
    """
    must_not = [term_query(term, fuzzy=False) for term in parsed.excluded]
    clauses = [clause_query(clause, typed) for clause in parsed.clauses if clause]
    if not clauses:
        return {"bool": {"must": [{"match_all": {}}], "must_not": must_not}} if must_not else {"match_all": {}}
    counted = tuple(range(len(clauses))) if counted is None else counted
    required = ranking().required_matches(len(counted))
    tiers = [{"constant_score": {"filter": clauses[i], "boost": TIER_SCORE}} for i in counted]
    if not ranking().more_words_first(len(counted)):
        tiers = []
    should: list[Body] = list(tiers)
    if relevance:
        named = [{"bool": {"should": [clause], "_name": f"c{i}"}} for i, clause in enumerate(clauses)]
        should.append(ranked({"bool": {"should": named, "minimum_should_match": 1}}))
    else:
        should += [{"bool": {"should": [clause], "_name": f"c{i}", "boost": 0.0}} for i, clause in enumerate(clauses)]
    return {
        "bool": {
            "filter": [{"bool": {"should": [clauses[i] for i in counted], "minimum_should_match": required}}],
            "should": should,
            "must_not": must_not,
        }
    }


def ranked(query: Body) -> Body:
    """Multiply relevance by the document's boost and the ranking file's recency factor:
    1 + weight x 0.5 ^ (age / half-life), Elasticsearch's exp decay with decay 0.5 at the half-life."""
    recency = ranking().recency
    with_recency = {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1},
                {
                    "exp": {"published": {"origin": "now", "scale": f"{recency.half_life_days:g}d", "decay": 0.5}},
                    "weight": recency.weight,
                },
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }
    return {
        "function_score": {
            "query": with_recency,
            "field_value_factor": {"field": "boost", "missing": 1.0},
            "boost_mode": "multiply",
        }
    }


def clause_counts(parsed: ParsedQuery) -> Body:
    """Per clause, how many entries in the whole index match it (graded matching leaves out common words)."""
    return {"global": {}, "aggs": {f"c{i}": {"filter": clause_query(c)} for i, c in enumerate(parsed.clauses)}}


def every_word(parsed: ParsedQuery, filters: Mapping[str, tuple[str, ...]]) -> Body:
    """How many results (filters applied) match every clause: none means the results hold only some words."""
    clauses = [clause_query(c) for c in parsed.clauses]
    return {"filter": {"bool": {"filter": clauses + selected_filters(filters)}}}


def facet_filter(facet: str, values: tuple[str, ...]) -> Body:
    return {"terms": {FACET_FIELDS[facet]: list(values)}}


def selected_filters(filters: Mapping[str, tuple[str, ...]], *, except_facet: str | None = None) -> list[Body]:
    """Values within one facet are ORed (terms), facets are ANDed (a list of filters)."""
    return [
        facet_filter(name, tuple(values))
        for name, values in filters.items()
        if values and name in FACET_FIELDS and name != except_facet
    ]


def post_filter(filters: Mapping[str, tuple[str, ...]]) -> Body | None:
    """Filters narrow the hits after aggregation, so each facet can count without its own selection."""
    clauses = selected_filters(filters)
    return {"bool": {"filter": clauses}} if clauses else None


def facet_aggs(filters: Mapping[str, tuple[str, ...]]) -> Body:
    """Per facet: the other facets' filters, then a terms count (selecting a region keeps other regions' counts)."""
    aggs: Body = {}
    for name in FACETS:
        others = selected_filters(filters, except_facet=name)
        values = {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}}
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": values}}
    return aggs


def highlight() -> Body:
    """HTML-escaped fragments with <mark> around matched words (Hit.highlight's contract)."""
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "fields": {name: {"fragment_size": 160, "number_of_fragments": 1} for name in HIGHLIGHT_FIELDS},
    }


def did_you_mean(text: str) -> Body:
    """Two suggesters: a phrase suggester over shingles (whole-phrase corrections on Elasticsearch) and
    a term suggester over single words (a word-by-word correction when the phrase one has nothing)."""
    return {
        "text": text,
        "words": {"term": {"field": "spelling", "suggest_mode": "missing", "min_word_length": 3, "size": 1}},
        "did_you_mean": {
            "phrase": {
                "field": "did_you_mean",
                "size": 1,
                "gram_size": 3,
                "confidence": 1.0,
                "max_errors": 2,
                "direct_generator": [{"field": "spelling", "suggest_mode": "always", "min_word_length": 3}],
            }
        },
    }


def word_checks(words: list[str]) -> Body:
    """Per asked word, how many documents in the whole index match it exactly (0 = a candidate typo)."""
    checks = {f"w{i}": {"filter": term_query(Term((word,)), fuzzy=False)} for i, word in enumerate(words)}
    return {"global": {}, "aggs": checks}


def sort_clause(sort: str) -> list[Body | str]:
    """Tiers and relevance are in the score (newest first: tiers only, see text_query); then newest first."""
    return [{"_score": {"order": "desc"}}, {"published": {"order": "desc", "missing": "_last"}}]


def page_window(page: int, page_size: int) -> tuple[int, int]:
    """(from, size), kept inside the index's result window so a deep page is empty, not an error."""
    page, page_size = max(1, page), max(1, min(page_size, MAX_PAGE_SIZE))
    start = (page - 1) * page_size
    if start >= MAX_WINDOW:
        return MAX_WINDOW, 0
    return start, min(page_size, MAX_WINDOW - start)


def preliminary_body(parsed: ParsedQuery, check_words: list[str]) -> Body:
    """What the results request needs to know first: how many entries each clause matches (and in all), and
    "did you mean" material for words that may be typos. No hits."""
    aggs: Body = {}
    if parsed.clauses:
        aggs["clause_counts"] = clause_counts(parsed)
    body: Body = {"size": 0, "track_total_hits": True, "query": {"match_all": {}}}
    if check_words:
        body["suggest"] = did_you_mean(" ".join(check_words))
        aggs["word_checks"] = word_checks(check_words)
    if aggs:
        body["aggs"] = aggs
    return body


def search_body(
    query: SearchQuery,
    parsed: ParsedQuery,
    *,
    filters: Mapping[str, tuple[str, ...]] | None = None,
    typed: frozenset[Term] = frozenset(),
    counted: tuple[int, ...] | None = None,
    also: list[str] | None = None,
) -> Body:
    """The whole request body for one results page; or, with `also` (documents near in meaning that join the
    results), for the word ranking's window of ids, to be fused (search/fusion.py) and fetched by id."""
    filters = query.filters if filters is None else filters
    start, size = page_window(query.page, query.page_size)
    if also:
        start, size = 0, ranking().semantic.window
    if parsed.clauses:
        text = text_query(parsed, typed, counted, relevance=query.sort != "newest")
        if also:
            near = {"constant_score": {"filter": {"ids": {"values": list(also)}}, "boost": 0.0}}
            text = {"bool": {"should": [text, near], "minimum_should_match": 1}}
    else:  # no words: every entry scores alike when newest comes first
        text = text_query(parsed) if query.sort == "newest" else ranked(text_query(parsed))
    body: Body = {
        "query": text,
        "from": start,
        "size": size,
        "track_total_hits": True,
        "sort": sort_clause(query.sort),
        "_source": {"excludes": list(NOT_RETURNED)},
    }
    narrowing = post_filter(filters)
    if narrowing:
        body["post_filter"] = narrowing
    aggs = facet_aggs(filters) if query.with_facets else {}
    if also:
        body["_source"] = False
    elif parsed.clauses:
        body["highlight"] = highlight()
    if parsed.clauses:
        aggs["every_word"] = every_word(parsed, filters)
    if aggs:
        body["aggs"] = aggs
    return body


def page_by_ids_body(doc_ids: list[str], parsed: ParsedQuery, typed: frozenset[Term], counted) -> Body:
    """These documents, with highlights of the query's words where they have them."""
    words = text_query(parsed, typed, counted)
    return {
        "query": {"bool": {"filter": [{"ids": {"values": doc_ids}}], "should": [words]}},
        "size": len(doc_ids),
        "highlight": highlight(),
        "_source": {"excludes": list(NOT_RETURNED)},
    }


def by_ids_body(doc_ids: list[str]) -> Body:
    return {"query": {"ids": {"values": doc_ids}}, "size": len(doc_ids), "_source": {"excludes": list(NOT_RETURNED)}}


def autocomplete_body(typed: str, limit: int) -> Body:
    """Tags starting with what has been typed, and titles containing its words, the last as a prefix."""
    # Typed text is words of letters and digits (query_parser.words_of): nothing to escape in the regex.
    tags = {"terms": {"field": "tag_values", "include": f"{typed}.*", "size": limit, "order": {"_key": "asc"}}}
    return {
        "aggs": {"tags": {"global": {}, "aggs": {"values": tags}}},
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": typed,
                            "type": "bool_prefix",
                            "fields": ["autocomplete", "autocomplete._2gram", "autocomplete._3gram"],
                            "operator": "and",
                        }
                    }
                ],
                "filter": [{"terms": {"kind": list(PAGE_KINDS)}}],
            }
        },
        "size": max(limit, 1) * 2,
        "_source": ["title"],
    }


def related_body(index: str, doc_id: str, limit: int) -> Body:
    """More like this one document, never the document itself."""
    return {
        "query": ranked(
            {
                "bool": {
                    "must": [
                        {
                            "more_like_this": {
                                "fields": ["title", "summary", "tags", "body"],
                                "like": [{"_index": index, "_id": doc_id}],
                                "min_term_freq": 1,
                                "min_doc_freq": 1,
                                "max_query_terms": 25,
                                "minimum_should_match": "10%",
                            }
                        }
                    ],
                    "filter": [{"terms": {"kind": list(PAGE_KINDS)}}],
                    "must_not": [{"ids": {"values": [doc_id]}}],
                }
            }
        ),
        "size": limit,
        "_source": {"excludes": list(NOT_RETURNED)},
    }


def similar_text_body(text: str, limit: int, kinds: tuple[str, ...] = ()) -> Body:
    """Documents like a piece of free text (a draft title and summary), optionally of some kinds only: those with
    enough of its significant words (planning.similar_text_required), as on the database engine."""
    words = significant_words(text)
    each = [{"multi_match": {"query": w, "fields": ["title", "summary", "tags", "body"]}} for w in words]
    similar = {"bool": {"should": each, "minimum_should_match": similar_text_required(len(words))}}
    filters = [{"terms": {"kind": list(kinds or PAGE_KINDS)}}]
    return {
        "query": ranked({"bool": {"must": [similar], "filter": filters}}),
        "size": limit,
        "_source": {"excludes": list(NOT_RETURNED)},
    }
