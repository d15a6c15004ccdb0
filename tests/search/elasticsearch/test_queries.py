"""Query composition as data: each part of the request body, without a server."""

from __future__ import annotations

from search.engines.elasticsearch import queries
from search.facets import FACETS
from search.query_parser import ParsedQuery, Term, parse
from search.ranking import ranking
from search.types import PAGE_KINDS, SearchQuery


def word(text: str) -> Term:
    return Term((text,))


def test_a_single_word_matches_exactly_or_as_a_near_miss_with_the_database_engines_typo_allowance():
    body = queries.term_query(word("mattresses"))
    exact, near = body["bool"]["should"]
    # The ranking file's field weights: title above summary and tags above body.
    assert exact["multi_match"]["fields"] == ["title^10.0", "summary^4.0", "tags^4.0", "body^1.0"]
    assert "fuzziness" not in exact["multi_match"]
    assert near["multi_match"]["fuzziness"] == "AUTO:4,7"
    assert near["multi_match"]["fields"] == ["title.exact^2", "spelling"]  # unstemmed words
    assert near["multi_match"]["boost"] < 1  # a near miss ranks below an exact match
    assert body["bool"]["minimum_should_match"] == 1


def test_a_phrase_is_a_phrase_query_without_fuzziness():
    body = queries.term_query(Term(("missed", "collections")))
    assert body == {"multi_match": {"query": "missed collections", "type": "phrase", "fields": queries.text_fields()}}


def test_graded_matching_alternatives_ored_and_exclusions_are_must_not():
    body = queries.text_query(parse('garden OR "food waste" crews -sofas'))
    (required,), must_not = body["bool"]["filter"], body["bool"]["must_not"]
    # Two clauses: one of them is enough (ranking.yml), each an OR of its alternatives.
    assert required["bool"]["minimum_should_match"] == 1 and len(required["bool"]["should"]) == 2
    either = required["bool"]["should"][0]["bool"]
    assert either["minimum_should_match"] == 1
    assert [q.get("multi_match", {}).get("type") for q in either["should"]] == [None, "phrase"]
    # More of the words first: each counted clause adds a constant above any relevance score.
    tiers = [q for q in body["bool"]["should"] if "constant_score" in q]
    assert [t["constant_score"]["boost"] for t in tiers] == [queries.TIER_SCORE] * 2
    # Excluded words are matched exactly (a near miss must not hide a result).
    assert must_not == [queries.term_query(word("sofas"), fuzzy=False)]
    assert "fuzziness" not in str(must_not)


def test_no_text_matches_everything_and_only_exclusions_match_everything_else():
    assert queries.text_query(ParsedQuery()) == {"match_all": {}}
    body = queries.text_query(parse("-permits"))
    assert body["bool"]["must"] == [{"match_all": {}}]
    assert len(body["bool"]["must_not"]) == 1


def test_ranking_multiplies_by_document_boost_and_a_mild_recency_bonus():
    core = {"match_all": {}}
    outer = queries.ranked(core)["function_score"]
    assert outer["field_value_factor"] == {"field": "boost", "missing": 1.0}
    assert outer["boost_mode"] == "multiply"
    inner = outer["query"]["function_score"]
    assert inner["query"] is core
    constant, decay = inner["functions"]
    assert constant == {"weight": 1}
    # 1 + weight x 0.5 ^ (age / half-life), as every engine (ranking.yml: recency).
    assert decay["exp"]["published"] == {"origin": "now", "scale": "365d", "decay": 0.5}
    assert decay["weight"] == ranking().recency.weight
    assert (inner["score_mode"], inner["boost_mode"]) == ("sum", "multiply")


