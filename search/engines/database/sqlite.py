"""SQLite FTS5: query composition, highlighting and typo candidates."""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

import numpy as np

from search.batching import batched
from search.engines.database import bm25, schema
from search.engines.database.postings import Postings, postings_of
from search.query_parser import ParsedQuery, Term
from search.ranking import ranking

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters: never in real text, survive escaping
ELLIPSIS = " … "  # between and around snippet fragments
AUTOCOMPLETE_CANDIDATES = 200
LENGTHS_BATCH = 500  # entry ids a statement (SQLite allows 32,766 parameters)
RUN_GAP = 16  # written entries this close together are read in one rowid range


def _bm25() -> str:
    """bm25 with the ranking file's column weights: title, keywords (summary and tags), body."""
    weights = ranking().field_weights
    return f"bm25(search_fts, {weights.title!r}, {weights.summary_and_tags!r}, {weights.body!r})"


def _term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'  # words hold only letters and digits: nothing to escape


def _any(terms: tuple[Term, ...] | list[Term]) -> str:
    return "(" + " OR ".join(_term(t) for t in terms) + ")"


def positive_expression(parsed: ParsedQuery) -> str:
    return " AND ".join(_any(clause) for clause in parsed.clauses)


class SqliteDialect:
    vendor = "sqlite"
    label = "database (SQLite FTS5)"
    relevance_per_entry = False  # bm25 reads every entry's length and the number of entries with each word

    def match(self, parsed: ParsedQuery) -> tuple[str, list[str]]:
        """SQL selecting (id, rel) of matching entries; rel is higher for better matches."""
        if not parsed.clauses and not parsed.excluded:
            return "SELECT id, 0.0 AS rel FROM search_entry", []
        if not parsed.clauses:
            return (
                "SELECT id, 0.0 AS rel FROM search_entry WHERE id NOT IN "
                "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
                [_any(parsed.excluded)],
            )
        expression = positive_expression(parsed)
        if parsed.excluded:
            expression = f"({expression}) NOT {_any(parsed.excluded)}"
        return f"SELECT rowid AS id, -{_bm25()} AS rel FROM search_fts WHERE search_fts MATCH %s", [expression]

    def postings(self, cursor, terms: list[Term]) -> list[Postings]:
        """Per word or phrase: the entries matching it and its bm25 in each (FTS5's bm25 of ORed phrases is the sum
        of each phrase's own)."""
        found = []
        for term in terms:
            cursor.execute(f"SELECT rowid, -{_bm25()} FROM search_fts WHERE search_fts MATCH %s", [_term(term)])
            rows = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 2)
            found.append(postings_of(rows[:, 0], rows[:, 1]))
        return found

    def postings_among(self, cursor, terms: list[Term], ids: list[int]) -> list[Postings]:
        """Per word or phrase: its postings among these entries only (the entries written since a generation).

        Written entries are mostly new ones, with ids next to each other at the end: each run of them is read with a
        rowid range, which FTS5 seeks to (for `rowid IN (...)` it walks every match of the word)."""
        wanted = set(ids)
        found = []
        for term in terms:
            rows = []
            for first, last in _runs(sorted(wanted)):
                cursor.execute(
                    f"SELECT rowid, -{_bm25()} FROM search_fts "
                    "WHERE search_fts MATCH %s AND rowid >= %s AND rowid <= %s",
                    [_term(term), first, last],
                )
                rows += [row for row in cursor.fetchall() if row[0] in wanted]
            found.append(postings_of([r[0] for r in rows], [r[1] for r in rows]))
        return found

    def lengths(self, cursor, held: bm25.Lengths | None, touched: set[int] | None) -> bm25.Lengths:
        """Every entry's length in tokens, from FTS5's own record of them: the held ones patched for the entries
        written since, or all read."""
        if held is None or touched is None:
            cursor.execute("SELECT id, sz FROM search_fts_docsize")
            return bm25.lengths_of(cursor.fetchall())
        ids = sorted(touched)
        rows: list[tuple[int, bytes]] = []
        for batch in batched(ids, LENGTHS_BATCH):
            cursor.execute(
                f"SELECT id, sz FROM search_fts_docsize WHERE id IN ({', '.join(['%s'] * len(batch))})", batch
            )
            rows += cursor.fetchall()
        return held.patched(rows, ids)

    def matches_anything(self, cursor, term: Term) -> bool:
        cursor.execute("SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1", [_term(term)])
        return cursor.fetchone() is not None

    def term_candidates(self, cursor, word: str, limit: int = 40) -> list[str]:
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return []
        cursor.execute(
            "SELECT term FROM search_term_trigram WHERE search_term_trigram MATCH %s ORDER BY rank LIMIT %s",
            [" OR ".join(f'"{g}"' for g in sorted(grams)), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def highlights(self, cursor, parsed: ParsedQuery, ids: list[int]) -> dict[int, tuple[str, str]]:
        """Entry id -> (body snippet, summary snippet), matched words between the marker characters."""
        if not parsed.clauses or not ids:
            return {}
        expression = positive_expression(parsed)
        found = {}
        # One entry per statement: FTS5 seeks a single rowid in each word's doclist, where `rowid IN (...)` walks
        # every match of the expression (about 15 ms for a common word at 100,000 entries). The keywords column is
        # the summary followed by the tags (store.py): its snippet is cut back to the summary, so a snippet never
        # ends in a list of tags (PostgreSQL's highlights read the summary column).
        for entry in ids:
            cursor.execute(
                f"SELECT snippet(search_fts, 2, %s, %s, '{ELLIPSIS}', 30), "
                f"snippet(search_fts, 1, %s, %s, '{ELLIPSIS}', 30), e.summary, e.keywords "
                "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
                "WHERE search_fts MATCH %s AND search_fts.rowid = %s",
                [MARK_START, MARK_END, MARK_START, MARK_END, expression, entry],
            )
            if (row := cursor.fetchone()) is not None:
                found[entry] = (row[0] or "", summary_part(row[1] or "", row[2] or "", row[3] or ""))
        return found

    def title_prefix(self, cursor, words: tuple[str, ...], limit: int, kinds: tuple[str, ...]) -> list[str]:
        *whole, last = words
        expression = " AND ".join([*(f'"{w}"' for w in whole), f'"{last}" *'])
        kind_placeholders = ", ".join(["%s"] * len(kinds))
        # A bounded candidate set (no ranking of every match): shortest titles are the closest completions.
        # search_title_fts holds the title words as typed (schema.SQLITE_TITLE_FTS), not their stems.
        cursor.execute(
            "SELECT title FROM (SELECT e.title FROM search_title_fts f JOIN search_entry e ON e.id = f.rowid "
            f"WHERE search_title_fts MATCH %s AND e.kind IN ({kind_placeholders}) LIMIT %s) "
            "ORDER BY length(title), title LIMIT %s",
            [expression, *kinds, AUTOCOMPLETE_CANDIDATES, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def before_bulk_load(self, cursor) -> None:
        # Row-by-row triggers would make a full rebuild slow; the FTS tables are rebuilt in one pass instead.
        for sql in schema.SQLITE_DROP_TRIGGERS:
            cursor.execute(sql)
        for table in schema.SQLITE_FTS_TABLES:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")

    def restart_ids(self, cursor) -> None:
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'search_entry'")

    def after_bulk_load(self, cursor) -> None:
        for table in schema.SQLITE_FTS_TABLES:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        for sql in schema.SQLITE_ALL_TRIGGERS:
            cursor.execute(sql)

    def after_rebuild(self, cursor) -> None:
        pass  # SQLite reuses the freed pages; the FTS5 index was rebuilt whole in after_bulk_load

    def check(self, cursor) -> str:
        cursor.execute("SELECT count(*) FROM search_fts")
        return f"FTS5 rows: {cursor.fetchone()[0]}"


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted ids as (first, last) ranges, ids within RUN_GAP of each other in one range."""
    runs: list[tuple[int, int]] = []
    for i in ids:
        if runs and i - runs[-1][1] <= RUN_GAP:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def summary_part(snippet: str, summary: str, keywords: str) -> str:
    """The part of a snippet of `keywords` (the summary, a space, then the tags) that lies in the summary.

    Empty when no matched word is left in it, so the caller falls back to the plain summary.
    """
    lead = ELLIPSIS if snippet.startswith(ELLIPSIS) else ""
    marked = snippet[len(lead) :]
    trail = ELLIPSIS if marked.endswith(ELLIPSIS) else ""
    marked = marked[: len(marked) - len(trail)]
    plain = marked.replace(MARK_START, "").replace(MARK_END, "")
    start = keywords.find(plain) if lead else 0
    room = len(summary) - max(start, 0)
    if start < 0 or room <= 0:
        return ""
    if room < len(plain):  # the window runs on into the tags: stop at the summary's end
        kept, seen = [], 0
        for char in marked:
            if char not in (MARK_START, MARK_END):
                if seen == room:
                    break
                seen += 1
            kept.append(char)
        marked = "".join(kept).rstrip()
        if marked.count(MARK_START) > marked.count(MARK_END):
            marked += MARK_END
        trail = ""
    return lead + marked + trail if MARK_START in marked else ""
