"""The index definition as data, and the analyzers as the server applies them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.elasticsearch.mapping import (
    FACET_FIELDS,
    MAPPING_VERSION,
    index_body,
    to_source,
    versioned_index_name,
)
from search.facets import FACETS
from search.types import SearchDocument


def test_mapping_is_explicit_and_strict():
    mappings = index_body()["mappings"]
    assert mappings["dynamic"] == "strict"
    assert mappings["_meta"] == {"mapping_version": MAPPING_VERSION}
    properties = mappings["properties"]
    for name in ("title", "summary", "body", "tags"):
        assert properties[name]["analyzer"] == "sandbox_prose"
        assert "spelling" in properties[name]["copy_to"]
    assert "did_you_mean" not in properties["body"]["copy_to"]  # shingles of long bodies cost more than they add
    assert properties["title"]["fields"]["raw"] == {"type": "keyword"}
    assert properties["autocomplete"]["type"] == "search_as_you_type"
    assert properties["did_you_mean"]["analyzer"] == "sandbox_did_you_mean"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_every_facet_is_a_keyword_field():
    properties = index_body()["mappings"]["properties"]
    assert set(FACET_FIELDS) == set(FACETS)
    for field in FACET_FIELDS.values():
        assert properties[field]["type"] == "keyword"


def test_analysis_british_english_folding_and_shingles():
    analysis = index_body()["settings"]["analysis"]
    prose = analysis["analyzer"]["sandbox_prose"]
    assert prose["tokenizer"] == "standard"
    assert prose["filter"] == ["lowercase", "asciifolding", "british_spelling", "english_stemmer"]
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert analysis["filter"]["british_spelling"]["type"] == "pattern_replace"
    shingles = analysis["filter"]["did_you_mean_shingles"]
    assert (shingles["type"], shingles["min_shingle_size"], shingles["max_shingle_size"]) == ("shingle", 2, 3)


def test_source_of_a_document():
    doc = SearchDocument(
        id="page:4",
        kind="case_study",
        title="Housing repairs app",
        url="/repairs/",
        council="Southwark Council",
        partner_councils=("Leeds City Council", "Southwark Council"),
        tags=("Repairs", "repairs", "Mobile"),
        published=date(2025, 2, 1),
        updated=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        boost=0.5,
    )
    source = to_source(doc)
    assert source["councils"] == ["Southwark Council", "Leeds City Council"]  # owner and partners, once each
    assert source["tag_values"] == ["repairs", "mobile"]  # the tag facet is lower-case, as in the database engine
    assert source["tags"] == ["Repairs", "repairs", "Mobile"]
    assert (source["year"], source["published"], source["boost"]) == ("2025", "2025-02-01", 0.5)
    assert source["updated"].startswith("2025-03-01T09:30")
    assert source["autocomplete"] == "Housing repairs app"
    assert source["council_type"] is None  # empty values are absent, not "" facet values


def test_versioned_index_names_sort_by_time():
    early = versioned_index_name("sandbox-pages", datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
    late = versioned_index_name("sandbox-pages", datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC))
    assert early == f"sandbox-pages-v{MAPPING_VERSION}-20260102030405000006"
    assert early < late


def analyze(engine: ElasticsearchEngine, field: str, text: str) -> list[str]:
    engine.rebuild([])
    tokens = engine.client.indices.analyze(index=engine.alias, field=field, text=text)["tokens"]
    return [t["token"] for t in tokens]


def test_prose_is_stemmed_and_folded(es_engine):
    tokens = analyze(es_engine, "body", "The councils\N{RIGHT SINGLE QUOTATION MARK} cafés collected bins")
    assert tokens == ["the", "council", "cafe", "collect", "bin"]


def test_did_you_mean_field_keeps_words_and_shingles(es_engine):
    tokens = analyze(es_engine, "did_you_mean", "Missed bin collections")
    assert {"missed", "collections", "missed bin", "bin collections", "missed bin collections"} <= set(tokens)


@pytest.mark.needs_real_elasticsearch(reason="osmem-server ignores pattern_replace token filters")
def test_american_spellings_fold_to_british(es_engine):
    assert analyze(es_engine, "body", "organize") == analyze(es_engine, "body", "organise")
    assert analyze(es_engine, "body", "organization") == analyze(es_engine, "body", "organisation")
