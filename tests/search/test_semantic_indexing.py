"""Real pages end to end: vectors follow publishing, unpublishing, deletion, privacy and reindexing; the switches.

Drafts and private pages never have a vector. Encoding happens in the queue drain and the reindex, never when a
page is published (the publishing request only stores the text, or reuses a cached vector).
"""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search import semantic
from search.engines import get_engine
from search.indexing import drain_queue
from search.models import DocumentVector, Embedding, SearchEntry
from search.semantic import checks, encoder
from search.semantic.indexing import embed_pending
from search.semantic.model import TOKENIZER_FILE, WEIGHTS_FILE
from tests.factories import content as make


@pytest.fixture
def leeds(semantic_on, councils):
    drain_queue()  # the councils the fixture published, so each test starts with an empty queue
    return councils["Leeds"]


def nearest(text: str, k: int = 10, **filters: tuple[str, ...]) -> list[str]:
    return [doc_id for doc_id, _ in semantic.nearest(text, k, filters)]


def test_publishing_stores_the_text_and_the_drain_encodes_it(commit, leeds, monkeypatch):
    encoded: list[int] = []
    real = encoder.embed_texts
    monkeypatch.setattr(encoder, "embed_texts", lambda texts: encoded.append(len(texts)) or real(texts))
    page = commit(make.challenge, leeds, "Potholes reported by residents")
    assert DocumentVector.objects.filter(doc_id=f"page:{page.pk}").exists()
    assert encoded == []  # not in the publishing request
    assert f"page:{page.pk}" not in nearest("road surface defects")
    assert drain_queue().embedded == 1 and encoded == [1]
    assert nearest("road surface defects", k=1) == [f"page:{page.pk}"]
    # Publishing again unchanged: nothing to encode, still found.
    commit(page.save_revision().publish)
    assert drain_queue().embedded == 0 and encoded == [1]
    assert nearest("road surface defects", k=1) == [f"page:{page.pk}"]


def test_vectors_cover_exactly_the_documents_the_engine_indexes(commit, leeds, councils):
    commit(make.challenge, leeds, "Potholes reported by residents")
    commit(make.challenge, leeds, "Secret pothole plan", state="draft")
    private = commit(make.case_study, councils["City of Bristol"], "Private road repairs pilot")
    commit(PageViewRestriction.objects.create, page=private, restriction_type="login")
    drain_queue()
    indexed = set(SearchEntry.objects.values_list("doc_id", flat=True))
    assert set(DocumentVector.objects.values_list("doc_id", flat=True)) == indexed
    assert set(nearest("potholes and road repairs", k=50)) == indexed
    assert f"page:{private.pk}" not in indexed


def test_drafts_and_private_pages_are_absent_from_vector_results(commit, leeds, councils):
    public = commit(make.challenge, leeds, "Potholes reported by residents")
    draft = commit(make.challenge, leeds, "Secret pothole plan", state="draft")
    private = commit(make.case_study, councils["City of Bristol"], "Private pothole pilot")
    commit(PageViewRestriction.objects.create, page=private, restriction_type="password", password="x")
    drain_queue()
    found = nearest("pothole", k=50)
    assert f"page:{public.pk}" in found
    assert f"page:{draft.pk}" not in found and f"page:{private.pk}" not in found
    assert all(doc_id != f"page:{draft.pk}" for doc_id, _ in semantic.related(f"page:{public.pk}", k=50))
    similar = {doc_id for doc_id, _ in semantic.similar_to_text("Secret pothole plan", k=50)}
    assert f"page:{public.pk}" in similar
    assert not {f"page:{draft.pk}", f"page:{private.pk}"} & similar


def test_unpublishing_deleting_and_restricting_remove_at_once(commit, leeds):
    first = commit(make.challenge, leeds, "Potholes reported by residents")
    second = commit(make.case_study, leeds, "Faster pothole repairs")
    third = commit(make.case_study, leeds, "Road defect reporting app")
    drain_queue()
    commit(first.unpublish)
    commit(second.delete)
    commit(PageViewRestriction.objects.create, page=third, restriction_type="login")
    # No drain needed: removal happens when the change is applied, right after commit.
    found = nearest("potholes", k=50)
    assert not {f"page:{first.pk}", f"page:{second.pk}", f"page:{third.pk}"} & set(found)
    assert semantic.related(f"page:{first.pk}") == []


def test_removal_reaches_vectors_even_when_the_engine_is_down(commit, leeds, monkeypatch):
    page = commit(make.challenge, leeds, "Potholes reported by residents")
    drain_queue()

    class Down:
        def index(self, docs):
            raise ConnectionError("search server unreachable")

        remove = index

    monkeypatch.setattr("search.indexing.get_engine", lambda: Down())
    commit(page.unpublish)
    assert f"page:{page.pk}" not in nearest("potholes")


