"""Writing documents into the database engine's tables (entries, facet values, vocabulary)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations

from search import bulk
from search.batching import batched
from search.facets import facet_values
from search.models import SearchEntry, SearchFacet
from search.types import SearchDocument

BATCH = 1000
_FIELDS = tuple(f.name for f in dataclasses.fields(SearchDocument))


def _jsonable(doc: SearchDocument) -> dict[str, object]:
    # Not dataclasses.asdict (it deep-copies, slowly); the body is left out: it has its own column.
    data = {name: getattr(doc, name) for name in _FIELDS if name != "body"}
    for name in ("partner_councils", "regions", "tags"):
        data[name] = list(data[name])
    data["facets"] = {name: list(values) for name, values in doc.facets.items()}
    data["published"] = doc.published.isoformat() if doc.published else None
    data["updated"] = doc.updated.isoformat() if doc.updated else None
    return data


def document_from_json(data: dict[str, object], body: str = "") -> SearchDocument:
    # Entries stored before a field existed lack its key: it takes the dataclass default (or an empty tuple).
    # A key that is no longer a field held a facet's value before facets had their own mapping.
    values: dict[str, Any] = {name: value for name, value in data.items() if name in _FIELDS}
    facets: dict[str, Any] = {name: value for name, value in data.items() if name not in _FIELDS}
    facets.update(values.get("facets") or {})
    values["body"] = body
    values["facets"] = {name: (v,) if isinstance(v, str) else tuple(v or ()) for name, v in facets.items() if v}
    for name in ("partner_councils", "regions", "tags", "suppliers", "products"):
        values[name] = tuple(values.get(name) or ())
    if values.get("published"):
        values["published"] = date.fromisoformat(str(values["published"]))
    if values.get("updated"):
        values["updated"] = datetime.fromisoformat(str(values["updated"]))
    return SearchDocument(**values)  # type: ignore[arg-type]


ENTRY_COLUMNS = (
    "doc_id", "kind", "title", "url", "summary", "keywords", "body", "council", "regions", "service_area", "stage",
    "tags", "published", "published_day", "updated", "boost", "document",
)  # fmt: skip
_VOCABULARY = re.compile(r"[^\W\d_]{3,40}")


def _entry_row(doc: SearchDocument, ops: BaseDatabaseOperations) -> tuple[object, ...]:
    return (
        doc.id,
        doc.kind,
        doc.title,
        doc.url,
        doc.summary,
        " ".join([doc.summary, *doc.tags]),
        doc.body,
        doc.council,
        json.dumps(list(doc.regions)),
        doc.service_area,
        doc.stage,
        json.dumps(list(doc.tags)),
        ops.adapt_datefield_value(doc.published),
        doc.published.toordinal() if doc.published else 0,
        ops.adapt_datetimefield_value(doc.updated),
        doc.boost,
        json.dumps(_jsonable(doc)),
    )


def vocabulary(docs: Iterable[SearchDocument]) -> set[str]:
    """The words of these documents (typo-correction candidates).

    Split on whitespace first, then the regular expression runs once per distinct token rather than over every
    character (a word never spans whitespace, so the result is the same): 4 times faster on a batch of documents.
    """
    tokens: set[str] = set()
    for doc in docs:
        tokens.update(" ".join([doc.title, doc.summary, " ".join(doc.tags), doc.body]).lower().split())
    return {word for token in tokens for word in _VOCABULARY.findall(token)}


def delete(doc_ids: list[str]) -> list[int]:
    """Delete entries by document id; returns the entry ids removed."""
    removed: list[int] = []
    for chunk in batched(doc_ids, BATCH):
        pks = list(SearchEntry.objects.filter(doc_id__in=chunk).values_list("pk", flat=True))
        if pks:
            SearchFacet.objects.filter(entry_id__in=pks).delete()
            SearchEntry.objects.filter(pk__in=pks).delete()
            removed += pks
    return removed


@dataclass(frozen=True)
class _Prepared:
    """One batch made ready for writing, without the database: the entries' rows (COPY text on PostgreSQL), each
    facet value with its document's id, and the batch's words."""

    doc_ids: list[str]
    entries: bulk.Rows
    facets: list[tuple[str, str, str]]
    words: set[str]


def _prepare(batch: list[SearchDocument], ops: BaseDatabaseOperations, as_copy: bool) -> _Prepared:
    batch = list({doc.id: doc for doc in batch}.values())  # the last version of a repeated id wins
    rows = [_entry_row(doc, ops) for doc in batch]
    return _Prepared(
        doc_ids=[doc.id for doc in batch],
        entries=bulk.prepared(rows, as_copy),
        facets=[(doc.id, facet, value) for doc in batch for facet, value in facet_values(doc)],
        words=vocabulary(batch),
    )


def _prepared(
    batches: Iterator[list[SearchDocument]], ops: BaseDatabaseOperations, as_copy: bool
) -> Iterator[_Prepared]:
    """The batches made ready for writing. For COPY (PostgreSQL) each is prepared on a second thread while the one
    before is written: the server writes in its own process, so the two overlap (a rebuild of 100,000 went from
    1,650 to 1,900 documents/s). SQLite writes in this process, holding the GIL while it binds rows, so there a
    thread only adds switching (3% slower): it prepares in line. The documents are always read on this thread, as
    they may come from its database connection.
    """
    first = list(islice(batches, 2))
    if not as_copy or len(first) < 2:  # one batch (a page published, say) has nothing to overlap with
        yield from (_prepare(batch, ops, as_copy) for batch in (*first, *batches))
        return
    batches = chain(first, batches)
    with ThreadPoolExecutor(max_workers=1) as preparer:
        upcoming = deque(preparer.submit(_prepare, batch, ops, as_copy) for batch in islice(batches, 2))
        while upcoming:
            prepared = upcoming.popleft().result()
            upcoming += [preparer.submit(_prepare, batch, ops, as_copy) for batch in islice(batches, 1)]
            yield prepared


def insert(docs: Iterable[SearchDocument], replace: bool = True) -> tuple[list[int], list[int]]:
    """Insert documents in batches; with `replace`, existing entries with the same ids are replaced.

    Returns (entry ids removed, entry ids added).

    Plain executemany or COPY rather than the ORM: a full reindex must reach thousands of documents a second.
    """
    removed: list[int] = []
    added: list[int] = []
    known_terms: set[str] = set()
    term_sql = "INSERT INTO search_term (term, length) VALUES (%s, %s) ON CONFLICT (term) DO NOTHING"
    as_copy = bulk.uses_copy()
    with connection.cursor() as cursor:
        for prepared in _prepared(batched(docs, BATCH), connection.ops, as_copy):
            if replace:
                removed += delete(prepared.doc_ids)
            bulk.write(cursor, "search_entry", ENTRY_COLUMNS, prepared.entries)
            id_placeholders = ", ".join(["%s"] * len(prepared.doc_ids))
            cursor.execute(
                f"SELECT doc_id, id FROM search_entry WHERE doc_id IN ({id_placeholders})",  # noqa: S608
                prepared.doc_ids,
            )
            pks = dict(cursor.fetchall())
            added += pks.values()
            facet_rows: list[tuple[object, ...]] = [(pks[doc_id], f, value) for doc_id, f, value in prepared.facets]
            bulk.write(cursor, "search_facet", ("entry_id", "facet", "value"), bulk.prepared(facet_rows, as_copy))
            words = prepared.words - known_terms
            known_terms |= words
            if words:
                cursor.executemany(term_sql, [(w, len(w)) for w in sorted(words)])
    return removed, added
