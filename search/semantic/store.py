"""The vectors in the database: which documents have one, the embedding cache, and the generation and change log.

Every write that changes what vector results can show (a document added, changed or removed, an embedding
computed, a rebuild) changes the generation in the same transaction and logs the documents it touched, so each
process can bring its in-memory copy up to date by re-reading only those (search/semantic/vectors.py).
"""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection

from search import bulk
from search.batching import batched
from search.generations import new_generation
from search.models import DocumentVector, Embedding

# The change log keeps the documents touched by the last CHANGE_LOG_KEEP writes; a process further behind reloads.
CHANGE_LOG_KEEP = 1000
# A write touching more documents than this (a rebuild) is not logged: every process reloads instead.
CHANGE_LOG_MAX_IDS = 5000
BATCH = 500
NEW_ROW_COLUMNS = ("doc_id", "text_hash", "text", "facets")


@dataclass(frozen=True)
class Entry:
    """What is stored for one document: the text its vector is made from, its hash and its facet values."""

    doc_id: str
    text: str
    text_hash: str
    facets: dict[str, list[str]]


def current_generation(cursor) -> int:
    cursor.execute("SELECT generation FROM search_vector_state WHERE id = 1")
    row = cursor.fetchone()
    return row[0] if row else 0


def bump(cursor, doc_ids: Sequence[str] | None) -> int:
    """Change the generation (inside the write's transaction) and log the documents touched; None: reload all.

    The new value comes from `new_generation()` (see there why it is random).
    """
    previous = current_generation(cursor)
    new = new_generation()
    cursor.execute("UPDATE search_vector_state SET generation = %s WHERE id = 1", [new])
    if cursor.rowcount == 0:
        cursor.execute("INSERT INTO search_vector_state (id, generation) VALUES (1, %s)", [new])
    if doc_ids is not None and len(doc_ids) <= CHANGE_LOG_MAX_IDS:
        cursor.execute(
            "INSERT INTO search_vector_change (previous, generation, doc_ids) VALUES (%s, %s, %s)",
            [previous, new, json.dumps(sorted(set(doc_ids)))],
        )
        cursor.execute(
            "DELETE FROM search_vector_change WHERE id <= (SELECT max(id) FROM search_vector_change) - %s",
            [CHANGE_LOG_KEEP],
        )
    return new


def touched_since(cursor, generation: int, target: int, limit: int) -> set[str] | None:
    """Documents written between two generations, following the log; None when the chain is broken or too long."""
    touched: set[str] = set()
    for _ in range(limit):
        if generation == target:
            return touched
        cursor.execute("SELECT generation, doc_ids FROM search_vector_change WHERE previous = %s", [generation])
        row = cursor.fetchone()
        if row is None:
            return None
        generation = row[0]
        touched.update(json.loads(row[1]))
    return touched if generation == target else None


# Reading vectors


# Rows read at a time when loading every vector: PostgreSQL's client fetches a whole result at once, so loading
# 100,000 vectors in one statement held about 300 MB more in the process, and kept it.
READ_PAGE = 5000


def read_vectors(cursor, model: str, doc_ids: Sequence[str] | None = None) -> Iterator[tuple[str, dict, np.ndarray]]:
    """(doc id, facets, vector) of the documents that have a vector under `model`: all, or those named."""
    sql = (
        "SELECT d.id, d.doc_id, d.facets, e.vector FROM search_document_vector d "
        "JOIN search_embedding e ON e.text_hash = d.text_hash AND e.model = %s"
    )
    if doc_ids is None:  # every vector, a page at a time in id order
        after = 0
        while True:
            cursor.execute(f"{sql} WHERE d.id > %s ORDER BY d.id LIMIT {READ_PAGE}", [model, after])
            rows = cursor.fetchall()
            yield from _decoded(rows)
            if len(rows) < READ_PAGE:
                return
            after = rows[-1][0]
    for chunk in batched(doc_ids, BATCH):
        cursor.execute(f"{sql} WHERE d.doc_id IN ({', '.join(['%s'] * len(chunk))})", [model, *chunk])
        yield from _decoded(cursor.fetchall())


def _decoded(rows: list[tuple]) -> Iterator[tuple[str, dict, np.ndarray]]:
    for _, doc_id, facets, vector in rows:
        yield doc_id, _json(facets), np.frombuffer(bytes(vector), dtype="<f4")


def count_vectors(cursor, model: str) -> int:
    cursor.execute(
        "SELECT count(*) FROM search_document_vector d "
        "JOIN search_embedding e ON e.text_hash = d.text_hash AND e.model = %s",
        [model],
    )
    return cursor.fetchone()[0]


