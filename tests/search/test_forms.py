"""The one parameter parser the search page and the API share (pure: no database)."""

from __future__ import annotations

from django.http import QueryDict

from search.forms import PAGE_SIZE, parse_search_params


def parse(query_string: str, **kwargs):
    return parse_search_params(QueryDict(query_string), **kwargs)


def test_valid_parameters_become_a_search_query():
    params = parse("q=+bin++collections+&kind=challenge&kind=case_study&region=London&year=2024&sort=newest&page=3")

    assert params.is_valid
    query = params.query
    assert query.text == "bin collections"
    assert query.filters == {"kind": ("challenge", "case_study"), "region": ("London",), "year": ("2024",)}
    assert query.sort == "newest"
    assert query.page == 3
    assert query.page_size == PAGE_SIZE


def test_defaults_and_blank_values():
    params = parse("q=&kind=&page=&sort=")

    assert params.is_valid
    assert params.query.text == ""
    assert dict(params.query.filters) == {}
    assert (params.query.sort, params.query.page) == ("relevance", 1)


def test_repeated_values_are_kept_once():
    assert parse("tag=bins&tag=bins&tag=%20bins%20").query.filters == {"tag": ("bins",)}


def test_page_size_only_where_allowed():
    assert parse("page_size=50").query.page_size == PAGE_SIZE
    assert parse("page_size=50", allow_page_size=True).query.page_size == 50
    assert not parse("page_size=101", allow_page_size=True).is_valid


def test_invalid_values_are_reported_and_dropped():
    params = parse("q=ok&kind=recipe&kind=pattern&year=20x4&page=0&sort=bogus")

    assert not params.is_valid
    assert {e.parameter for e in params.errors} == {"kind", "year", "page", "sort"}
    # What could be used still is: the page ignores the rest.
    assert params.query.filters == {"kind": ("pattern",)}
    assert (params.query.page, params.query.sort) == (1, "relevance")
    assert params.text_is_valid


def test_over_long_query_is_an_error_on_q():
    params = parse("q=" + "a" * 201)

    assert not params.text_is_valid
    assert params.query.text == ""


def test_too_many_values_for_one_facet():
    params = parse("&".join(f"tag=t{i}" for i in range(25)))

    assert [e.parameter for e in params.errors] == ["tag"]
    assert len(params.query.filters["tag"]) == 20


def test_plain_mappings_work_too():
    params = parse_search_params({"q": "waste", "region": ["London", "Wales"]})

    assert params.query.filters == {"region": ("London", "Wales")}