def test_reindex_reuses_cached_embeddings_and_embeddings_option_recomputes(commit, leeds, capsys, monkeypatch):
    commit(make.challenge, leeds, "Potholes reported by residents")
    commit(make.case_study, leeds, "Faster pothole repairs")
    call_command("search_reindex")
    out = capsys.readouterr().out
    documents = DocumentVector.objects.count()
    assert documents == SearchEntry.objects.count()
    assert f"Embeddings: {documents} texts encoded" in out
    encoded: list[int] = []
    real = encoder.embed_texts
    monkeypatch.setattr(encoder, "embed_texts", lambda texts: encoded.append(len(texts)) or real(texts))
    call_command("search_reindex")
    assert "Embeddings: 0 texts encoded" in capsys.readouterr().out and encoded == []
    call_command("search_reindex", "--embeddings")
    assert f"Embeddings: {documents} texts encoded" in capsys.readouterr().out
    assert sum(encoded) == documents
    assert Embedding.objects.count() == documents  # texts no document uses any more are dropped


def test_reindex_drops_vectors_of_documents_no_longer_public(commit, leeds):
    page = commit(make.challenge, leeds, "Potholes reported by residents")
    drain_queue()
    # Unpublished behind the queue's back (the signal's change lost): the reindex puts it right.
    type(page).objects.filter(pk=page.pk).update(live=False)
    call_command("search_reindex")
    assert f"page:{page.pk}" not in nearest("potholes")
    assert not DocumentVector.objects.filter(doc_id=f"page:{page.pk}").exists()


def test_process_queue_reports_embeddings(commit, leeds, capsys):
    commit(make.challenge, leeds, "Potholes reported by residents")
    call_command("search_process_queue")
    assert "Computed 1 embedding(s) for semantic retrieval." in capsys.readouterr().out


def test_switched_off_returns_nothing_and_search_still_works(commit, leeds, settings):
    commit(make.challenge, leeds, "Potholes reported by residents")
    drain_queue()
    settings.SEARCH_SEMANTIC = False
    assert not semantic.is_available()
    assert semantic.nearest("potholes") == [] and semantic.similar_to_text("potholes") == []
    assert semantic.related(DocumentVector.objects.first().doc_id) == []
    assert semantic.embed_query("potholes") is None
    later = commit(make.challenge, leeds, "Pothole hotline")
    assert not DocumentVector.objects.filter(doc_id=f"page:{later.pk}").exists()  # no writes while off
    commit(later.unpublish)
    assert drain_queue().embedded == 0
    assert {hit.title for hit in get_engine().similar_to_text("pothole")} >= {"Potholes reported by residents"}
    assert checks.check_embedding_model() == []  # switched off on purpose: nothing to warn about


def test_missing_model_files_return_nothing_and_the_check_warns(commit, leeds, settings, tmp_path):
    commit(make.challenge, leeds, "Potholes reported by residents")
    drain_queue()
    settings.SEARCH_EMBEDDING_MODEL = str(tmp_path / "no-model-here")
    assert not semantic.is_available()
    assert semantic.nearest("potholes") == [] and semantic.related("page:1") == []
    assert embed_pending() == 0
    # Documents are still recorded, so installing the model later only needs the drain.
    later = commit(make.challenge, leeds, "Pothole hotline")
    assert DocumentVector.objects.filter(doc_id=f"page:{later.pk}").exists()
    [warning] = checks.check_embedding_model()
    assert warning.id == "search.W001"
    assert "no-model-here has no model.safetensors or tokenizer.json" in warning.msg
    assert "Search works on words alone" in warning.msg and "SEARCH_EMBEDDING_MODEL" in warning.hint
    settings.SEARCH_EMBEDDING_MODEL = ""
    assert drain_queue().embedded == 1
    assert nearest("pothole hotline", k=1) == [f"page:{later.pk}"]


def test_another_model_directory_is_used_and_a_broken_one_is_reported(leeds, settings, tmp_path):
    packaged = encoder.PACKAGED_MODEL
    copy = tmp_path / "minilm"
    copy.mkdir()
    for name in (WEIGHTS_FILE, TOKENIZER_FILE, "config.json"):
        shutil.copy(packaged / name, copy / name)
    settings.SEARCH_EMBEDDING_MODEL = str(copy)
    assert semantic.is_available() and checks.check_embedding_model() == []
    assert encoder.encoder().directory == copy.resolve()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / WEIGHTS_FILE).write_bytes(b"not weights")
    shutil.copy(packaged / TOKENIZER_FILE, broken / TOKENIZER_FILE)
    settings.SEARCH_EMBEDDING_MODEL = str(broken)
    assert semantic.is_available()  # until someone tries to load it
    assert semantic.nearest("potholes") == []
    assert not semantic.is_available()
    [warning] = checks.check_embedding_model()
    assert "could not be loaded" in warning.msg


def test_the_packaged_model_passes_the_check(semantic_on):
    assert checks.check_embedding_model() == []


def test_status_reports_vectors_and_waiting_documents(commit, leeds, capsys):
    commit(make.challenge, leeds, "Potholes reported by residents")
    call_command("search_status")
    assert "Semantic retrieval: vectors for 0 of 1 documents; 1 waiting" in capsys.readouterr().out
    drain_queue()
    call_command("search_status")
    assert "Semantic retrieval: vectors for 1 of 1 documents; 0 waiting" in capsys.readouterr().out


def test_status_says_why_semantic_retrieval_is_not_running(db, capsys):
    call_command("search_status")  # the test settings switch it off
    assert "Semantic retrieval: not running. Semantic retrieval is switched off (SEARCH_SEMANTIC = False)." in (
        capsys.readouterr().out
    )
