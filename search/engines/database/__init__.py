"""The embedded database search engine (SQLite FTS5 / PostgreSQL full-text)."""

from search.engines.database.engine import DatabaseEngine

__all__ = ["DatabaseEngine"]
