"""Vendor-specific index structures beside the plain tables: created by migration 0002, reused by rebuild."""

from __future__ import annotations

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, keywords, body, content='search_entry', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)

# The FTS5 table mirrors search_entry through triggers, so every write path keeps it in step.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_fts(rowid, title, keywords, body) VALUES (new.id, new.title, new.keywords, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); "
    "INSERT INTO search_fts(rowid, title, keywords, body) VALUES (new.id, new.title, new.keywords, new.body); END",
)
# Trigram index of the vocabulary: typo-correction candidates (the SQLite counterpart of pg_trgm).
SQLITE_TERM_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_term_trigram USING fts5("
    "term, content='search_term', content_rowid='id', tokenize='trigram')"
)
SQLITE_TERM_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS search_term_ai AFTER INSERT ON search_term BEGIN "
    "INSERT INTO search_term_trigram(rowid, term) VALUES (new.id, new.term); END",
    "CREATE TRIGGER IF NOT EXISTS search_term_ad AFTER DELETE ON search_term BEGIN "
    "INSERT INTO search_term_trigram(search_term_trigram, rowid, term) VALUES ('delete', old.id, old.term); END",
)
SQLITE_ALL_TRIGGERS = (*SQLITE_TRIGGERS, *SQLITE_TERM_TRIGGERS)
SQLITE_DROP_TRIGGERS = tuple(
    f"DROP TRIGGER IF EXISTS {name}"
    for name in ("search_entry_ai", "search_entry_ad", "search_entry_au", "search_term_ai", "search_term_ad")
)
SQLITE_FORWARD = (SQLITE_FTS, SQLITE_TERM_FTS, *SQLITE_ALL_TRIGGERS)
SQLITE_BACKWARD = (
    *SQLITE_DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_term_trigram",
)

# Weights A/B/C: title > summary and tags > body. A stored generated column needs no application code to maintain.
POSTGRES_FORWARD = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(keywords, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')) STORED",
    "CREATE INDEX search_entry_vector ON search_entry USING GIN (search_vector)",
    "CREATE INDEX search_term_trgm ON search_term USING GIN (term gin_trgm_ops)",
)
POSTGRES_BACKWARD = (
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector",
)