def test_filters_are_a_post_filter_and_each_facet_counts_without_its_own_selection():
    filters = {"region": ("South West", "London"), "service_area": ("Housing",), "tag": ("repairs",)}
    body = queries.search_body(SearchQuery(filters=filters), ParsedQuery(), filters=filters)
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"regions": ["South West", "London"]}},
                {"terms": {"service_area": ["Housing"]}},
                {"terms": {"tag_values": ["repairs"]}},
            ]
        }
    }
    aggs = body["aggs"]
    assert list(aggs) == list(FACETS)
    region = aggs["region"]["filter"]["bool"]["filter"]
    assert {"terms": {"regions": ["South West", "London"]}} not in region
    assert {"terms": {"service_area": ["Housing"]}} in region
    assert aggs["kind"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert aggs["council"]["aggs"]["values"]["terms"]["field"] == "councils"  # owning and partner councils


def test_no_filters_no_post_filter_and_facets_can_be_left_out():
    body = queries.search_body(SearchQuery(with_facets=False), ParsedQuery(), filters={})
    assert "post_filter" not in body and "aggs" not in body
    assert body["query"]["function_score"]["query"]["function_score"]["query"] == {"match_all": {}}


def test_highlight_only_with_text_escaped_and_marked():
    assert "highlight" not in queries.search_body(SearchQuery(), ParsedQuery(), filters={})
    body = queries.search_body(SearchQuery(text="damp"), parse("damp"), filters={})
    assert body["highlight"]["encoder"] == "html"
    assert (body["highlight"]["pre_tags"], body["highlight"]["post_tags"]) == (["<mark>"], ["</mark>"])


def test_did_you_mean_material_and_clause_counts_come_first():
    body = queries.preliminary_body(parse("matresses"), ["matresses"])
    assert body["size"] == 0 and body["aggs"]["clause_counts"]["global"] == {}
    assert body["suggest"]["text"] == "matresses"
    assert body["suggest"]["did_you_mean"]["phrase"]["field"] == "did_you_mean"  # shingles
    assert body["suggest"]["words"]["term"]["field"] == "spelling"
    checks = body["aggs"]["word_checks"]
    assert "global" in checks  # the whole index, not just this query's hits
    assert checks["aggs"]["w0"]["filter"] == queries.term_query(word("matresses"), fuzzy=False)
    plain = queries.preliminary_body(parse("damp"), [])
    assert "suggest" not in plain and "word_checks" not in plain.get("aggs", {})


def test_sorting_newest_keeps_the_tiers_but_drops_relevance():
    newest = queries.search_body(SearchQuery(text="damp mould", sort="newest"), parse("damp mould"), filters={})
    relevant = queries.search_body(SearchQuery(text="damp mould"), parse("damp mould"), filters={})
    assert (
        newest["sort"]
        == relevant["sort"]
        == [
            {"_score": {"order": "desc"}},
            {"published": {"order": "desc", "missing": "_last"}},
        ]
    )
    assert "function_score" not in str(newest["query"]) and "function_score" in str(relevant["query"])


def test_pages_stay_inside_the_result_window():
    assert queries.page_window(1, 20) == (0, 20)
    assert queries.page_window(3, 20) == (40, 20)
    assert queries.page_window(0, 0) == (0, 1)
    assert queries.page_window(1, 1000) == (0, 100)
    assert queries.page_window(10_000, 20) == (10_000, 0)
    assert queries.page_window(500, 20) == (9_980, 20)


def test_source_leaves_out_the_body():
    body = queries.search_body(SearchQuery(text="damp"), parse("damp"), filters={})
    assert "body" in body["_source"]["excludes"]


def test_autocomplete_asks_for_tag_prefixes_and_title_words():
    body = queries.autocomplete_body("garden wa", 5)
    titles = body["query"]["bool"]["must"][0]["multi_match"]
    assert titles["type"] == "bool_prefix"
    assert titles["fields"][0] == "autocomplete"
    assert body["query"]["bool"]["filter"] == [{"terms": {"kind": list(PAGE_KINDS)}}]  # no register lines
    tags = body["aggs"]["tags"]["aggs"]["values"]["terms"]
    assert tags == {"field": "tag_values", "include": "garden wa.*", "size": 5, "order": {"_key": "asc"}}


def test_related_is_more_like_this_excluding_the_document_itself():
    body = queries.related_body("sandbox-pages-v1-x", "page:1", 3)
    core = body["query"]["function_score"]["query"]["function_score"]["query"]["bool"]
    assert core["must"][0]["more_like_this"]["like"] == [{"_index": "sandbox-pages-v1-x", "_id": "page:1"}]
    assert core["must_not"] == [{"ids": {"values": ["page:1"]}}]
    assert body["size"] == 3


def test_similar_to_text_can_be_limited_to_kinds():
    body = queries.similar_text_body("sensors in bins", 5, ("challenge",))
    core = body["query"]["function_score"]["query"]["function_score"]["query"]["bool"]
    # Each significant word may match in any field; a document needs enough of them (as on the database engine).
    similar = core["must"][0]["bool"]
    assert [c["multi_match"]["query"] for c in similar["should"]] == ["sensors", "bins"]
    assert similar["minimum_should_match"] == 1
    five = queries.similar_text_body("Residents report missed bin collections", 5)
    assert (
        five["query"]["function_score"]["query"]["function_score"]["query"]["bool"]["must"][0]["bool"][
            "minimum_should_match"
        ]
        == 2
    )
    assert core["filter"] == [{"terms": {"kind": ["challenge"]}}]
    assert (
        queries.similar_text_body("x", 5)["query"]["function_score"]["query"]["function_score"]["query"]["bool"][
            "filter"
        ]
        == [{"terms": {"kind": list(PAGE_KINDS)}}]  # pages only unless asked
    )
