"""Vendor-specific index structures beside the plain tables: created by migration 0002, reused by rebuild."""
# ruff: noqa: S608 - DDL composed from constants in this module; nothing here is user input

from __future__ import annotations

from collections.abc import Callable, Mapping


def run_by_vendor(statements_by_vendor: Mapping[str, tuple[str, ...]]) -> Callable[..., None]:
    """A migration's RunPython function: execute the statements for the connection's vendor (none for others)."""

    def run(apps, schema_editor) -> None:
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


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
# Autocomplete completes the words as typed (migration 0008). search_fts holds stems ("parking" is "park"), so the
# prefix "parki" matched no title and "parking" matched "Parks". Titles also get an index of whole words.
SQLITE_TITLE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_title_fts USING fts5("
    "title, content='search_entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)
SQLITE_TITLE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS search_entry_title_ai AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_title_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_title_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_title_fts(search_title_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_title_au AFTER UPDATE OF title ON search_entry BEGIN "
    "INSERT INTO search_title_fts(search_title_fts, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO search_title_fts(rowid, title) VALUES (new.id, new.title); END",
)
# The FTS5 tables a rebuild empties and refills in one pass each, and every trigger it drops and restores.
SQLITE_FTS_TABLES = ("search_fts", "search_term_trigram", "search_title_fts")
SQLITE_ALL_TRIGGERS = (*SQLITE_TRIGGERS, *SQLITE_TERM_TRIGGERS, *SQLITE_TITLE_TRIGGERS)
_SQLITE_TITLE_TRIGGER_NAMES = ("search_entry_title_ai", "search_entry_title_ad", "search_entry_title_au")
SQLITE_DROP_TRIGGERS = tuple(
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "search_entry_ai",
        "search_entry_ad",
        "search_entry_au",
        "search_term_ai",
        "search_term_ad",
        *_SQLITE_TITLE_TRIGGER_NAMES,
    )
)
# Migration 0002 (the title index came later, with 0008).
SQLITE_FORWARD = (SQLITE_FTS, SQLITE_TERM_FTS, *SQLITE_TRIGGERS, *SQLITE_TERM_TRIGGERS)
SQLITE_BACKWARD = (
    *SQLITE_DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_term_trigram",
)
SQLITE_TITLE_FORWARD = (
    SQLITE_TITLE_FTS,
    *SQLITE_TITLE_TRIGGERS,
    "INSERT INTO search_title_fts(search_title_fts) VALUES ('rebuild')",
)
SQLITE_TITLE_BACKWARD = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TITLE_TRIGGER_NAMES),
    "DROP TABLE IF EXISTS search_title_fts",
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

