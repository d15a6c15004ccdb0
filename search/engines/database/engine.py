"""The embedded database engine: SQLite FTS5 or PostgreSQL full-text, picked by the connection's vendor.

A search costs a bounded number of statements whatever the result size: one full-text match
returning (entry id, relevance) for the matching entries, one to fetch the page of hits, one for
their highlights. Filters, totals and disjunctive facet counts come from in-process bitmaps of the
precomputed search_facet table (see bitmaps.py), so they never re-scan the index per facet.
"""
# ruff: noqa: S608 - SQL is composed from constants and placeholders; every value is a bound parameter

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from search import semantic
from search.engines.database import bitmaps, postings, store
from search.engines.database.graded import Grading, exact_counts, needing_synonyms
from search.engines.database.postgres import PostgresDialect
from search.engines.database.sqlite import MARK_END, MARK_START, SqliteDialect
from search.facets import FACETS
from search.fusion import fuse, near_enough
from search.glossary import Glossary
from search.models import SearchEntry, SearchTerm, current_glossary
from search.planning import (
    best_correction,
    clause_labels,
    clean_filters,
    corrected_text,
    counted_clauses,
    glossary_correction,
    plan,
    significant_words,
    similar_text_required,
    typed_alternatives,
    with_corrections,
)
from search.query_parser import ParsedQuery, Term, words_of
from search.ranking import ranking
from search.types import (
    PAGE_KINDS,
    EngineHealth,
    Facet,
    Hit,
    ResultPage,
    SearchDocument,
    SearchQuery,
    counted_facet,
)

HIT_COLUMNS = (
    "e.id, e.doc_id, e.kind, e.title, e.url, e.summary, e.council, e.regions, e.service_area, e.stage, e.published"
)


def _dialect() -> SqliteDialect | PostgresDialect:
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SqliteDialect()
    raise NotImplementedError(f"the database search engine supports SQLite and PostgreSQL, not {connection.vendor}")


