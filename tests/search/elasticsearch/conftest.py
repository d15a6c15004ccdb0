"""Elasticsearch test harness.

Without ELASTICSEARCH_URL: one osmem-server (in-memory, OpenSearch-compatible) per test session, behind
the media-type proxy in harness.py; tests marked `needs_real_elasticsearch` are deselected.
With ELASTICSEARCH_URL (a real Elasticsearch 8/9 cluster): the same tests, no proxy, markers included.
Every test gets its own index prefix, deleted afterwards. (The outage tests put a plain-HTTP proxy in
front of a real cluster to take it "down", so use a local cluster with security off, e.g. port 9200.)
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

import pytest
from elasticsearch import Elasticsearch
from osmem_server import OsmemServer

from search.engines.elasticsearch import ClusterSettings, ElasticsearchEngine
from tests.search.test_indexing import leeds  # noqa: F401 - page fixtures shared with the database tests

from .harness import CompatProxy, osmem_behind_proxy, paused

REAL_URL = os.environ.get("ELASTICSEARCH_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REAL_URL:
        return
    keep, skip = [], []
    for item in items:
        (skip if item.get_closest_marker("needs_real_elasticsearch") else keep).append(item)
    if skip:
        config.hook.pytest_deselected(items=skip)
        items[:] = keep


@dataclass
class Cluster:
    url: str
    server: OsmemServer | None = None  # None on a real cluster
    proxy: CompatProxy | None = None


@pytest.fixture(scope="session")
def es_cluster() -> Iterator[Cluster]:
    if REAL_URL:
        yield Cluster(url=REAL_URL)
        return
    with osmem_behind_proxy() as (server, proxy):
        yield Cluster(url=proxy.url, server=server, proxy=proxy)


@pytest.fixture
def es_settings(es_cluster: Cluster) -> Iterator[ClusterSettings]:
    cluster = ClusterSettings(
        url=es_cluster.url,
        api_key=os.environ.get("ELASTICSEARCH_API_KEY", ""),
        index_prefix=f"test-{uuid.uuid4().hex[:10]}",
        timeout=float(os.environ.get("ELASTICSEARCH_TEST_TIMEOUT", "5")),
        retry_after=30.0,
    )
    yield cluster
    client = Elasticsearch(cluster.url, api_key=cluster.api_key or None, request_timeout=10)
    client.options(ignore_status=404).indices.delete(index=f"{cluster.index_prefix}-*", expand_wildcards="all")


@pytest.fixture
def es_engine(es_settings: ClusterSettings, db) -> ElasticsearchEngine:
    """An Elasticsearch engine on a fresh, empty alias (the glossary reads the database, hence `db`)."""
    return ElasticsearchEngine(es_settings)


@dataclass
class Outage:
    url: str  # what the engine under test must use
    happen: Callable[[], AbstractContextManager[None]]  # `with outage.happen(): ...` the cluster is down


@pytest.fixture
def es_outage(es_cluster: Cluster) -> Iterator[Outage]:
    """osmem-server: the server process is stopped (SIGSTOP) and resumed, keeping its data.
    A real cluster cannot be stopped from here: a proxy in front of it stops listening instead."""
    if es_cluster.server is not None:
        yield Outage(url=es_cluster.url, happen=lambda: paused(es_cluster.server))
        return
    proxy = CompatProxy(es_cluster.url)
    try:
        yield Outage(url=proxy.url, happen=proxy.down)
    finally:
        proxy.close()


@pytest.fixture
def es_site(settings, es_settings: ClusterSettings, db) -> ClusterSettings:
    """The whole site on Elasticsearch: get_engine() returns the Elasticsearch engine (with its fallback)."""
    from search.engines import reset_engine

    settings.ELASTICSEARCH_URL = es_settings.url
    settings.ELASTICSEARCH_INDEX_PREFIX = es_settings.index_prefix
    settings.ELASTICSEARCH_TIMEOUT = es_settings.timeout
    reset_engine()
    return es_settings
