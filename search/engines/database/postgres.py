"""PostgreSQL full-text search: tsquery composition, ts_headline and pg_trgm typo candidates."""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

import numpy as np
from django.db import transaction

from search.engines.database import highlighting
from search.engines.database.postings import Postings, postings_of
from search.engines.database.sqlite import AUTOCOMPLETE_CANDIDATES
from search.query_parser import ParsedQuery, Term
from search.ranking import ranking

MARK_START, MARK_END = "\ue000", "\ue001"
ENTRY_STATISTICS = "id, doc_id, kind, service_area, published_day"


def _weights() -> str:
    """ts_rank weights in {D, C, B, A} order: body (C), summary and tags (B), title (A), from the ranking file."""
    weights = ranking().field_weights
    relative = [weights.body / weights.title, weights.summary_and_tags / weights.title, 1.0]
    return "'{0.0, " + ", ".join(repr(float(w)) for w in relative) + "}'"


# int4send and float4send write big-endian.
_ID_AND_RANK = np.dtype([("id", ">i4"), ("rank", ">f4")])


def _any(terms: tuple[Term, ...] | list[Term], params: list[str]) -> str:
    params.extend(t.text for t in terms)
    return "(" + " || ".join(["phraseto_tsquery('english', %s)"] * len(terms)) + ")"


def positive_tsquery(parsed: ParsedQuery, params: list[str]) -> str:
    return " && ".join(_any(clause, params) for clause in parsed.clauses)


def _matching(parsed: ParsedQuery, params: list[str]) -> tuple[str, str]:
    """(FROM ... WHERE ... selecting the matching search_vector rows, their relevance expression)."""
    if not parsed.clauses:
        return f"FROM search_vector WHERE NOT (vector @@ {_any(parsed.excluded, params)})", "0.0::float8"
    tsquery = positive_tsquery(parsed, params)
    if parsed.excluded:
        tsquery = f"({tsquery}) && !!{_any(parsed.excluded, params)}"
    return (
        f"FROM search_vector, (SELECT {tsquery} AS query) q WHERE vector @@ q.query",
        f"ts_rank({_weights()}, vector, q.query, 1)",
    )


# The typo check asks only whether a word matches anything. GIN has no plain index scan: LIMIT 1 still builds the
# bitmap of every entry with the word ("collection", about 30,000 entries at 100,000: 4 to 9 ms). With
# gin_fuzzy_search_limit the index keeps a random sample of about this many entries per word instead (about 1 ms).
# For one word matching N > limit live entries, all are dropped with probability (1 - limit / N) ** N < e ** -limit.
EXISTENCE_SAMPLE = 1000


def _through_the_index(cursor, sql: str, params: list[object], sample: int = 0) -> list[tuple]:
    """Rows of a full-text query on search_vector, read through the GIN index.

    The planner costs a bitmap heap scan at random_page_cost and prefers a sequential scan once a word matches
    a few thousand entries (or, with LIMIT 1, when it expects an early match), although search_vector is
    cached: at 100,000 entries "waste" took 83 ms that way against 17 ms through the index, and a misspelt
    word 36 ms against under 1 ms. enable_seqscan is off for this statement only (set_config(..., true)
    lasts until the end of the transaction, and the previous values are put back straight after).
    `sample`: gin_fuzzy_search_limit for an existence check only (never for a match: it would drop results).
    """
    with transaction.atomic(savepoint=False):
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('gin_fuzzy_search_limit'), "
            "set_config('enable_seqscan', 'off', true), set_config('gin_fuzzy_search_limit', %s, true)",
            [str(sample)],
        )
        seqscan, fuzzy = cursor.fetchone()[:2]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, true), set_config('gin_fuzzy_search_limit', %s, true)",
            [seqscan, fuzzy],
        )
    return rows


