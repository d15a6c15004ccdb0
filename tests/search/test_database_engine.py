"""The engine contract on the database engine (SQLite FTS5 or PostgreSQL full-text, by DATABASE_URL)."""

from __future__ import annotations

import pytest

from search.engines.database import DatabaseEngine
from tests.search.contract import EngineContract


class TestDatabaseEngine(EngineContract):
    @pytest.fixture
    def engine(self, db) -> DatabaseEngine:
        return DatabaseEngine()
