"""get_engine(): the one place the search engine is chosen. Views never branch on which engine runs."""

from __future__ import annotations

import functools

from django.conf import settings

from search.types import SearchEngine


@functools.cache
def get_engine() -> SearchEngine:
    """The database engine by default; Elasticsearch when settings.ELASTICSEARCH_URL is set."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.engines.database import DatabaseEngine
        from search.engines.elasticsearch import build_engine  # imported lazily: optional dependency

        # Elasticsearch answers; the database engine stands in (degraded) when the cluster cannot.
        return build_engine(fallback=DatabaseEngine())
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


def reset_engine() -> None:
    """Forget the cached engine (tests and settings changes)."""
    get_engine.cache_clear()