def _json(value: Any) -> dict:
    # PostgreSQL's jsonb comes back decoded through the ORM only; a raw cursor gives text on both vendors here.
    return json.loads(value) if isinstance(value, str | bytes) else dict(value)


# Writing documents


def _json_value(value: dict, as_copy: bool) -> Any:
    """COPY reads JSON as text; a parameter needs the vendor's JSON adapter."""
    return json.dumps(value) if as_copy else connection.ops.adapt_json_value(value, None)


def upsert(entries: Sequence[Entry]) -> list[str]:
    """Store these documents' texts and facets; returns the ids whose row was added or changed.

    Existing rows are read with one plain query a batch (not as model instances): a reindex of unchanged
    documents then costs a read and a comparison each.
    """
    changed: list[str] = []
    as_copy = bulk.uses_copy()
    with connection.cursor() as cursor:
        for entries_batch in batched(entries, BATCH):
            batch = list({e.doc_id: e for e in entries_batch}.values())
            cursor.execute(
                "SELECT doc_id, id, text_hash, facets FROM search_document_vector "
                f"WHERE doc_id IN ({', '.join(['%s'] * len(batch))})",
                [e.doc_id for e in batch],
            )
            existing = {doc_id: (pk, old_hash, facets) for doc_id, pk, old_hash, facets in cursor.fetchall()}
            new, updated = [], []
            for entry in batch:
                row = existing.get(entry.doc_id)
                if row is not None and row[1] == entry.text_hash and _json(row[2]) == entry.facets:
                    continue
                if row is None:
                    new.append((entry.doc_id, entry.text_hash, entry.text, _json_value(entry.facets, as_copy)))
                else:
                    updated.append((entry.text_hash, entry.text, _json_value(entry.facets, False), row[0]))
                changed.append(entry.doc_id)
            bulk.write(cursor, "search_document_vector", NEW_ROW_COLUMNS, bulk.prepared(new, as_copy))
            if updated:
                cursor.executemany(
                    "UPDATE search_document_vector SET text_hash = %s, text = %s, facets = %s WHERE id = %s", updated
                )
    return changed


def delete(doc_ids: Sequence[str]) -> list[str]:
    """Delete these documents' rows; returns the ids that had one."""
    removed: list[str] = []
    for chunk in batched(doc_ids, BATCH):
        found = list(DocumentVector.objects.filter(doc_id__in=chunk).values_list("doc_id", flat=True))
        if found:
            DocumentVector.objects.filter(doc_id__in=found).delete()
            removed += found
    return removed


def all_doc_ids() -> set[str]:
    return set(DocumentVector.objects.values_list("doc_id", flat=True))


# The embedding cache


def hashes_to_embed(model: str, everything: bool = False) -> list[str]:
    """Text hashes of indexed documents with no vector under `model` (all of them with `everything`)."""
    if everything:
        return sorted(set(DocumentVector.objects.values_list("text_hash", flat=True)))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT d.text_hash FROM search_document_vector d LEFT JOIN search_embedding e "
            "ON e.text_hash = d.text_hash AND e.model = %s WHERE e.id IS NULL ORDER BY d.text_hash",
            [model],
        )
        return [row[0] for row in cursor.fetchall()]


def texts_for(hashes: Sequence[str]) -> dict[str, str]:
    return dict(DocumentVector.objects.filter(text_hash__in=hashes).values_list("text_hash", "text"))


def save_embeddings(model: str, vectors: dict[str, np.ndarray]) -> list[str]:
    """Store (or replace) vectors by text hash; returns the documents whose vector this gives or changes."""
    hashes = list(vectors)
    Embedding.objects.filter(model=model, text_hash__in=hashes).delete()
    Embedding.objects.bulk_create(
        [Embedding(model=model, text_hash=h, vector=np.asarray(v, dtype="<f4").tobytes()) for h, v in vectors.items()],
        ignore_conflicts=True,  # another process computing the same text at the same time stored the same vector
    )
    return list(DocumentVector.objects.filter(text_hash__in=hashes).values_list("doc_id", flat=True))


def prune_cache(model: str) -> int:
    """Forget vectors no indexed document uses any more, and every other model's (run after a rebuild)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM search_embedding WHERE model <> %s OR NOT EXISTS "
            "(SELECT 1 FROM search_document_vector d WHERE d.text_hash = search_embedding.text_hash)",
            [model],
        )
        return cursor.rowcount


def counts(model: str | None) -> tuple[int, int]:
    """(documents with a vector under `model`, documents waiting for one)."""
    documents = DocumentVector.objects.count()
    if model is None:
        return 0, documents
    with connection.cursor() as cursor:
        with_vector = count_vectors(cursor, model)
    return with_vector, documents - with_vector
