"""Keeping the index right: a durable queue (the IndexChange outbox) applied to whichever engine runs.

Signals enqueue rows inside the publishing transaction; right after commit the rows are applied.
A failure (an engine outage) leaves the row queued with its error; a background task (search/tasks.py,
retried with back-off) drains the queue later, as do the daily tasks and `search_process_queue`.
Applying decides from the page's current state, so replaying a row is always safe.

The vectors of semantic retrieval (search/semantic/) are written here too, with the same documents: a removed
document leaves vector results at once; new text is encoded by the drain (`drain_queue`), never in a request.

Rows name a page, or a document of a registered source (search/registry.py: a council's register lines).
A page change also syncs the source documents that follow that page (its council's lines: unpublishing
or restricting a council page removes them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from wagtail.models import Page

from search import semantic
from search.documents import build_document, doc_id
from search.engines import get_engine
from search.models import IndexChange
from search.registry import DocumentSource, document_sources, source_for
from search.semantic.indexing import embed_pending
from search.types import SearchDocument

logger = logging.getLogger("search")
# Sent once each time queued changes reach the engine: search results have just changed.
index_updated = Signal()
# Sent when applying changes fails (the engine is down); `outage_started` is true for the first failure while
# nothing else was failing, so one retry (search/tasks.py) is scheduled per outage, not one per publish.
index_update_failed = Signal()
BATCH = 200


@dataclass(frozen=True)
class QueueResult:
    applied: int
    failed: int
    embedded: int = 0  # document texts encoded for semantic retrieval (drain_queue only)


def enqueue(page_ids: Iterable[int], action: str = IndexChange.Action.SYNC) -> list[int]:
    """Record the pages whose index entries must change, and apply them once the transaction commits."""
    return _record([IndexChange(page_id=pk, action=action) for pk in dict.fromkeys(page_ids)])


def enqueue_documents(doc_ids: Iterable[str], action: str = IndexChange.Action.SYNC) -> list[int]:
    """Record documents of a registered source (not pages) whose index entries must change; applied after commit."""
    return _record([IndexChange(doc_id=d, action=action) for d in dict.fromkeys(doc_ids)])


def _record(changes: list[IndexChange]) -> list[int]:
    if not changes:
        return []
    pks = [change.pk for change in IndexChange.objects.bulk_create(changes)]
    transaction.on_commit(lambda: apply_changes(pks))
    return pks


def enqueue_subtree(page: Page) -> list[int]:
    """A page and everything under it: a move or a privacy change alters every descendant's URL or visibility."""
    return enqueue(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def apply_changes(change_pks: list[int] | None = None) -> QueueResult:
    """Apply queued changes (the given ones, or the oldest batch). Never raises: failures stay queued."""
    changes = IndexChange.objects.order_by("pk")
    changes = changes.filter(pk__in=change_pks) if change_pks is not None else changes[:BATCH]
    by_page: dict[int, list[IndexChange]] = {}
    by_doc: dict[str, list[IndexChange]] = {}
    for change in changes:
        if change.page_id is None:
            by_doc.setdefault(change.doc_id, []).append(change)
        else:
            by_page.setdefault(change.page_id, []).append(change)
    if not by_page and not by_doc:
        return QueueResult(0, 0)
    pages = {page.pk: page for page in Page.objects.filter(pk__in=by_page).specific()}
    to_index, to_remove, done = [], [], []
    for page_id, page_changes in by_page.items():
        page = pages.get(page_id)
        removing = page is None or page_changes[-1].action == IndexChange.Action.REMOVE
        doc = None if removing else build_document(page)
        if doc is None:
            to_remove.append(doc_id(page_id))
        else:
            to_index.append(doc)
        done += [c.pk for c in page_changes]
    for doc_changes in by_doc.values():
        done += [c.pk for c in doc_changes]
    source_index, source_remove = _source_documents(by_doc, list(by_page))
    to_index += source_index
    to_remove += source_remove
    try:
        semantic.remove_documents(to_remove)  # first: even with the engine down, a removed page leaves vector results
        engine = get_engine()
        if to_index:
            engine.index(to_index)
        if to_remove:
            engine.remove(to_remove)
        semantic.index_documents(to_index)
    except Exception as error:  # noqa: BLE001 - an unreachable engine must not lose the change or break publishing
        logger.warning("Search index update failed; %d change(s) stay queued: %s", len(done), error)
        outage_started = not IndexChange.objects.filter(attempts__gt=0).exists()
        IndexChange.objects.filter(pk__in=done).update(attempts=F("attempts") + 1, last_error=str(error)[:2000])
        index_update_failed.send(sender=apply_changes, failed=len(done), outage_started=outage_started)
        return QueueResult(0, len(done))
    IndexChange.objects.filter(pk__in=done).delete()
    index_updated.send(sender=apply_changes, applied=len(done))
    return QueueResult(len(done), 0)


def _source_documents(
    by_doc: dict[str, list[IndexChange]], page_ids: list[int]
) -> tuple[list[SearchDocument], list[str]]:
    """Source documents to (re)index and to remove: those queued by id, and those following the changed pages."""
    wanted = {d: rows[-1].action for d, rows in by_doc.items()}
    if page_ids:
        for source in document_sources():
            for d in source.doc_ids_for_pages(page_ids):
                wanted.setdefault(d, IndexChange.Action.SYNC)
    to_sync: dict[str, tuple[DocumentSource, list[str]]] = {}
    to_remove = []
    for d, action in wanted.items():
        owner = source_for(d)
        if owner is None or action == IndexChange.Action.REMOVE:
            to_remove.append(d)  # an unknown prefix (its app removed) can only be cleaned out
        else:
            to_sync.setdefault(owner.prefix, (owner, []))[1].append(d)
    to_index = []
    for source, ids in to_sync.values():
        found = source.documents(ids)
        to_index += [found[d] for d in ids if d in found]
        to_remove += [d for d in ids if d not in found]
    return to_index, to_remove


def drain_queue() -> QueueResult:
    """Apply every queued change, oldest first, stopping when a pass makes no progress (the engine is down).

    Then compute the vectors that new or changed document texts need (background work, never in a request).
    """
    applied = failed = 0
    while IndexChange.objects.exists():
        result = apply_changes()
        applied += result.applied
        if not result.applied:
            failed = IndexChange.objects.count()
            break
    try:
        embedded = embed_pending()
    except Exception as error:  # noqa: BLE001 - vectors are computed on the next run; the queue is drained
        logger.warning("Computing embeddings failed; they are retried on the next drain: %s", error)
        embedded = 0
    return QueueResult(applied, failed, embedded)
