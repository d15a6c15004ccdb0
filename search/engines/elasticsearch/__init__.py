"""The Elasticsearch engine, selected by get_engine() when settings.ELASTICSEARCH_URL is set.

Imported lazily (only then), so sites on the database engine never load the client.
"""

from __future__ import annotations

from search.types import SearchEngine

from .client import ClusterSettings
from .engine import ElasticsearchEngine
from .fallback import ElasticsearchUnavailable, FallbackEngine

__all__ = ["ClusterSettings", "ElasticsearchEngine", "ElasticsearchUnavailable", "FallbackEngine", "build_engine"]


def build_engine(fallback: SearchEngine) -> FallbackEngine:
    """Elasticsearch from settings, answering from `fallback` (the database engine) when it cannot."""
    cluster = ClusterSettings.from_settings()
    return FallbackEngine(ElasticsearchEngine(cluster), fallback, retry_after=cluster.retry_after)
