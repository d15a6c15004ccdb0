"""Keeping vectors in step with the engines: called where the engines are written (search/indexing.py and the
search_reindex command), with the same live, public SearchDocuments.

Writing a document stores its text, text hash and facet values at once; its vector is reused from the cache when
that exact text was embedded before, and otherwise computed later by `embed_pending()`, which the index queue
drain (`search_process_queue`) and `search_reindex` run: encoding never happens inside a page request. A removed
document leaves vector results at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TypedDict

from django.db import connection, transaction

from search.batching import batched
from search.semantic import encoder, store
from search.semantic.text import document_text, facets_of, text_hash
from search.types import SearchDocument

logger = logging.getLogger("search")
# Texts encoded, then stored, together: one transaction each, so a long first import keeps what it has done.
EMBED_BATCH = 64


def _entry(doc: SearchDocument) -> store.Entry:
    text = document_text(doc)
    return store.Entry(doc.id, text, text_hash(text), facets_of(doc))


def index_documents(docs: Iterable[SearchDocument]) -> int:
    """Store these live, public documents (added or changed); returns how many changed. Never encodes."""
    if not encoder.switched_on():
        return 0
    entries = [_entry(doc) for doc in docs]
    if not entries:
        return 0
    with transaction.atomic():
        changed = store.upsert(entries)
        if changed:
            with connection.cursor() as cursor:
                store.bump(cursor, changed)
    return len(changed)


def remove_documents(doc_ids: Iterable[str]) -> int:
    """Remove documents from vector results (always, even when switched off: a stale vector must never show)."""
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        return 0
    with transaction.atomic():
        removed = store.delete(ids)
        if removed:
            with connection.cursor() as cursor:
                store.bump(cursor, removed)
    return len(removed)


def rebuild_documents(docs: Iterable[SearchDocument]) -> Iterator[SearchDocument]:
    """Pass every document of a full reindex through, storing each; when the stream ends, drop the others.

    The reindex hands the engine `rebuild_documents(all documents)`, so both read one stream of pages:

        count = engine.rebuild(semantic.rebuild_documents(documents))

    Unchanged documents cost no write. Vectors are not computed here: run `embed_pending()` afterwards.
    """
    if not encoder.switched_on():
        yield from docs
        return
    seen: set[str] = set()
    for batch in batched(docs, store.BATCH):
        index_documents(batch)
        seen.update(doc.id for doc in batch)
        yield from batch
    remove_documents(sorted(store.all_doc_ids() - seen))


def embed_pending(recompute: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Compute the vectors indexed documents lack (every one with `recompute`); returns how many texts were encoded.

    Background work: the queue drain and search_reindex call it. Each batch is stored in its own transaction
    and shows in vector results at once. Returns 0 when semantic retrieval cannot run.
    """
    model = encoder.current_model_key()
    if model is None:
        return 0
    hashes = store.hashes_to_embed(model, everything=recompute)
    done = read = 0
    for batch in batched(hashes, EMBED_BATCH):
        read += len(batch)
        texts = store.texts_for(batch)  # a document removed meanwhile drops out
        if texts:
            encoded = encoder.embed_texts(list(texts.values()))
            if encoded is None:
                break
            with transaction.atomic():
                doc_ids = store.save_embeddings(model, dict(zip(texts, encoded, strict=True)))
                with connection.cursor() as cursor:
                    store.bump(cursor, doc_ids)
            done += len(texts)
        if progress is not None:
            progress(read, len(hashes))
    if recompute or hashes:
        logger.info("Computed %d embeddings", done)
    return done


def prune_cache() -> int:
    """After a rebuild: forget vectors no document uses any more (and other models')."""
    model = encoder.current_model_key()
    return 0 if model is None else store.prune_cache(model)


class Status(TypedDict):
    available: bool
    problem: str
    vectors: int
    waiting: int


def status() -> Status:
    """For search_status: whether semantic retrieval runs (or why not), vectors and documents waiting for one."""
    model = encoder.current_model_key()
    with_vector, waiting = store.counts(model)
    return {"available": model is not None, "problem": encoder.problem(), "vectors": with_vector, "waiting": waiting}
