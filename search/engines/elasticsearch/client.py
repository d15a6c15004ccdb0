"""Connection settings and the Elasticsearch client, read from Django settings in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from elasticsearch import Elasticsearch


@dataclass(frozen=True)
class ClusterSettings:
    url: str
    api_key: str = ""
    index_prefix: str = "sandbox"
    # Searches give up quickly (then the database engine answers); bulk loads may take longer.
    timeout: float = 2.0
    bulk_timeout: float = 60.0
    # After a failure, searches go straight to the database engine for this long before trying again.
    retry_after: float = 30.0

    @property
    def alias(self) -> str:
        return f"{self.index_prefix}-pages"

    @classmethod
    def from_settings(cls) -> ClusterSettings:
        return cls(
            url=settings.ELASTICSEARCH_URL,
            api_key=getattr(settings, "ELASTICSEARCH_API_KEY", ""),
            index_prefix=getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "sandbox"),
            timeout=float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0)),
            bulk_timeout=float(getattr(settings, "ELASTICSEARCH_BULK_TIMEOUT", 60.0)),
            retry_after=float(getattr(settings, "ELASTICSEARCH_RETRY_AFTER", 30.0)),
        )


def make_client(cluster: ClusterSettings) -> Elasticsearch:
    """One client per engine; no retries on the search path, so an outage costs one short timeout."""
    return Elasticsearch(
        cluster.url,
        api_key=cluster.api_key or None,
        request_timeout=cluster.timeout,
        max_retries=0,
        retry_on_timeout=False,
    )
