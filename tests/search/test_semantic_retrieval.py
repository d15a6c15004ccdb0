"""The semantic port with the real model: nearest, related and similar by meaning, filters, the embedding cache."""

from __future__ import annotations

import dataclasses

import pytest

from search import semantic
from search.models import DocumentVector, Embedding
from search.semantic import encoder
from search.semantic.indexing import embed_pending
from search.semantic.text import BODY_CHARS, document_text, facets_of
from tests.search.contract import CORPUS, WASTE, doc


@pytest.fixture
def loaded(semantic_on, db):
    semantic.index_documents(CORPUS)
    assert embed_pending() == len(CORPUS)
    return CORPUS


def ids(results: list[tuple[str, float]]) -> list[str]:
    return [doc_id for doc_id, _ in results]


def test_words_never_used_by_the_documents_still_find_them(loaded):
    # No document says "rubbish", "dumped" or "flats": the fly-tipping challenge is nearest in meaning.
    assert ids(semantic.nearest("rubbish dumped illegally outside flats", k=3))[0] == "page:2"
    assert ids(semantic.nearest("mould in council homes", k=1)) == ["page:4"]
    assert ids(semantic.nearest("virtual assistant answering residents' questions", k=1)) == ["page:6"]


def test_results_are_cosines_best_first(loaded):
    results = semantic.nearest("bin sensors", k=5)
    scores = [score for _, score in results]
    assert len(results) == 5 and scores == sorted(scores, reverse=True)
    assert all(-1.0 <= score <= 1.0 for score in scores)
    assert results[0][0] == "page:1" and scores[0] > 0.5


def test_filters_are_the_search_filters(loaded):
    waste = semantic.nearest("bins", k=10, filters={"service_area": [WASTE]})
    assert set(ids(waste)) == {"page:1", "page:2", "page:5"}
    # Values within a facet ORed, facets ANDed; the council facet counts partner councils.
    either = semantic.nearest("anything", k=10, filters={"region": ["Wales", "London"]})
    assert set(ids(either)) == {"page:4", "page:6"}
    both = semantic.nearest("anything", k=10, filters={"region": ["Wales", "London"], "kind": ["experiment"]})
    assert ids(both) == ["page:6"]
    assert set(ids(semantic.nearest("x", k=10, filters={"council": ["Leeds City Council"]}))) == {"page:1", "page:4"}
    # Tags are matched lower-cased, as the engines store them; unknown facets are ignored.
    assert ids(semantic.nearest("x", k=10, filters={"tag": ["Chatbot"], "colour": ["red"]})) == ["page:6"]
    assert semantic.nearest("x", k=10, filters={"region": ["Atlantis"]}) == []
    assert set(ids(semantic.nearest("x", k=10, filters={"year": ["2024"]}))) == {"page:1", "page:5"}


def test_related_and_similar_to_text(loaded):
    # The three parking permit patterns are each other's nearest; a document is never its own.
    assert ids(semantic.related("page:8", k=2)) == ["page:9", "page:10"]
    assert "page:1" not in ids(semantic.related("page:1", k=9))
    assert semantic.related("page:404") == []
    similar = semantic.similar_to_text("Our crews keep missing bins on collection day", k=2)
    assert ids(similar)[0] == "page:1"
    assert set(ids(semantic.similar_to_text("permits", k=10, kinds=("pattern",)))) == {
        "page:3",
        "page:8",
        "page:9",
        "page:10",
    }


def test_register_lines_are_not_related_content_unless_asked(semantic_on, db):
    line = dataclasses.replace(CORPUS[0], id="system:1", kind="system")
    semantic.index_documents([CORPUS[0], CORPUS[4], line])
    embed_pending()
    assert "system:1" not in ids(semantic.related("page:1", k=5))
    assert ids(semantic.related("page:1", k=1, kinds=("system",))) == ["system:1"]


def test_embeddings_are_cached_by_text_and_recomputed_when_it_changes(loaded, monkeypatch):
    calls: list[int] = []
    real = encoder.embed_texts
    monkeypatch.setattr(encoder, "embed_texts", lambda texts: calls.append(len(texts)) or real(texts))
    # Indexed again unchanged (a reindex): nothing to compute.
    assert semantic.index_documents(CORPUS) == 0
    assert embed_pending() == 0 and calls == []
    # A new facet value alone changes the row, not the text: the cached vector is reused at once.
    moved = dataclasses.replace(CORPUS[0], council="Bradford Council")
    assert semantic.index_documents([moved]) == 1
    assert embed_pending() == 0 and calls == []
    assert ids(semantic.nearest("x", k=10, filters={"council": ["Bradford Council"]})) == ["page:1"]
    # New text: left out until its vector is computed, then found by its new meaning.
    rewritten = dataclasses.replace(CORPUS[0], title="Library e-book lending", summary="Books for everyone.", body="")
    semantic.index_documents([rewritten])
    assert "page:1" not in ids(semantic.nearest("bin sensors", k=10))
    assert embed_pending() == 1 and calls == [1]
    assert ids(semantic.nearest("borrowing e-books", k=1)) == ["page:1"]
    # Back to the old text: its vector is still cached.
    semantic.index_documents([CORPUS[0]])
    assert embed_pending() == 0 and calls == [1]
    assert ids(semantic.nearest("bin sensors", k=1)) == ["page:1"]
    assert Embedding.objects.count() == len(CORPUS) + 1


def test_recompute_ignores_the_cache(loaded):
    before = dict(Embedding.objects.values_list("text_hash", "created"))
    assert embed_pending(recompute=True) == len(CORPUS)
    after = dict(Embedding.objects.values_list("text_hash", "created"))
    assert after.keys() == before.keys() and all(after[h] >= before[h] for h in before)
    assert ids(semantic.nearest("mould in council homes", k=1)) == ["page:4"]


def test_removal_is_immediate(loaded):
    assert semantic.remove_documents(["page:4", "page:404"]) == 1
    assert "page:4" not in ids(semantic.nearest("mould in council homes", k=10))
    assert semantic.related("page:4") == []
    assert not DocumentVector.objects.filter(doc_id="page:4").exists()


def test_rebuild_keeps_only_the_documents_passed_through(loaded):
    kept = CORPUS[:3]
    passed = list(semantic.rebuild_documents(iter(kept)))
    assert passed == list(kept)  # the engine's rebuild reads the same stream
    assert set(DocumentVector.objects.values_list("doc_id", flat=True)) == {"page:1", "page:2", "page:3"}
    assert set(ids(semantic.nearest("anything", k=10))) == {"page:1", "page:2", "page:3"}


def test_the_text_embedded_is_title_summary_and_the_start_of_the_body():
    long = doc(1, "Title", summary="Summary.", body="word " * 1000)
    text = document_text(long)
    assert text.startswith("Title\nSummary.\nword word")
    assert len(text) <= len("Title\nSummary.\n") + BODY_CHARS and text.endswith("word")
    assert document_text(doc(2, "Only a title")) == "Only a title"
    assert facets_of(CORPUS[3])["council"] == ["Southwark Council", "Leeds City Council"]
    assert facets_of(CORPUS[0])["tag"] == ["sensors", "waste"]