class PostgresDialect:
    vendor = "postgresql"
    label = "database (PostgreSQL full-text)"
    relevance_per_entry = True  # ts_rank reads the entry's own vector only

    def match(self, parsed: ParsedQuery) -> tuple[str, list[str]]:
        params: list[str] = []
        if not parsed.clauses and not parsed.excluded:
            return "SELECT id, 0.0::float8 AS rel FROM search_entry", params
        source, rel = _matching(parsed, params)
        return f"SELECT entry_id AS id, {rel} AS rel {source}", params

    def postings(self, cursor, terms: list[Term]) -> list[Postings]:
        """Per word or phrase: the entries matching it and its ts_rank in each, all in one statement.

        Each match crosses as 8 bytes (int4send of the id, float4send of ts_rank) in one bytea per term.
        """
        if not terms:
            return []
        params: list[object] = []
        parts = []
        for term in terms:
            params.append(term.text)
            parts.append(
                "(SELECT string_agg(int4send(entry_id::int4) || float4send(ts_rank("
                f"{_weights()}, vector, q.query, 1)), ''::bytea ORDER BY entry_id) FROM search_vector, "
                "(SELECT phraseto_tsquery('english', %s) AS query) q WHERE vector @@ q.query)"
            )
        row = _through_the_index(cursor, f"SELECT {', '.join(parts)}", params)[0]
        found = []
        for packed in row:
            pairs = np.frombuffer(bytes(packed or b""), dtype=_ID_AND_RANK)
            found.append(postings_of(pairs["id"], pairs["rank"]))
        return found

    def postings_among(self, cursor, terms: list[Term], ids: list[int]) -> list[Postings]:
        """Per word or phrase: its postings among these entries only (the entries written since a generation).

        ts_rank as float8: the float4's exact value, as `postings` reads it (float4send), so patched and freshly read
        relevance are equal.
        """
        cursor.execute(
            f"SELECT t.i, v.entry_id, ts_rank({_weights()}, v.vector, phraseto_tsquery('english', t.text), 1)::float8 "
            "FROM search_vector v, unnest(%s::text[]) WITH ORDINALITY AS t(text, i) "
            "WHERE v.entry_id = ANY(%s) AND v.vector @@ phraseto_tsquery('english', t.text) ORDER BY t.i, v.entry_id",
            [[term.text for term in terms], ids],
        )
        by_term: dict[int, list[tuple[int, float]]] = {}
        for i, entry, rank in cursor.fetchall():
            by_term.setdefault(i - 1, []).append((entry, rank))
        found = []
        for i in range(len(terms)):
            rows = by_term.get(i, [])
            found.append(postings_of([e for e, _ in rows], [r for _, r in rows]))
        return found

    def matches_anything(self, cursor, term: Term) -> bool:
        # Without the index, a word that matches nothing would be looked for in every entry.
        sql = "SELECT 1 FROM search_vector WHERE vector @@ phraseto_tsquery('english', %s) LIMIT 1"
        # A sample only for one plain word (one lexeme): for a phrase, or a word with an apostrophe that splits into
        # two lexemes, samples of each lexeme might miss every adjacent pair.
        sample = EXISTENCE_SAMPLE if len(term.words) == 1 and term.words[0].isalnum() else 0
        return bool(_through_the_index(cursor, sql, [term.text], sample))

    def term_candidates(self, cursor, word: str, limit: int = 40) -> list[str]:
        cursor.execute(
            "SELECT term FROM search_term WHERE term %% %s ORDER BY similarity(term, %s) DESC, term LIMIT %s",
            [word, word, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def highlights(self, cursor, parsed: ParsedQuery, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Entry id -> (body snippet, summary snippet), matched words between the marker characters.

        The database stems the distinct words of the page's texts and of the query; the fragments are picked in
        Python (highlighting.py): ts_headline took about 20 ms per long body.
        """
        if not parsed.clauses or not ids:
            return {}
        cursor.execute("SELECT id, body, summary FROM search_entry WHERE id = ANY(%s)", [ids])
        texts = {row[0]: (row[1] or "", row[2] or "") for row in cursor.fetchall()}
        terms = [term.text for clause in parsed.clauses for term in clause]
        words = sorted(highlighting.words_of_texts(text for pair in texts.values() for text in pair) | set(terms))
        cursor.execute("SELECT w, tsvector_to_array(to_tsvector('english', w)) FROM unnest(%s::text[]) AS w", [words])
        stems = {word: frozenset(lexemes) for word, lexemes in cursor.fetchall()}
        pattern = highlighting.pattern_of(stems, frozenset().union(*(stems[term] for term in terms)))
        marks = (MARK_START, MARK_END)
        return {
            entry: (highlighting.highlighted(body, pattern, marks), highlighting.highlighted(summary, pattern, marks))
            for entry, (body, summary) in texts.items()
        }

    def title_prefix(self, cursor, words: tuple[str, ...], limit: int, kinds: tuple[str, ...]) -> list[str]:
        *whole, last = words
        # Words hold only letters and digits, so they are safe inside to_tsquery's syntax.
        expression = " & ".join([*whole, f"{last}:*"])
        # A bounded candidate set (no ranking of every match): shortest titles are the closest completions.
        # The expression is search_entry_title_words' own (schema.POSTGRES_TITLE_WHOLE_WORDS), so that index answers
        # it; 'simple' keeps words as typed: "parki" completes "parking", and "parking" is not "parks".
        sql = (
            "SELECT title FROM (SELECT title FROM search_entry "
            "WHERE to_tsvector('simple'::regconfig, title) @@ to_tsquery('simple', %s) AND kind = ANY(%s) "
            "LIMIT %s) c ORDER BY length(title), title LIMIT %s"
        )
        rows = _through_the_index(cursor, sql, [expression, list(kinds), AUTOCOMPLETE_CANDIDATES, limit])
        return [row[0] for row in rows]

    def before_bulk_load(self, cursor) -> None:
        # Row-by-row vector triggers would make a full rebuild slow: search_vector is refilled in one statement.
        # set_config(..., true) lasts until the transaction ends; after_bulk_load turns it off again.
        cursor.execute("SELECT set_config('search.bulk_load', 'on', true)")
        # Bodies (4 KB on average) and vectors are compressed as they are stored: lz4 compresses about 5 times
        # faster than the default pglz, which took a third of the time the entries' COPY waited on the server.
        # Not every PostgreSQL build has lz4; without it the default stays.
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        cursor.execute("DELETE FROM search_vector")

    def restart_ids(self, cursor) -> None:
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_entry', 'id'), 1, false)")

    def after_bulk_load(self, cursor) -> None:
        # The vectors are computed by CREATE TABLE AS, which PostgreSQL runs with parallel workers (INSERT ... SELECT
        # never is): at 100,000 entries 12 s on two cores against 25 s for INSERT ... SELECT search_vector_of(...).
        # Copying them into search_vector, GIN index and all, then takes about 3 s.
        cursor.execute(
            "CREATE TEMPORARY TABLE search_vector_load ON COMMIT DROP AS SELECT id, service_area, "
            "search_vector_of(title, keywords, body) AS vector, boost, published_day FROM search_entry"
        )
        # Stored grouped by service area: a query's matches are mostly about one subject, so they then share heap
        # pages ("waste" at 100,000 entries: 16 ms against 9.5 ms to match and rank). Entries written later go at
        # the end until the next rebuild.
        cursor.execute("SELECT set_config('work_mem', '256MB', true)")  # sort in memory (vectors: ~100 MB at 100,000)
        cursor.execute(
            "INSERT INTO search_vector (entry_id, vector, boost, published_day) "
            "SELECT id, vector, boost, published_day FROM search_vector_load ORDER BY service_area, id"
        )
        cursor.execute("DROP TABLE search_vector_load")
        cursor.execute("SELECT set_config('search.bulk_load', 'off', true)")
        # The columns searches select search_entry rows by: a whole-table ANALYZE also samples every body and
        # document (detoasting 30,000 of each), a sixth of what loading 100,000 entries took after the vectors.
        cursor.execute(f"ANALYZE search_entry ({ENTRY_STATISTICS})")
        cursor.execute("ANALYZE search_vector")

    def after_rebuild(self, cursor) -> None:
        """Reclaim the old index's rows in search_vector, committed dead by the rebuild, straight away.

        Until VACUUM removes them, the GIN index still lists every old row and each match reads its dead tuple: at
        100,000 entries, after a few rebuilds autovacuum had not caught up (400,000 dead rows, search_vector 489 MB
        against 88 MB) and the benchmark's p50 went from about 35 ms to 72-113 ms. search_entry and search_facet
        are only read by primary key or in full when a process loads its bitmaps: autovacuum is soon enough there
        (vacuuming them too made this step 7.7 s at 100,000 entries, against 1.6 s).
        """
        cursor.execute("VACUUM search_vector")  # its statistics were gathered by after_bulk_load

    def check(self, cursor) -> str:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'")
        row = cursor.fetchone()
        if row is None:
            raise RuntimeError("the pg_trgm extension is not installed")
        return f"pg_trgm {row[0]}"
