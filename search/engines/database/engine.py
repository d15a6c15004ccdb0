"""The embedded database engine: SQLite FTS5 or PostgreSQL full-text, picked by the connection's vendor.
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

Each search runs a bounded number of statements whatever the result size: one for the page of hits
(with the total as a window count), one for all facet counts (UNION ALL of one GROUP BY per selected
facet, over the precomputed search_facet table), one for highlights of the page's hits only.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from search.engines.database import store
from search.engines.database.postgres import PostgresDialect
from search.engines.database.sqlite import MARK_END, MARK_START, SqliteDialect
from search.models import SearchEntry, SearchFacet, SearchTerm
from search.planning import best_correction, plan, significant_words
from search.query_parser import ParsedQuery, Term
from search.types import FACETS, EngineHealth, Facet, FacetValue, Hit, ResultPage, SearchDocument, SearchQuery

# Recency: at most +20% for something published today, fading over about a year.
RECENCY = "(1.0 + 0.2 / (1.0 + (%s - e.published_day) / 365.0))"
FEW_RESULTS = 3  # below this, look for a "did you mean" suggestion
HIT_COLUMNS = "e.id, e.doc_id, e.kind, e.title, e.url, e.summary, e.council, e.regions, e.service_area, e.stage, e.published"


def _dialect() -> SqliteDialect | PostgresDialect:
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SqliteDialect()
    raise NotImplementedError(f"the database search engine supports SQLite and PostgreSQL, not {connection.vendor}")


def _marked(text: str) -> str:
    """Escape text for HTML, then turn the engine's marker characters into <mark> elements."""
    escaped = html.escape(text, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _filters(query_filters: dict[str, tuple[str, ...]], skip: str | None = None) -> tuple[str, list[object]]:
    """SQL conditions on e.id for every selected facet except `skip` (values ORed, facets ANDed)."""
    sql, params = [], []
    for facet, values in query_filters.items():
        if facet == skip:
            continue
        placeholders = ", ".join(["%s"] * len(values))
        sql.append(f"e.id IN (SELECT entry_id FROM search_facet WHERE facet = %s AND value IN ({placeholders}))")
        params += [facet, *values]
    return (" AND ".join(sql) or "1 = 1"), params


def clean_filters(filters: dict[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    cleaned = {}
    for facet in FACETS:
        values = tuple(dict.fromkeys(str(v) for v in filters.get(facet, ()) if str(v)))
        if values:
            cleaned[facet] = tuple(v.lower() for v in values) if facet == "tag" else values
    return cleaned


class DatabaseEngine:
    name = "database"

    @property
    def label(self) -> str:
        return _dialect().label

    # Writing

    def index(self, docs: Iterable[SearchDocument]) -> int:
        with transaction.atomic():
            return store.insert(docs)

    def remove(self, ids: Iterable[str]) -> int:
        with transaction.atomic():
            return store.delete(list(ids))

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace the whole index in one transaction: searchers see the old index until it commits."""
        dialect = _dialect()
        with transaction.atomic(), connection.cursor() as cursor:
            dialect.before_bulk_load(cursor)
            cursor.execute("DELETE FROM search_facet")
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("DELETE FROM search_term")
            count = store.insert(docs, replace=False)
            dialect.after_bulk_load(cursor)
        return count

    # Reading

    def search(self, query: SearchQuery) -> ResultPage:
        dialect = _dialect()
        filters = clean_filters(dict(query.filters))
        query_plan = plan(query.text)
        parsed = query_plan.expanded
        page = max(1, query.page)
        page_size = max(1, min(query.page_size, 100))
        with connection.cursor() as cursor:
            corrections = self._corrections(cursor, dialect, query_plan.original) if query.text.strip() else {}
            if corrections:
                parsed = _with_corrections(parsed, corrections)
            hits, total = self._hits(cursor, dialect, parsed, filters, query.sort, page, page_size)
            facets = self._facets(cursor, dialect, parsed, filters) if query.with_facets else ()
        suggestion = None
        if corrections:
            suggestion = _corrected_text(query_plan.original, corrections)
        return ResultPage(
            hits=tuple(hits),
            total=total,
            page=page,
            page_size=page_size,
            facets=facets,
            suggestion=suggestion,
            expanded_terms=query_plan.expanded_terms + tuple(corrections.values()),
        )

    def _corrections(self, cursor, dialect, parsed: ParsedQuery) -> dict[str, str]:
        """Typo tolerance: a word that matches nothing is also searched as its closest indexed word."""
        from search.glossary import current_glossary

        glossary = current_glossary()
        corrections: dict[str, str] = {}
        for clause in parsed.clauses:
            for term in clause:
                word = term.words[0]
                if term.is_phrase or len(word) < 4 or glossary.lookup(term.words):
                    continue
                if dialect.matches_anything(cursor, term):
                    continue
                candidates = dialect.term_candidates(cursor, word)
                # The vocabulary only grows; re-check a candidate against the live index before offering it.
                while (best := best_correction(word, candidates)) is not None:
                    if dialect.matches_anything(cursor, Term((best,))):
                        corrections[word] = best
                        break
                    candidates.remove(best)
        return corrections

    def _hits(self, cursor, dialect, parsed, filters, sort, page, page_size) -> tuple[list[Hit], int]:
        match_sql, params = dialect.match(parsed)
        where, filter_params = _filters(filters)
        score = f"m.rel * e.boost * {RECENCY}"
        order = "e.published_day DESC, e.id DESC" if sort == "newest" else "score DESC, e.published_day DESC, e.id"
        cursor.execute(
            f"SELECT {HIT_COLUMNS}, {score} AS score, count(*) OVER () "  # noqa: S608 - composed from constants
            f"FROM ({match_sql}) m JOIN search_entry e ON e.id = m.id WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [date.today().toordinal(), *params, *filter_params, page_size, (page - 1) * page_size],
        )
        rows = cursor.fetchall()
        if rows:
            total = rows[0][-1]
        else:
            cursor.execute(
                f"SELECT count(*) FROM ({match_sql}) m JOIN search_entry e ON e.id = m.id WHERE {where}",  # noqa: S608
                [*params, *filter_params],
            )
            total = cursor.fetchone()[0]
        snippets = dialect.highlights(cursor, parsed, [row[0] for row in rows])
        return [_hit(row, snippets.get(row[0])) for row in rows], total

    def _facets(self, cursor, dialect, parsed, filters) -> tuple[Facet, ...]:
        """Disjunctive facet counts: each facet's counts apply every selected filter except its own."""
        match_sql, match_params = dialect.match(parsed, ranked=False)
        parts, params = [], []
        unselected = [f for f in FACETS if f not in filters]
        groups: list[tuple[list[str], str | None]] = [(unselected, None)] if unselected else []
        groups += [([facet], facet) for facet in filters]
        for names, skip in groups:
            where, where_params = _filters(filters, skip=skip)
            placeholders = ", ".join(["%s"] * len(names))
            parts.append(
                "SELECT sf.facet, sf.value, count(*) FROM m JOIN search_entry e ON e.id = m.id "  # noqa: S608
                f"JOIN search_facet sf ON sf.entry_id = m.id WHERE sf.facet IN ({placeholders}) AND {where} "
                "GROUP BY sf.facet, sf.value"
            )
            params += [*names, *where_params]
        materialized = "MATERIALIZED " if dialect.vendor in ("sqlite", "postgresql") else ""
        cursor.execute(
            f"WITH m AS {materialized}(SELECT id FROM ({match_sql}) mm) " + " UNION ALL ".join(parts),
            [*match_params, *params],
        )
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = count
        facets = []
        for facet in FACETS:
            selected = set(filters.get(facet, ()))
            values = counts[facet]
            for value in selected - values.keys():
                values[value] = 0  # a selected value stays visible (and can be unticked) even at zero
            if facet == "year":
                ordered = sorted(values.items(), key=lambda item: item[0], reverse=True)
            else:
                ordered = sorted(values.items(), key=lambda item: (-item[1], item[0].lower()))
            facets.append(Facet(facet, tuple(FacetValue(v, c, v in selected) for v, c in ordered)))
        return tuple(facets)

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        from search.query_parser import words_of

        words = words_of(prefix)
        if not words or limit < 1:
            return []
        dialect = _dialect()
        typed = " ".join(words)
        upper = typed + "\uffff"
        tags = list(
            SearchFacet.objects.filter(facet="tag", value__gte=typed, value__lt=upper)
            .values_list("value", flat=True)
            .distinct()
            .order_by("value")[:limit]
        )
        with connection.cursor() as cursor:
            titles = dialect.title_prefix(cursor, words, limit * 2)
        return list(dict.fromkeys([*tags, *titles]))[:limit]

    def related(self, doc_id: str, limit: int = 5) -> list[Hit]:
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None:
            return []
        words = significant_words(" ".join([entry.title, entry.title, entry.keywords]), limit=12)
        return self._like(words, limit, exclude=entry.pk)

    def similar_to_text(self, text: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> list[Hit]:
        return self._like(significant_words(text), limit, kinds=kinds)

    def _like(self, words: list[str], limit: int, exclude: int | None = None, kinds: tuple[str, ...] = ()) -> list[Hit]:
        """More like this: any of the words may match; best-ranked first."""
        if not words:
            return []
        dialect = _dialect()
        parsed = ParsedQuery((tuple(Term((w,)) for w in words),))
        match_sql, params = dialect.match(parsed)
        filters = {"kind": tuple(kinds)} if kinds else {}
        where, filter_params = _filters(filters)
        if exclude is not None:
            where += " AND e.id <> %s"
            filter_params.append(exclude)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {HIT_COLUMNS}, m.rel * e.boost AS score, 0 "  # noqa: S608
                f"FROM ({match_sql}) m JOIN search_entry e ON e.id = m.id WHERE {where} "
                "ORDER BY score DESC, e.id LIMIT %s",
                [*params, *filter_params, limit],
            )
            return [_hit(row, None) for row in cursor.fetchall()]

    def documents(self) -> Iterable[SearchDocument]:
        """Every indexed document (used by tools and tests to compare the index with the site)."""
        for data in SearchEntry.objects.order_by("pk").values_list("document", flat=True).iterator():
            yield store.document_from_json(data)

    def health(self) -> EngineHealth:
        try:
            dialect = _dialect()
            with connection.cursor() as cursor:
                detail = dialect.check(cursor)
            documents = SearchEntry.objects.count()
            terms = SearchTerm.objects.count()
        except Exception as error:  # noqa: BLE001 - health reports any failure rather than raising it
            return EngineHealth(engine=self.name, ok=False, documents=0, detail=str(error))
        return EngineHealth(
            engine=self.name, ok=True, documents=documents, detail=f"{dialect.label}; {detail}", extra={"terms": terms}
        )


def _hit(row: tuple, snippets: tuple[str, str] | None) -> Hit:
    pk, doc_id, kind, title, url, summary, council, regions, service_area, stage, published, score, _ = row
    highlight = ""
    if snippets:
        body, keywords = snippets
        highlight = body if MARK_START in body else keywords if MARK_START in keywords else ""
    if isinstance(regions, str):  # raw SQL on SQLite returns JSON as text
        import json

        regions = json.loads(regions)
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return Hit(
        id=doc_id,
        kind=kind,
        title=title,
        url=url,
        summary=summary,
        highlight=_marked(highlight) if highlight else html.escape(summary, quote=False),
        council=council,
        regions=tuple(regions or ()),
        service_area=service_area,
        stage=stage,
        published=published,
        score=float(score or 0.0),
    )


def _with_corrections(parsed: ParsedQuery, corrections: dict[str, str]) -> ParsedQuery:
    clauses = []
    for clause in parsed.clauses:
        extra = [Term((corrections[t.words[0]],)) for t in clause if not t.is_phrase and t.words[0] in corrections]
        clauses.append(tuple(dict.fromkeys([*clause, *extra])))
    return ParsedQuery(tuple(clauses), parsed.excluded)


def _corrected_text(parsed: ParsedQuery, corrections: dict[str, str]) -> str:
    clauses = tuple(
        tuple(Term(tuple(corrections.get(w, w) for w in t.words)) for t in clause) for clause in parsed.clauses
    )
    return ParsedQuery(clauses, parsed.excluded).to_text()
