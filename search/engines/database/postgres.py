"""PostgreSQL full-text search: tsquery composition, ts_headline and pg_trgm typo candidates."""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

from search.engines.database.sqlite import AUTOCOMPLETE_CANDIDATES
from search.query_parser import ParsedQuery, Term

MARK_START, MARK_END = "\ue000", "\ue001"
# ts_rank weights in {D, C, B, A} order: body (C) < summary and tags (B) < title (A).
WEIGHTS = "'{0.0, 0.2, 0.4, 1.0}'"
HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=' … '"
)


def _any(terms: tuple[Term, ...] | list[Term], params: list[object]) -> str:
    params.extend(t.text for t in terms)
    return "(" + " || ".join(["phraseto_tsquery('english', %s)"] * len(terms)) + ")"


def positive_tsquery(parsed: ParsedQuery, params: list[object]) -> str:
    return " && ".join(_any(clause, params) for clause in parsed.clauses)


class PostgresDialect:
    vendor = "postgresql"
    label = "database (PostgreSQL full-text)"

    def match(self, parsed: ParsedQuery, ranked: bool = True) -> tuple[str, list[object]]:
        params: list[object] = []
        if not parsed.clauses and not parsed.excluded:
            return "SELECT id, 0.0::float8 AS rel FROM search_entry", params
        if not parsed.clauses:
            excluded = _any(parsed.excluded, params)
            return f"SELECT id, 0.0::float8 AS rel FROM search_entry WHERE NOT (search_vector @@ {excluded})", params
        tsquery = positive_tsquery(parsed, params)
        if parsed.excluded:
            tsquery = f"({tsquery}) && !!{_any(parsed.excluded, params)}"
        rel = f"ts_rank({WEIGHTS}, search_vector, q.query, 1)" if ranked else "0.0::float8"
        return (
            f"SELECT id, {rel} AS rel FROM search_entry, (SELECT {tsquery} AS query) q WHERE search_vector @@ q.query",
            params,
        )

    def matches_anything(self, cursor, term: Term) -> bool:
        cursor.execute(
            "SELECT 1 FROM search_entry WHERE search_vector @@ phraseto_tsquery('english', %s) LIMIT 1", [term.text]
        )
        return cursor.fetchone() is not None

    def term_candidates(self, cursor, word: str, limit: int = 40) -> list[str]:
        cursor.execute(
            "SELECT term FROM search_term WHERE term %% %s ORDER BY similarity(term, %s) DESC, term LIMIT %s",
            [word, word, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def highlights(self, cursor, parsed: ParsedQuery, ids: list[int]) -> dict[int, tuple[str, str]]:
        if not parsed.clauses or not ids:
            return {}
        params: list[object] = []
        tsquery = positive_tsquery(parsed, params)
        cursor.execute(
            f"SELECT e.id, ts_headline('english', e.body, q.query, %s), "
            f"ts_headline('english', e.keywords, q.query, %s) "
            f"FROM search_entry e, (SELECT {tsquery} AS query) q WHERE e.id = ANY(%s)",
            [HEADLINE, HEADLINE, *params, ids],
        )
        return {row[0]: (row[1] or "", row[2] or "") for row in cursor.fetchall()}

    def title_prefix(self, cursor, words: tuple[str, ...], limit: int) -> list[str]:
        *whole, last = words
        # Words hold only letters and digits, so they are safe inside to_tsquery's syntax.
        expression = " & ".join([*(f"{w}:A" for w in whole), f"{last}:*A"])
        # A bounded candidate set (no ranking of every match): shortest titles are the closest completions.
        cursor.execute(
            "SELECT title FROM (SELECT title FROM search_entry WHERE search_vector @@ to_tsquery('english', %s) "
            "LIMIT %s) candidates ORDER BY length(title), title LIMIT %s",
            [expression, AUTOCOMPLETE_CANDIDATES, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def before_bulk_load(self, cursor) -> None:
        """Nothing to suspend: the tsvector is a generated column and the GIN index updates in the transaction."""

    def restart_ids(self, cursor) -> None:
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_entry', 'id'), 1, false)")

    def after_bulk_load(self, cursor) -> None:
        cursor.execute("ANALYZE search_entry")

    def check(self, cursor) -> str:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'")
        row = cursor.fetchone()
        if row is None:
            raise RuntimeError("the pg_trgm extension is not installed")
        return f"pg_trgm {row[0]}"
