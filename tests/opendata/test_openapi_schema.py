"""The OpenAPI schema at /api/v1/openapi.json documents every query parameter the API reads."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from search.facets import FACETS
from search.forms import SORTS
from search.types import KINDS

FILTERS = {"q", "sort", "page", "page_size", *(f for f in FACETS if f != "kind")}


@pytest.fixture
def schema(client: Client, db: Any) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _parameters(schema: dict[str, Any], path: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in schema["paths"][path]["get"].get("parameters", [])}


def test_every_open_data_list_and_csv_documents_the_filters(schema: dict[str, Any]) -> None:
    operations = [p for p in schema["paths"] if p.endswith(".csv") or (p.endswith("/") and "{" not in p)]
    assert len(operations) > 10, operations
    for path in operations:
        documented = set(_parameters(schema, path))
        assert documented >= FILTERS, (path, FILTERS - documented)
        if path != "/api/v1/search/":
            assert "kind" not in documented, path  # an open-data address names its kind


def test_search_kind_and_sort_are_enumerations(schema: dict[str, Any]) -> None:
    parameters = _parameters(schema, "/api/v1/search/")
    assert parameters["kind"]["schema"]["items"]["enum"] == list(KINDS)
    sort = parameters["sort"]["schema"]["anyOf"][0]
    assert sort["enum"] == list(SORTS)


def test_a_kind_outside_the_enumeration_is_a_clear_400(client: Client, db: Any) -> None:
    response = client.get("/api/v1/search/?kind=recipe")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "kind"


def test_the_text_limits_are_stated(schema: dict[str, Any]) -> None:
    from core.text import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH

    description = schema["info"]["description"]
    assert f"Titles are at most {MAX_TITLE_LENGTH} characters, summaries {MAX_SUMMARY_LENGTH}" in description
    assert f"{MAX_BODY_LENGTH:,}" in description