# Migration 0006 moves the tsvector out of search_entry into a narrow table (entry id, vector). In search_entry
# the vector was TOASTed beside body and document, so ranking read three extra pages per match and the planner
# chose a sequential scan for broad queries (about 24,000 pages at 100,000 entries); the narrow table keeps each
# vector inline, about nine to a page. Triggers keep it in step with every write to search_entry, as on SQLite;
# a rebuild sets `search.bulk_load` and fills it in one statement instead (see PostgresDialect.after_bulk_load).
POSTGRES_VECTOR_OF = (
    "CREATE OR REPLACE FUNCTION search_vector_of(title text, keywords text, body text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT "
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(keywords, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C') $$"
)


def _vector_sync(columns: str, values: str, watched: str) -> tuple[str, ...]:
    """The row trigger keeping search_vector's `columns` in step with search_entry (skipped during a bulk load)."""
    return (
        "CREATE OR REPLACE FUNCTION search_vector_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF current_setting('search.bulk_load', true) = 'on' THEN RETURN NULL; END IF; "
        "IF TG_OP = 'DELETE' THEN DELETE FROM search_vector WHERE entry_id = OLD.id; "
        f"ELSE INSERT INTO search_vector ({columns}) VALUES ({values}) "
        "ON CONFLICT (entry_id) DO UPDATE SET "
        + ", ".join(f"{c} = EXCLUDED.{c}" for c in columns.split(", ")[1:])
        + "; END IF; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS search_vector_sync ON search_entry",
        f"CREATE TRIGGER search_vector_sync AFTER INSERT OR DELETE OR UPDATE OF {watched} "
        "ON search_entry FOR EACH ROW EXECUTE FUNCTION search_vector_sync()",
    )


# The trigger as migration 0006 created it (the vector only); migration 0007 also copies boost and publication day.
_VECTOR_ONLY_SYNC = _vector_sync(
    "entry_id, vector", "NEW.id, search_vector_of(NEW.title, NEW.keywords, NEW.body)", "title, keywords, body"
)
POSTGRES_VECTOR_TABLE = (
    POSTGRES_VECTOR_OF,
    "CREATE TABLE search_vector (entry_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    *_VECTOR_ONLY_SYNC,
    # TRUNCATE (Django's test flush) fires no row triggers.
    "CREATE OR REPLACE FUNCTION search_vector_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM search_vector; RETURN NULL; END $$",
    "CREATE TRIGGER search_vector_truncate AFTER TRUNCATE ON search_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_vector_truncate()",
    "INSERT INTO search_vector (entry_id, vector) SELECT id, search_vector FROM search_entry",
    "CREATE INDEX search_vector_gin ON search_vector USING GIN (vector)",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS search_vector",
    "ANALYZE search_vector",
)
POSTGRES_VECTOR_TABLE_BACKWARD = (
    "DROP TRIGGER IF EXISTS search_vector_truncate ON search_entry",
    "DROP TRIGGER IF EXISTS search_vector_sync ON search_entry",
    "DROP FUNCTION IF EXISTS search_vector_truncate()",
    "DROP FUNCTION IF EXISTS search_vector_sync()",
    "DROP TABLE IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_vector_of(text, text, text)",
    *POSTGRES_FORWARD[1:3],
)


# Migration 0007 copies each entry's boost and publication day into search_vector, so that PostgreSQL ranks and
# orders the matches itself (relevance x boost x recency, or newest first) and returns only the best page of them,
# beside one packed list of every matching id for the facet counts (see PostgresDialect.ranked_matches). Returning
# (id, relevance) rows for every match and ranking them in Python cost 10 to 25 ms per broad query at 100,000 entries.
POSTGRES_RANKING_COLUMNS = (
    "ALTER TABLE search_vector ADD COLUMN boost double precision NOT NULL DEFAULT 1.0, "
    "ADD COLUMN published_day integer NOT NULL DEFAULT 0",
    "UPDATE search_vector v SET boost = e.boost, published_day = e.published_day FROM search_entry e "
    "WHERE e.id = v.entry_id",
    *_vector_sync(
        "entry_id, vector, boost, published_day",
        "NEW.id, search_vector_of(NEW.title, NEW.keywords, NEW.body), NEW.boost, NEW.published_day",
        "title, keywords, body, boost, published_day",
    ),
)
# Autocomplete matches title words by prefix. Through search_vector's index, "rec" first gathers every entry with a
# word starting "rec" anywhere (recycling is in thousands of bodies), then reads vectors to keep title matches:
# 35 to 48 ms at 100,000 entries. An index of title words alone answers in a few milliseconds.
POSTGRES_TITLE_WORDS = (
    "CREATE INDEX search_entry_title_words ON search_entry USING GIN (to_tsvector('english'::regconfig, title))",
)
POSTGRES_TITLE_WORDS_BACKWARD = ("DROP INDEX IF EXISTS search_entry_title_words",)
# Migration 0008: the title words as typed ('simple': no stemming), as on SQLite (see SQLITE_TITLE_FTS).
POSTGRES_TITLE_WHOLE_WORDS = (
    *POSTGRES_TITLE_WORDS_BACKWARD,
    "CREATE INDEX search_entry_title_words ON search_entry USING GIN (to_tsvector('simple'::regconfig, title))",
)
POSTGRES_TITLE_WHOLE_WORDS_BACKWARD = (*POSTGRES_TITLE_WORDS_BACKWARD, *POSTGRES_TITLE_WORDS)
POSTGRES_RANKING_COLUMNS_BACKWARD = (
    *_VECTOR_ONLY_SYNC,
    "ALTER TABLE search_vector DROP COLUMN boost, DROP COLUMN published_day",
)

# The change log (migration 0006): one row per engine write, from the generation it replaced to the one it set,
# with the entry ids it touched. Another process follows the chain from its cached generation and patches those
# entries instead of reloading every bitmap (about 8 seconds at 100,000 entries). A rebuild writes no row, so
# the chain breaks and every process reloads. Old rows are pruned by the writer.
_CHANGE_COLUMNS = "previous bigint NOT NULL, generation bigint NOT NULL, entry_ids text NOT NULL"
CHANGE_LOG_FORWARD = {
    "sqlite": (f"CREATE TABLE search_change (id integer PRIMARY KEY AUTOINCREMENT, {_CHANGE_COLUMNS})",),
    "postgresql": (f"CREATE TABLE search_change (id bigserial PRIMARY KEY, {_CHANGE_COLUMNS})",),
}
CHANGE_LOG_INDEX = "CREATE INDEX search_change_previous ON search_change (previous)"
CHANGE_LOG_BACKWARD = ("DROP TABLE IF EXISTS search_change",)
