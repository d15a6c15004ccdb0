"""The Elasticsearch index definition: explicit mappings and analyzers, as an elasticsearch-dsl Document.

Analysis chain for prose (title, summary, body, tags):
  standard tokenizer -> lowercase -> ASCII folding (café = cafe) ->
  American "-ize" spellings folded to British "-ise" -> English (Porter2) stemmer.
The glossary (synonyms, acronyms) is applied at query time by search.glossary, exactly as in the
database engine, so both engines expand a query identically; no synonym filter lives in the index.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Keyword,
    MetaField,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search.facets import REGISTRY, values_of
from search.types import SearchDocument

# Bump when the mapping or analysis changes: search_status shows it, and a rebuild picks it up.
# v2: supplier and product facets (suppliers, products). v3: nation facet; facet fields not declared below come
# from search/facets.py. An index of an older version needs `search_reindex` (so does one made before a new facet).
MAPPING_VERSION = 3

# Porter2 ("english") is the stemmer Elasticsearch ships for English; it was written for British usage and
# strips possessives itself (council's -> council), so no separate possessive filter is needed.
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
# organize/organization -> organise/organisation, so American spellings find British write-ups.
british_spelling = token_filter(
    "british_spelling",
    type="pattern_replace",
    pattern="(\\w{3,})iz(e|es|ed|ing|ation|ations|er|ers)$",
    replacement="$1is$2",
)
shingle_filter = token_filter("did_you_mean_shingles", type="shingle", min_shingle_size=2, max_shingle_size=3)

prose = analyzer(
    "sandbox_prose",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", british_spelling, english_stemmer],
)
# Unstemmed words and 2-3 word shingles of titles, summaries and tags: the phrase suggester's material.
did_you_mean = analyzer(
    "sandbox_did_you_mean", tokenizer="standard", filter=["lowercase", "asciifolding", shingle_filter]
)
folded_keyword_text = analyzer("sandbox_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


class PageDocument(Document):
    """One SearchDocument in Elasticsearch. Facet fields are keywords; prose fields carry keyword sub-fields."""

    kind = Keyword()
    title = Text(
        analyzer=prose,
        copy_to=["did_you_mean", "spelling"],
        fields={"raw": Keyword(), "exact": Text(analyzer=folded_keyword_text)},  # raw: sorting, exact: typos
    )
    url = Keyword(index=False)
    summary = Text(analyzer=prose, copy_to=["did_you_mean", "spelling"])
    # Body words feed typo matching, not the shingles: titles, summaries and tags make better phrases.
    body = Text(analyzer=prose, copy_to=["spelling"])
    tags = Text(analyzer=prose, copy_to=["did_you_mean", "spelling"])
    tag_values = Keyword()  # lower-cased tags: the tag facet and tag autocomplete
    council = Keyword()
    councils = Keyword()  # owning and partner councils: the council facet counts both
    partner_councils = Keyword()
    regions = Keyword()
    service_area = Keyword()
    suppliers = Keyword()
    products = Keyword()
    stage = Keyword()
    evidence_strength = Keyword()
    regional_centre = Keyword()
    year = Keyword()
    published = Date()
    updated = Date()
    boost = Float()
    # Titles for the search box's autocomplete (edge n-grams and shingles built by Elasticsearch).
    autocomplete = SearchAsYouType(analyzer=folded_keyword_text, max_shingle_size=3)
    did_you_mean = Text(analyzer=did_you_mean)
    # Unstemmed single words: the term suggester's dictionary, and where typo tolerance looks.
    spelling = Text(analyzer=folded_keyword_text)

    class Meta:
        dynamic = MetaField("strict")


# Facet name -> index field, where the names differ.
FACET_FIELDS: dict[str, str] = {spec.name: spec.field for spec in REGISTRY}
# Facets with no field of their own above: a keyword field each, filled from the registry (search/facets.py).
REGISTRY_FIELDS: dict[str, str] = {
    spec.name: spec.field for spec in REGISTRY if spec.field not in PageDocument._doc_type.mapping
}
for index_field in REGISTRY_FIELDS.values():
    PageDocument._doc_type.mapping.field(index_field, Keyword())


def index_body(shards: int = 1, replicas: int | None = None) -> dict[str, Any]:
    """The JSON body that creates one versioned index: settings (analysis) and mappings."""
    body = PageDocument._index.to_dict()
    settings = body.setdefault("settings", {})
    settings["number_of_shards"] = shards
    if replicas is not None:
        settings["number_of_replicas"] = replicas
    body["mappings"] = PageDocument._doc_type.mapping.to_dict()
    body["mappings"]["_meta"] = {"mapping_version": MAPPING_VERSION}
    return body


def to_source(doc: SearchDocument) -> dict[str, Any]:
    """A SearchDocument as the JSON source stored in the index (the one mapping of port -> index)."""
    return {
        "kind": doc.kind,
        "title": doc.title,
        "url": doc.url,
        "summary": doc.summary,
        "body": doc.body,
        "tags": list(doc.tags),
        "tag_values": list(values_of(doc, "tag")),
        "council": doc.council or None,
        "councils": list(values_of(doc, "council")),
        "partner_councils": list(doc.partner_councils),
        "regions": list(doc.regions),
        "service_area": doc.service_area or None,
        "suppliers": list(doc.suppliers),
        "products": list(doc.products),
        "stage": doc.stage or None,
        "evidence_strength": doc.evidence_strength or None,
        "regional_centre": doc.regional_centre or None,
        "year": doc.year or None,
        "published": doc.published.isoformat() if doc.published else None,
        "updated": doc.updated.isoformat() if doc.updated else None,
        "boost": doc.boost,
        "autocomplete": doc.title,
        **{index_field: list(values_of(doc, facet)) or None for facet, index_field in REGISTRY_FIELDS.items()},
    }


def versioned_index_name(alias: str, now: datetime | None = None) -> str:
    """``<alias>-v<mapping>-<UTC timestamp>``: each rebuild writes a fresh index behind the alias."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias}-v{MAPPING_VERSION}-{stamp}"