class DatabaseEngine:
    name = "database"

    @property
    def label(self) -> str:
        return _dialect().label

    # Writing: every write bumps the index generation in the same transaction.

    def index(self, docs: Iterable[SearchDocument]) -> int:
        with transaction.atomic(), connection.cursor() as cursor:
            previous, new = bitmaps.bump_generation(cursor)
            removed, added = store.insert(docs)
            bitmaps.after_write(cursor, previous, new, removed, added)
        return len(added)

    def remove(self, ids: Iterable[str]) -> int:
        with transaction.atomic(), connection.cursor() as cursor:
            previous, new = bitmaps.bump_generation(cursor)
            removed = store.delete(list(ids))
            bitmaps.after_write(cursor, previous, new, removed, [])
        return len(removed)

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace the whole index in one transaction: searchers see the old index until it commits."""
        dialect = _dialect()
        with transaction.atomic(), connection.cursor() as cursor:
            dialect.before_bulk_load(cursor)
            cursor.execute("DELETE FROM search_facet")
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("DELETE FROM search_term")
            dialect.restart_ids(cursor)  # dense entry ids keep the facet bitmaps small
            _, added = store.insert(docs, replace=False)
            dialect.after_bulk_load(cursor)
            bitmaps.bump_generation(cursor)
        if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction (nor do callers expect it)
            with connection.cursor() as cursor:
                dialect.after_rebuild(cursor)
        bitmaps.forget()
        postings.forget()
        return len(added)

    # Searching

    def search(self, query: SearchQuery) -> ResultPage:
        dialect = _dialect()
        filters = clean_filters(dict(query.filters))
        glossary = current_glossary()  # read once per search: planning and typo checks share it
        query_plan = plan(query.text, glossary)
        parsed = query_plan.expanded
        page = max(1, query.page)
        page_size = max(1, min(query.page_size, 100))
        with connection.cursor() as cursor:
            index = bitmaps.bitmaps(cursor)
            corrections: dict[str, str] = {}
            corrected_terms: tuple[str, ...] = ()
            if query.text.strip():
                corrections = self._corrections(cursor, dialect, index, query_plan.original, glossary)
            if corrections:
                parsed, corrected_terms = with_corrections(parsed, corrections, glossary)
            selected = {facet: _any_of(index.values.get(facet, {}), values) for facet, values in filters.items()}
            allowed = _filtered(index.all, selected)
            wanted = page * page_size
            grading = None
            if parsed.clauses:
                grading = _grading(cursor, dialect, index, parsed)
                matched = grading.matched
                meaning = _by_meaning(cursor, query, filters, allowed) if query.sort != "newest" else []
                window = max(wanted, ranking().semantic.window) if meaning else wanted
                ranked = self._graded_ranking(index, parsed, query_plan, grading, allowed, query.sort, window)
                if meaning:
                    matched |= bitmaps.mask_of(meaning)
                    ranked = _fused(ranked, meaning, grading)
            else:
                matched = index.all
                if parsed.excluded:
                    matched &= ~_union(p.mask for p in _postings(cursor, dialect, index, parsed.excluded).values())
                ranked = _newest(index, matched & allowed, wanted)
            result = matched & allowed
            page_ids = ranked[(page - 1) * page_size : page * page_size]
            rows = self._hits(cursor, dialect, parsed, page_ids)
        labels = clause_labels(query_plan, parsed)
        hits = [_with_missing(hit, grading, entry, labels) if grading else hit for hit, entry in rows]
        return ResultPage(
            hits=tuple(hits),
            total=result.bit_count(),
            page=page,
            page_size=page_size,
            facets=_facet_counts(index, matched, selected, filters) if query.with_facets else (),
            suggestion=corrected_text(query_plan.original, corrections) if corrections else None,
            expanded_terms=tuple(dict.fromkeys(query_plan.expanded_terms + corrected_terms)),
            partial_match=bool(grading is not None and result and not result & grading.with_every_word),
        )

    def _graded_ranking(
        self, index, parsed: ParsedQuery, query_plan, grading: Grading, allowed: int, sort, wanted
    ) -> list[tuple[int, float]]:
        """The first `wanted` results: entries with more of the words first; within that, best (or newest) first.

        Each tier is ranked on its own, and only as many tiers as the page needs: a query whose every word is in
        thousands of entries never scores the entries with fewer of them.
        """
        settings = ranking()
        typed = [typed_alternatives(query_plan, clause) for clause in parsed.clauses]
        needs_synonym = 0
        if sort != "newest" and any(len(t) < len(c) for t, c in zip(typed, parsed.clauses, strict=True)):
            needs_synonym = _needing_synonyms(parsed, grading, typed)
        # Every word and phrase of every clause adds its relevance (one listed in two clauses, twice).
        relevance = [grading.term_postings[term] for clause in parsed.clauses for term in clause]
        factors = index.rank_factors(date.today().toordinal())
        ranked: list[tuple[int, float]] = []
        tiers = grading.tiers if settings.more_words_first(len(grading.counted)) else [(0, grading.matched)]
        for _, tier in tiers:
            candidates = tier & allowed
            if len(ranked) >= wanted:
                break
            if not candidates:
                continue
            need = wanted - len(ranked)
            if sort == "newest":
                ranked += _newest(index, candidates, need)
            else:
                bonus = settings.typed_words_bonus
                ranked += postings.best_among(relevance, candidates, need, factors, needs_synonym, bonus)
        return ranked

    def _hits(self, cursor, dialect, parsed: ParsedQuery, page_ids: list[tuple[int, float]]) -> list[tuple[Hit, int]]:
        """The page's hits, each with its entry id."""
        if not page_ids:
            return []
        ids = [i for i, _ in page_ids]
        rows = _hit_rows(cursor, "id", ids)
        snippets = dialect.highlights(cursor, parsed, ids)
        return [(dataclasses.replace(_hit(rows[i], snippets.get(i)), score=s), i) for i, s in page_ids if i in rows]

    def _corrections(self, cursor, dialect, index, parsed: ParsedQuery, glossary: Glossary) -> dict[str, str]:
        """Typo tolerance: a word that matches nothing is also searched as its closest indexed word.

        A word with no close indexed word may be a misspelt glossary term ("rubish"): the glossary is reviewed
        data, so its terms are offered without checking the index (their synonyms may be what matches).
        """
        corrections: dict[str, str] = {}
        checked = [
            term
            for clause in parsed.clauses
            for term in clause
            if not term.is_phrase and len(term.words[0]) >= 4 and not glossary.lookup(term.words)
        ]
        held = _postings(cursor, dialect, index, checked)  # read once for all: the search needs them anyway
        for term in checked:
            word = term.words[0]
            if not held[term].ids.size and word not in corrections:
                candidates = dialect.term_candidates(cursor, word)
                # The vocabulary only grows; re-check a candidate against the live index before offering it.
                while (best := best_correction(word, candidates)) is not None:
                    if dialect.matches_anything(cursor, Term((best,))):
                        corrections[word] = best
                        break
                    candidates.remove(best)
                if word not in corrections and (fixed := glossary_correction(word, glossary)):
                    corrections[word] = fixed
        return corrections

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        """Tags starting with what was typed, then titles whose words start with it (best match first)."""
        words = words_of(prefix)
        if not words or limit < 1:
            return []
        typed = " ".join(words)
        with connection.cursor() as cursor:
            # A range on the (facet, value) index: tags are stored lower-case.
            cursor.execute(
                "SELECT DISTINCT value FROM search_facet WHERE facet = 'tag' AND value >= %s AND value < %s "
                "ORDER BY value LIMIT %s",
                [typed, typed + "\uffff", limit],
            )
            tags = [row[0] for row in cursor.fetchall()]
            titles = _dialect().title_prefix(cursor, words, limit * 2, PAGE_KINDS)
        return list(dict.fromkeys([*tags, *titles]))[:limit]

    def related(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """Pages nearest in meaning (the vectors), or sharing the most significant words when there are none."""
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None:
            return []
        nearest = self._by_doc_ids([d for d, _ in semantic.related(doc_id, limit, PAGE_KINDS)])
        if nearest:
            return nearest
        words = significant_words(" ".join([entry.title, entry.title, entry.keywords]), limit=12)
        return self._like(words, limit, exclude=entry.pk, kinds=PAGE_KINDS)

    def similar_to_text(self, text: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> list[Hit]:
        """Pages nearest in meaning to a text being written, or sharing its significant words without vectors."""
        neighbours = semantic.similar_to_text(text, limit, kinds or PAGE_KINDS)
        nearest = self._by_doc_ids(near_enough(neighbours, ranking()))
        if nearest:
            return nearest
        # Only entries with enough of the text's words (planning.similar_text_required), best first.
        terms = [Term((w,)) for w in significant_words(text)]
        if not terms:
            return []
        with connection.cursor() as cursor:
            index = bitmaps.bitmaps(cursor)
            held = _postings(cursor, _dialect(), index, terms)
            among = 0
            for _, mask in exact_counts(
                [held[t].mask for t in terms], range(len(terms)), similar_text_required(len(terms))
            ):
                among |= mask
            among &= _any_of(index.values.get("kind", {}), kinds or PAGE_KINDS)
            ranked = postings.best_among([held[t] for t in terms], among, limit, index.boosts(), 0, 1.0)
            rows = _hit_rows(cursor, "id", [i for i, _ in ranked]) if ranked else {}
        return [dataclasses.replace(_hit(rows[i], None), score=score) for i, score in ranked if i in rows]

    def _by_doc_ids(self, doc_ids: list[str]) -> list[Hit]:
        """Hits for these indexed documents, in the order given (ones no longer indexed are left out)."""
        if not doc_ids:
            return []
        with connection.cursor() as cursor:
            rows = _hit_rows(cursor, "doc_id", doc_ids)
        return [_hit(rows[d], None) for d in doc_ids if d in rows]

    def _like(
        self,
        words: list[str],
        limit: int,
        exclude: int | None = None,
        kinds: tuple[str, ...] = (),
    ) -> list[Hit]:
        """More like this: any of the words may match; best first."""
        if not words:
            return []
        dialect = _dialect()
        parsed = ParsedQuery((tuple(Term((w,)) for w in words),))
        match_sql, params = dialect.match(parsed)
        where = "1 = 1"
        filter_params: list[str | int] = list(kinds)
        if kinds:
            where = f"e.kind IN ({', '.join(['%s'] * len(kinds))})"
        if exclude is not None:
            where += " AND e.id <> %s"
            filter_params.append(exclude)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {HIT_COLUMNS}, m.rel * e.boost AS score, 0 "
                f"FROM ({match_sql}) m JOIN search_entry e ON e.id = m.id WHERE {where} "
                "ORDER BY score DESC, e.id LIMIT %s",
                [*params, *filter_params, limit],
            )
            return [_hit(row, None) for row in cursor.fetchall()]

    def documents(self) -> Iterable[SearchDocument]:
        """Every indexed document (used by tools and tests to compare the index with the site)."""
        for data, body in SearchEntry.objects.order_by("pk").values_list("document", "body").iterator():
            yield store.document_from_json(data, body)

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


def _hit_rows(cursor, column: str, keys: list) -> dict:
    """The hit columns of the entries whose `column` ("id" or "doc_id") is one of `keys`, by that column."""
    placeholders = ", ".join(["%s"] * len(keys))
    cursor.execute(f"SELECT {HIT_COLUMNS}, 0, 0 FROM search_entry e WHERE e.{column} IN ({placeholders})", keys)
    at = 0 if column == "id" else 1
    return {row[at]: row for row in cursor.fetchall()}


def _filtered(entries: int, selected: dict[str, int]) -> int:
    """The entries passing every selected facet filter (each facet: any of its selected values)."""
    for mask in selected.values():
        entries &= mask
    return entries


def _any_of(by_value: dict[str, int], values: tuple[str, ...]) -> int:
    mask = 0
    for value in values:
        mask |= by_value.get(value, 0)
    return mask


def _by_meaning(cursor, query: SearchQuery, filters, allowed: int) -> list[int]:
    """Entry ids of the documents nearest in meaning to the query (filters applied), nearest first."""
    settings = ranking()
    doc_ids = near_enough(semantic.nearest(query.text, settings.semantic.candidates, filters), settings)
    if not doc_ids:
        return []
    placeholders = ", ".join(["%s"] * len(doc_ids))
    cursor.execute(f"SELECT doc_id, id FROM search_entry WHERE doc_id IN ({placeholders})", doc_ids)
    entries = dict(cursor.fetchall())
    # The vectors may briefly know a document the index does not (or not yet): only indexed, allowed ones count.
    return [entries[d] for d in doc_ids if d in entries and allowed >> entries[d] & 1]


def _fused(ranked: list[tuple[int, float]], meaning: list[int], grading: Grading) -> list[tuple[int, float]]:
    """The word ranking's window fused with the ranking by meaning (search/fusion.py); the rest follows."""
    settings = ranking()
    window = ranked[: settings.semantic.window]
    scores = dict(window)
    share = grading.shares_of_counted(i for i, _ in window)
    order = fuse([i for i, _ in window], meaning, settings, share)
    return [(i, scores.get(i, 0.0)) for i in order] + ranked[settings.semantic.window :]


def _newest(index, mask: int, wanted: int) -> list[tuple[int, float]]:
    """The newest `wanted` entries of `mask` (no relevance: score 0)."""
    if wanted <= 0 or not mask:
        return []
    picked = []
    flags = bitmaps.flags_of(mask)
    for i in index.newest_first():
        if bitmaps.has(flags, i):
            picked.append((i, 0.0))
            if len(picked) == wanted:
                break
    return picked


def _postings(cursor, dialect, index, terms) -> dict[Term, postings.Postings]:
    """Each word's or phrase's postings at the index's generation: held in process, or read once for all.

    Held postings follow writes through the change log. bm25 (SQLite) depends on every entry's length and on how
    many entries hold the word, so the entries' lengths follow too and the words are rescored (postings.py).
    """
    patching = postings.Patching(
        touched_since=lambda held: bitmaps.touched_since(cursor, held, index.generation),
        read_among=lambda terms, ids: dialect.postings_among(cursor, terms, ids),
        lengths=None if dialect.relevance_per_entry else lambda held, touched: dialect.lengths(cursor, held, touched),
    )
    return postings.postings(index.generation, terms, lambda missing: dialect.postings(cursor, missing), patching)


def _grading(cursor, dialect, index, parsed: ParsedQuery) -> Grading:
    """Which entries match each clause, which clauses count, and how many an entry needs."""
    # Each word or phrase once (a clause's mask is the union of its terms'), so the typed-words check needs no
    # second reading of the index.
    found = _postings(cursor, dialect, index, [*(t for clause in parsed.clauses for t in clause), *parsed.excluded])
    masks = [_union(found[t].mask for t in clause) for clause in parsed.clauses]
    excluded = _union(found[t].mask for t in parsed.excluded)
    total = index.all.bit_count()
    counted = counted_clauses([mask.bit_count() for mask in masks], total, ranking())
    return Grading(tuple(masks), counted, ranking().required_matches(len(counted)), excluded, found)


def _union(masks: Iterable[int]) -> int:
    union = 0
    for mask in masks:
        union |= mask
    return union


def _needing_synonyms(parsed: ParsedQuery, grading: Grading, typed_groups: list) -> int:
    """Entries matching some clause only through a synonym or correction (they get no typed-words bonus)."""
    typed_masks = [
        _union(grading.term_postings[t].mask for t in typed) if len(typed) < len(clause) else None
        for clause, typed in zip(parsed.clauses, typed_groups, strict=True)
    ]
    return needing_synonyms(grading.clause_masks, typed_masks)


def _with_missing(hit: Hit, grading: Grading, entry: int, labels: tuple[str, ...]) -> Hit:
    missing = tuple(labels[i] for i in grading.missing(entry))
    return dataclasses.replace(hit, missing=missing) if missing else hit


def _facet_counts(index, matched: int, selected: dict[str, int], filters) -> tuple[Facet, ...]:
    """Disjunctive facet counts: each facet's counts apply every selected filter except its own."""
    counts = index.value_counts(_filtered(matched, selected), [f for f in FACETS if f not in selected])
    for facet in selected:
        base = _filtered(matched, {other: mask for other, mask in selected.items() if other != facet})
        counts.update(index.value_counts(base, [facet]))
    return tuple(counted_facet(facet, counts[facet], filters.get(facet, ())) for facet in FACETS)


def _marked(text: str) -> str:
    """Escape text for HTML, then turn the engine's marker characters into <mark> elements."""
    escaped = html.escape(text, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _hit(row: tuple, snippets: tuple[str, str] | None) -> Hit:
    _pk, doc_id, kind, title, url, summary, council, regions, service_area, stage, published, score, _ = row
    highlight = ""
    if snippets:
        body, keywords = snippets
        highlight = body if MARK_START in body else keywords if MARK_START in keywords else ""
    if isinstance(regions, str):  # raw SQL on SQLite returns JSON as text
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
