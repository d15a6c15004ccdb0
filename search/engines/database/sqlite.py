"""SQLite FTS5: query composition, highlighting and typo candidates."""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

import heapq

from search.engines.database import bitmaps, schema
from search.query_parser import ParsedQuery, Term
from search.ranking import ranking

MARK_START, MARK_END = "\ue000", "\ue001"  # private-use characters: never in real text, survive escaping
ELLIPSIS = " … "  # between and around snippet fragments
AUTOCOMPLETE_CANDIDATES = 200
_BIT_BYTES = bytes.maketrans(b"01", b"\x00\x01")


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
    ranks_in_database = False  # DatabaseEngine ranks the (id, bm25) rows of `matches` in Python

    def match(self, parsed: ParsedQuery, ranked: bool = True, among: int | None = None) -> tuple[str, list[object]]:
        """SQL selecting (id, rel) of matching entries; rel is higher for better matches.

        `among`: a bitmap of entry ids; only those are scored (rel NULL for the others). bm25 is most of a broad
        query's cost (24 ms of 30 for 8,000 matches at 100,000 entries), and the selected filters may drop most.
        """
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
        if not ranked:
            return "SELECT rowid AS id, 0.0 AS rel FROM search_fts WHERE search_fts MATCH %s", [expression]
        if among is None:
            return f"SELECT rowid AS id, -{_bm25()} AS rel FROM search_fts WHERE search_fts MATCH %s", [expression]
        # One byte per entry id (1: kept): substr of a blob is a constant-time lookup in SQLite's own code.
        kept = bin(among)[:1:-1].encode().translate(_BIT_BYTES)
        return (
            f"SELECT rowid AS id, CASE WHEN substr(%s, rowid + 1, 1) = x'01' THEN -{_bm25()} END AS rel "
            "FROM search_fts WHERE search_fts MATCH %s",
            [kept, expression],
        )

    def clause_masks(self, cursor, groups: list[tuple[Term, ...]]) -> list[int]:
        """Per group of alternatives: a bitmap of the entries matching any of them (doclists only, no scoring)."""
        masks = []
        for group in groups:
            cursor.execute("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s", [_any(group)])
            listed = cursor.fetchone()[0]
            masks.append(bitmaps.mask_of_listed(listed or ""))
        return masks

    def best_among(
        self, cursor, parsed: ParsedQuery, among: int, wanted: int, index, today: int, needs_synonym: int, bonus: float
    ) -> list[tuple[int, float]]:
        """The best `wanted` (entry id, score) of the entries in `among`: bm25 x boost x recency x typed bonus.

        FTS5 cannot use `rowid IN (...)` to narrow a MATCH (asking for listed rows took 10 to 17 ms at 100,000
        entries against about 5 ms for all matches), so every match is read and only those in `among` are scored.
        """
        sql, params = self.match(parsed, True, among)
        cursor.execute(sql, params)
        factor = index.rank_factors(today).get
        needs = bitmaps.flags_of(needs_synonym)
        scored = []
        for i, rel in cursor.fetchall():
            if rel is not None:
                score = rel * factor(i, 1.0)
                scored.append((score if bitmaps.has(needs, i) else score * bonus, -i))
        return [(-negated, score) for score, negated in heapq.nlargest(wanted, scored)]

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
        placeholders = ", ".join(["%s"] * len(ids))
        # The keywords column is the summary followed by the tags (store.py): its snippet is cut back to the
        # summary, so a snippet never ends in a list of tags (PostgreSQL's headline reads the summary column).
        cursor.execute(
            f"SELECT search_fts.rowid, snippet(search_fts, 2, %s, %s, '{ELLIPSIS}', 30), "
            f"snippet(search_fts, 1, %s, %s, '{ELLIPSIS}', 30), e.summary, e.keywords "
            "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND search_fts.rowid IN ({placeholders})",
            [MARK_START, MARK_END, MARK_START, MARK_END, positive_expression(parsed), *ids],
        )
        return {
            row[0]: (row[1] or "", summary_part(row[2] or "", row[3] or "", row[4] or "")) for row in cursor.fetchall()
        }

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
