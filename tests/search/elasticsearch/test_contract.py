"""The engine contract on Elasticsearch (osmem-server behind the proxy, or a real cluster via ELASTICSEARCH_URL)."""

from __future__ import annotations

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.contract import EngineContract


class TestElasticsearchEngine(EngineContract):
    @pytest.fixture
    def engine(self, es_engine: ElasticsearchEngine) -> ElasticsearchEngine:
        return es_engine
