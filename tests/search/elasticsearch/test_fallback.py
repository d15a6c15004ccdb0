"""Graceful degradation: when Elasticsearch cannot answer, the database engine does, and nobody sees a 500."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest

from search.engines import get_engine
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import (
    ClusterSettings,
    ElasticsearchEngine,
    ElasticsearchUnavailable,
    FallbackEngine,
)
from search.types import SearchQuery
from tests.search.contract import CORPUS


@pytest.fixture
def refused_url() -> str:
    """A port nobody listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A server that accepts connections and never answers: requests time out."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def database(db) -> DatabaseEngine:
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    return engine


def down(url: str, database: DatabaseEngine, clock: Clock | None = None) -> FallbackEngine:
    primary = ElasticsearchEngine(ClusterSettings(url=url, index_prefix="unreachable", timeout=0.3))
    return FallbackEngine(primary, database, retry_after=30.0, clock=clock or Clock())


def test_unreachable_cluster_search_answers_from_the_database_engine_and_logs_it(refused_url, database, caplog):
    engine = down(refused_url, database)
    with caplog.at_level(logging.WARNING, logger="search"):
        result = engine.search(SearchQuery(text="mattresses"))
    assert result.degraded
    assert [hit.id for hit in result.hits] == ["page:2"]  # the database engine's answer
    assert "answering from the database engine" in caplog.text
    assert engine.autocomplete("gard") == database.autocomplete("gard") != []
    assert [h.id for h in engine.related("page:1")] == [h.id for h in database.related("page:1")]
    assert [h.id for h in engine.similar_to_text("sensors in bins")] == [
        h.id for h in database.similar_to_text("sensors in bins")
    ]


def test_a_silent_cluster_times_out_quickly(silent_url, database):
    engine = down(silent_url, database)
    started = time.monotonic()
    result = engine.search(SearchQuery(text="mattresses"))
    assert result.degraded and result.total == 1
    assert time.monotonic() - started < 5  # the 0.3 s timeout, not the client's default of 10 s per try


def test_after_a_failure_searches_skip_the_cluster_until_the_retry_time(refused_url, database, es_engine):
    es_engine.rebuild(CORPUS)
    clock = Clock()
    engine = down(refused_url, database, clock)
    assert engine.search(SearchQuery(text="mattresses")).degraded
    engine.primary = es_engine  # the cluster is back...
    clock.now += 29
    assert engine.search(SearchQuery(text="mattresses")).degraded  # ...but not tried again yet
    clock.now += 2
    result = engine.search(SearchQuery(text="mattresses"))
    assert not result.degraded and [h.id for h in result.hits] == ["page:2"]


def test_a_healthy_cluster_answers_and_is_not_degraded(es_engine, db):
    es_engine.rebuild(CORPUS)
    engine = FallbackEngine(es_engine, DatabaseEngine())  # the database engine is empty: a wrong answer shows
    result = engine.search(SearchQuery(text="mattresses"))
    assert not result.degraded and [h.id for h in result.hits] == ["page:2"]


def test_writes_reach_the_database_engine_and_fail_loudly_for_the_queue(refused_url, db):
    database = DatabaseEngine()
    engine = down(refused_url, database)
    with pytest.raises(ElasticsearchUnavailable):
        engine.index(CORPUS[:2])
    assert database.search(SearchQuery()).total == 2  # the fallback stays current
    with pytest.raises(ElasticsearchUnavailable):
        engine.remove(["page:1"])
    assert [h.id for h in database.search(SearchQuery()).hits] == ["page:2"]


def test_health_reports_the_outage(refused_url, database):
    health = down(refused_url, database).health()
    assert not health.ok
    assert "unreachable" in health.detail
    assert health.extra["fallback_documents"] == len(CORPUS)


def test_health_reports_index_version_and_counts(es_engine, database):
    es_engine.rebuild(CORPUS[:3])
    health = FallbackEngine(es_engine, database).health()
    assert health.ok and health.documents == 3
    assert health.extra["index"].startswith(f"{es_engine.alias}-v")
    assert health.extra["mapping_version"] >= 1
    assert health.extra["fallback_documents"] == len(CORPUS)


@pytest.fixture
def elasticsearch_down(settings, refused_url):
    settings.ELASTICSEARCH_URL = refused_url
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    return refused_url


def test_get_engine_selects_elasticsearch_with_the_database_fallback(settings, es_settings, db):
    settings.ELASTICSEARCH_URL = es_settings.url
    settings.ELASTICSEARCH_INDEX_PREFIX = es_settings.index_prefix
    settings.ELASTICSEARCH_TIMEOUT = 1.5
    engine = get_engine()
    assert isinstance(engine, FallbackEngine)
    assert isinstance(engine.fallback, DatabaseEngine)
    assert engine.primary.alias == f"{es_settings.index_prefix}-pages"
    assert engine.primary.cluster.timeout == 1.5


def test_search_page_and_api_answer_with_a_notice_not_a_500(client, elasticsearch_down, database):
    page = client.get("/search/", {"q": "mattresses"})
    assert page.status_code == 200
    assert "Results may be less complete than usual" in page.content.decode()
    assert "Tackling fly-tipping on housing estates" in page.content.decode()
    api = client.get("/api/v1/search/", {"q": "mattresses"})
    assert api.status_code == 200
    assert api.json()["degraded"] is True
    assert api.json()["total"] == 1
    assert client.get("/search/autocomplete/", {"q": "gard"}).status_code == 200
