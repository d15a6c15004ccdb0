"""Writing documents into the database engine's tables (entries, facet values, vocabulary)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice

from search.models import SearchEntry, SearchFacet, SearchTerm
from search.query_parser import words_of
from search.types import SearchDocument

BATCH = 1000


def facet_values(doc: SearchDocument) -> Iterator[tuple[str, str]]:
    """Every (facet, value) pair a document is counted under. Council counts owning and partner councils."""
    yield "kind", doc.kind
    for facet, values in (
        ("council", (doc.council, *doc.partner_councils)),
        ("council_type", (doc.council_type,)),
        ("region", doc.regions),
        ("service_area", (doc.service_area,)),
        ("stage", (doc.stage,)),
        ("evidence_strength", (doc.evidence_strength,)),
        ("tag", tuple(t.lower() for t in doc.tags)),
        ("year", (doc.year,)),
    ):
        for value in dict.fromkeys(values):
            if value:
                yield facet, value[:200]


def _jsonable(doc: SearchDocument) -> dict[str, object]:
    data = dataclasses.asdict(doc)
    data["published"] = doc.published.isoformat() if doc.published else None
    data["updated"] = doc.updated.isoformat() if doc.updated else None
    return data


def document_from_json(data: dict[str, object]) -> SearchDocument:
    values = dict(data)
    for name in ("partner_councils", "regions", "tags"):
        values[name] = tuple(values.get(name) or ())
    if values.get("published"):
        values["published"] = date.fromisoformat(str(values["published"]))
    if values.get("updated"):
        values["updated"] = datetime.fromisoformat(str(values["updated"]))
    return SearchDocument(**values)  # type: ignore[arg-type]


def _entry(doc: SearchDocument) -> SearchEntry:
    return SearchEntry(
        doc_id=doc.id,
        kind=doc.kind,
        title=doc.title,
        url=doc.url,
        summary=doc.summary,
        keywords=" ".join([doc.summary, *doc.tags]),
        body=doc.body,
        council=doc.council,
        regions=list(doc.regions),
        service_area=doc.service_area,
        stage=doc.stage,
        tags=list(doc.tags),
        published=doc.published,
        published_day=doc.published.toordinal() if doc.published else 0,
        updated=doc.updated,
        boost=doc.boost,
        document=_jsonable(doc),
    )


def vocabulary(doc: SearchDocument) -> set[str]:
    text = " ".join([doc.title, doc.summary, " ".join(doc.tags), doc.body])
    return {w for w in words_of(text) if 3 <= len(w) <= 40 and not w.isdigit()}


def delete(doc_ids: list[str]) -> int:
    removed = 0
    for start in range(0, len(doc_ids), BATCH):
        chunk = doc_ids[start : start + BATCH]
        pks = list(SearchEntry.objects.filter(doc_id__in=chunk).values_list("pk", flat=True))
        if pks:
            SearchFacet.objects.filter(entry_id__in=pks).delete()
            removed += SearchEntry.objects.filter(pk__in=pks).delete()[0]
    return removed


def insert(docs: Iterable[SearchDocument], replace: bool = True) -> int:
    """Insert documents in batches; with `replace`, existing entries with the same ids are replaced."""
    count = 0
    iterator = iter(docs)
    known_terms: set[str] = set()
    while batch := list(islice(iterator, BATCH)):
        batch = list({doc.id: doc for doc in batch}.values())  # the last version of a repeated id wins
        if replace:
            delete([doc.id for doc in batch])
        entries = SearchEntry.objects.bulk_create([_entry(doc) for doc in batch])
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(entry_id=entry.pk, facet=facet, value=value)
                for entry, doc in zip(entries, batch, strict=True)
                for facet, value in facet_values(doc)
            ]
        )
        words = set().union(*(vocabulary(doc) for doc in batch)) - known_terms
        known_terms |= words
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w, length=len(w)) for w in sorted(words)], ignore_conflicts=True, batch_size=BATCH
        )
        count += len(batch)
    return count
