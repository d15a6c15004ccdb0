"""Graceful degradation: Elasticsearch answers; if it cannot, the database engine does, marked degraded.

Reads (search, autocomplete, related, similar) never fail because Elasticsearch is unreachable or
slow: the error is logged and the database engine answers, with ResultPage.degraded=True so the page
can say results may be less complete. After a failure, reads skip Elasticsearch for `retry_after`
seconds, so an outage costs one short timeout, not one per request.
Writes go to both engines (the fallback must stay current). A write Elasticsearch could not take
raises, so the durable index queue keeps the change and applies it when the cluster is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from elastic_transport import TransportError
from elasticsearch import ApiError

from search.types import EngineHealth, Hit, ResultPage, SearchDocument, SearchEngine, SearchQuery

from .engine import ElasticsearchEngine

logger = logging.getLogger("search")

# What "Elasticsearch could not answer" means: connection refused, timeout, any HTTP error status.
UNAVAILABLE: tuple[type[Exception], ...] = (TransportError, ApiError)

T = TypeVar("T")


class ElasticsearchUnavailable(RuntimeError):
    """Elasticsearch is known to be down; the change stays queued and is retried later."""


class FallbackEngine:
    name = "elasticsearch"

    def __init__(
        self,
        primary: ElasticsearchEngine,
        fallback: SearchEngine,
        retry_after: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.retry_after = retry_after
        self._clock = clock
        self._down_until = 0.0

    # -- reads --------------------------------------------------------------------------------
    def _read(self, what: str, primary: Callable[[], T], fallback: Callable[[], T]) -> tuple[T, bool]:
        """(answer, degraded)."""
        if self._clock() >= self._down_until:
            try:
                return primary(), False
            except UNAVAILABLE as error:
                self._down_until = self._clock() + self.retry_after
                logger.warning("search: Elasticsearch %s failed (%s); answering from the database engine", what, error)
        return fallback(), True

    def search(self, query: SearchQuery) -> ResultPage:
        page, degraded = self._read("search", lambda: self.primary.search(query), lambda: self.fallback.search(query))
        return replace(page, degraded=True) if degraded else page

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        return self._read(
            "autocomplete",
            lambda: self.primary.autocomplete(prefix, limit),
            lambda: self.fallback.autocomplete(prefix, limit),
        )[0]

    def related(self, doc_id: str, limit: int = 5) -> list[Hit]:
        return self._read(
            "related", lambda: self.primary.related(doc_id, limit), lambda: self.fallback.related(doc_id, limit)
        )[0]

    def similar_to_text(self, text: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> list[Hit]:
        return self._read(
            "similar",
            lambda: self.primary.similar_to_text(text, limit, kinds),
            lambda: self.fallback.similar_to_text(text, limit, kinds),
        )[0]

    # -- writes -------------------------------------------------------------------------------
    def _write(self, what: str, primary: Callable[[], int]) -> int:
        try:
            return primary()
        except UNAVAILABLE as error:
            self._down_until = self._clock() + self.retry_after
            logger.warning("search: Elasticsearch %s failed (%s); the change stays queued", what, error)
            raise ElasticsearchUnavailable(f"Elasticsearch {what} failed: {error}") from error

    def index(self, docs: Iterable[SearchDocument]) -> int:
        docs = list(docs)
        self.fallback.index(docs)
        return self._write("index", lambda: self.primary.index(docs))

    def remove(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        self.fallback.remove(ids)
        return self._write("remove", lambda: self.primary.remove(ids))

    def rebuild(self, docs: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        docs = list(docs)
        self.fallback.rebuild(docs)
        return self._write("rebuild", lambda: self.primary.rebuild(docs, progress=progress))

    def health(self) -> EngineHealth:
        try:
            health = self.primary.health()
        except UNAVAILABLE as error:
            fallback = self.fallback.health()
            return EngineHealth(
                engine=self.name,
                ok=False,
                documents=0,
                detail=f"Elasticsearch unreachable ({error}); searches answered by the {fallback.engine} engine",
                extra={"fallback_engine": fallback.engine, "fallback_documents": fallback.documents},
            )
        fallback = self.fallback.health()
        extra = {**health.extra, "fallback_engine": fallback.engine, "fallback_documents": fallback.documents}
        return replace(health, extra=extra)
