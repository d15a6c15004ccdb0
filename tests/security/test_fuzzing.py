"""Fuzzing: hypothesis-generated query strings against the search page, API and autocomplete never give a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.facets import FACETS
from tests.factories import content as make

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", *FACETS, "sort", "page", "page_size"]
NASTY = [
    "",
    " ",
    "-",
    "-1",
    "0",
    "1e9",
    "NaN",
    "99999999999999999999999",
    '"',
    '"unterminated phrase',
    "OR",
    "AND OR NOT",
    "-- drop",
    "' OR 1=1 --",
    "*",
    "()",
    "NEAR(a b)",
    "\\",
    "%00",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "bin" * 200,
    "ü" * 300,
    "\u202etxt",
    "🗑️ bins",
    # Digits int() refuses or that are not ASCII, a number past 64 bits, and control characters XML cannot carry.
    "²",
    "①",
    "٣",
    "1²",
    "99999999999999999999",
    "waste\x01",
    "line\x0bbreak",
    "page\x0cbreak",
    "\x85",
    "\x7f",
    "\ufffe",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers().map(str),
)
params = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=12)),
    st.lists(values, min_size=1, max_size=3),
    max_size=6,
)
fuzz = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def content(councils: dict[str, Any]) -> None:
    make.case_study(councils["Leeds"], "Smarter bin collections", tags=["bins"])
    make.challenge(councils["City of Bristol"], "Missed bin collections", tags=["bins"])


@fuzz
@given(data=params)
def test_search_page_never_errors(client: Client, content: None, data: dict[str, list[str]]) -> None:
    response = client.get("/search/", data)
    assert response.status_code in {200, 400}, response.status_code


@fuzz
@given(data=params)
def test_search_api_answers_200_or_a_clear_400(client: Client, content: None, data: dict[str, list[str]]) -> None:
    response = client.get("/api/v1/search/", data)
    assert response.status_code in {200, 400}, response.status_code
    body = json.loads(response.content)
    if response.status_code == 400:
        assert body, "a 400 must say what was wrong"
    else:
        assert isinstance(body["results"], list) and isinstance(body["total"], int)


@fuzz
@given(data=params)
def test_search_feed_answers_a_feed_or_a_clear_400(client: Client, content: None, data: dict[str, list[str]]) -> None:
    response = client.get("/search/feed/", data)
    assert response.status_code in {200, 400}, response.status_code


@fuzz
@given(data=params)
def test_listing_pages_never_error(client: Client, content: None, data: dict[str, list[str]]) -> None:
    for path in ("/challenges/", "/case-studies/"):
        assert client.get(path, data).status_code in {200, 400}, path  # 400 only for a NUL in the address


@fuzz
@given(data=params)
def test_autocomplete_never_errors(client: Client, content: None, data: dict[str, list[str]]) -> None:
    response = client.get("/search/autocomplete/", data)
    assert response.status_code in {200, 400}, response.status_code


@fuzz
@given(raw=st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
def test_raw_query_strings_never_error(client: Client, content: None, raw: str) -> None:
    """Malformed percent-encoding, bare '&' and '=' and odd separators, straight into the query string."""
    for path in ("/search/", "/api/v1/search/", "/search/feed/", "/api/v1/case-studies/", "/challenges/"):
        response = client.get(f"{path}?{raw}")
        assert response.status_code in {200, 400}, (path, raw, response.status_code)
