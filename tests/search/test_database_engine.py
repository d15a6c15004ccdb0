"""The engine contract on the database engine (SQLite FTS5 or PostgreSQL full-text, by DATABASE_URL)."""

from __future__ import annotations

import contextlib
import copy
import random
import threading
from datetime import date, timedelta

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search import bulk
from search.engines.database import DatabaseEngine, bitmaps, graded, postgres, postings, sqlite, store
from search.engines.database import engine as database_engine
from search.facets import FACETS
from search.models import SearchEntry
from search.planning import plan
from search.query_parser import ParsedQuery, Term
from search.types import SearchQuery
from tests.search.contract import CORPUS, EngineContract, doc


class TestDatabaseEngine(EngineContract):
    @pytest.fixture
    def engine(self, db) -> DatabaseEngine:
        return DatabaseEngine()


# Database-engine specifics (not part of the contract): the per-process facet bitmaps stay correct.


def kinds(engine: DatabaseEngine) -> dict[str, int]:
    result = engine.search(SearchQuery(filters={}))
    return {v.value: v.count for f in result.facets if f.name == "kind" for v in f.values}


def test_a_write_by_another_process_is_seen(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = kinds(engine)  # this process now holds the bitmaps
    # Another process writes: same tables and generation, but it cannot patch our in-memory cache.
    with transaction.atomic(), connection.cursor() as cursor:
        bitmaps.bump_generation(cursor)
        store.insert([doc(50, "Council tax chatbot for Wales", kind="challenge")])
    assert kinds(engine)["challenge"] == before["challenge"] + 1
    assert engine.search(SearchQuery(text="Wales", filters={"kind": ("challenge",)})).total == 1


def test_a_rolled_back_write_leaves_no_trace(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = kinds(engine)
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index([doc(50, "Council tax chatbot for Wales", kind="challenge")])
        assert kinds(engine)["challenge"] == before["challenge"] + 1
        raise RuntimeError("the publish failed")
    assert kinds(engine) == before
    assert engine.search(SearchQuery(text="Wales")).total == 0


def test_rebuild_restarts_entry_ids(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    engine.rebuild(CORPUS)
    assert max(SearchEntry.objects.values_list("pk", flat=True)) == len(CORPUS)


def test_indexed_documents_round_trip(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    assert tuple(engine.documents()) == CORPUS


# The full-text structures beside search_entry (SQLite FTS5 table; PostgreSQL search_vector table) follow every write.


def titles(engine: DatabaseEngine, text: str, **filters: tuple[str, ...]) -> list[str]:
    return [hit.title for hit in engine.search(SearchQuery(text=text, filters=filters)).hits]


def test_entries_changed_outside_the_engine_stay_searchable(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    SearchEntry.objects.filter(doc_id="page:1").update(title="Smart kerbside sensors")
    assert titles(engine, "kerbside") == ["Smart kerbside sensors"]
    SearchEntry.objects.filter(doc_id="page:1").delete()
    assert titles(engine, "kerbside") == []


def test_a_document_indexed_after_a_rebuild_in_the_same_transaction_is_found(db):
    engine = DatabaseEngine()
    with transaction.atomic():
        engine.rebuild(CORPUS)  # the bulk load suspends the row-by-row full-text upkeep, then restores it
        engine.index([doc(50, "Council tax chatbot for Wales", kind="challenge")])
        assert titles(engine, "Wales") == ["Council tax chatbot for Wales"]


def test_filtered_results_are_ranked_as_without_the_filter(db):
    # Filters (applied to the bitmaps after ranking every match) keep the unfiltered scores and order.
    engine = DatabaseEngine()
    docs = [
        doc(n, f"Bin {'collection ' * (n % 4)}report {n}", body="bin " * (n % 7), service_area=area)
        for n, area in enumerate(["Waste and recycling", "Housing", "Housing", "Housing"] * 10, start=1)
    ]
    engine.rebuild(docs)
    unfiltered = engine.search(SearchQuery(text="bin collection", page_size=100)).hits
    filtered = engine.search(SearchQuery(text="bin collection", filters={"service_area": ("Waste and recycling",)}))
    expected = [(hit.title, hit.score) for hit in unfiltered if hit.service_area == "Waste and recycling"]
    assert [(hit.title, hit.score) for hit in filtered.hits] == expected
    assert filtered.total == len(expected) == 10


# Another process's writes reach this process's bitmaps through the change log: patched, not reloaded.


def full_reloads(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].strip().endswith("FROM search_facet")]


def test_another_process_s_writes_are_patched_from_the_change_log(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = kinds(engine)
    other_process = copy.deepcopy(bitmaps._cache)  # a second process's cache, current until the writes below
    engine.index([doc(50, "Council tax chatbot for Wales", kind="challenge")])
    engine.remove([CORPUS[0].id])
    bitmaps._cache = other_process
    with CaptureQueriesContext(connection) as queries:
        after = kinds(engine)
    assert full_reloads(queries) == []
    assert after["challenge"] == before["challenge"] + 1
    assert after[CORPUS[0].kind] == before[CORPUS[0].kind] - 1
    assert engine.search(SearchQuery(text="Wales", filters={"kind": ("challenge",)})).total == 1


def test_patched_facet_arrays_equal_a_fresh_load(db):
    # After writes the facet counts' value arrays, the boosts and the ranking factors are patched for the written
    # entries, not rebuilt: what they say must be what a process loading the index afresh would build.
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    today = date.today().toordinal()
    with connection.cursor() as cursor:
        held = bitmaps.bitmaps(cursor)
        held.value_counts(held.all, FACETS)  # build the arrays, so that they are there to be patched
        held.rank_factors(today)
        held.boosts()
    engine.index([doc(50, "Council tax chatbot for Wales", kind="challenge", boost=0.5), doc(2, "Renamed")])
    engine.remove([CORPUS[0].id])
    with connection.cursor() as cursor:
        patched = bitmaps.bitmaps(cursor)
        assert patched.pairs is not None  # patched, not dropped
        counts = patched.value_counts(patched.all, FACETS)
        factors, boosts = patched.rank_factors(today), patched.boosts()
        bitmaps.forget()
        fresh = bitmaps.bitmaps(cursor)
        assert counts == fresh.value_counts(fresh.all, FACETS)
        size = fresh.boosts().size
        assert boosts[:size].tolist() == fresh.boosts().tolist() and not boosts[size:].any()
        assert factors[:size].tolist() == pytest.approx(fresh.rank_factors(today).tolist())
        some = fresh.values["kind"]["challenge"]
        assert patched.value_counts(some, FACETS) == fresh.value_counts(some, FACETS)


def test_value_pairs_replaced_equal_pairs_built_from_the_values():
    values = {"kind": {"challenge": 0b10110, "case_study": 0b01001}, "tag": {"bins": 0b11000, "roads": 0b00110}}
    pairs = bitmaps.ValuePairs.of(values, 5)
    replaced = pairs.replaced([1, 4], {2: [("kind", "case_study"), ("tag", "parks")], 6: [("kind", "challenge")]})
    expected = {
        "kind": {"challenge": 0b1000000, "case_study": 0b0001101},  # entry 2 written again: its old values gone
        "tag": {"bins": 0b0001000, "roads": 0b0000000, "parks": 0b0000100},
    }
    every = 0b1111111
    assert replaced.counts(every, ["kind", "tag"]) == bitmaps.ValuePairs.of(expected, 7).counts(every, ["kind", "tag"])


def test_a_broken_change_log_chain_reloads_the_bitmaps(db):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    other_process = copy.deepcopy(bitmaps._cache)
    engine.rebuild([*CORPUS, doc(50, "Council tax chatbot for Wales", kind="challenge")])  # no change log entry
    bitmaps._cache = other_process
    with CaptureQueriesContext(connection) as queries:
        assert engine.search(SearchQuery(text="Wales", filters={"kind": ("challenge",)})).total == 1
    assert len(full_reloads(queries)) == 1


def planner_settings() -> list[tuple]:
    if connection.vendor != "postgresql":
        return []  # SQLite has no planner switches for the engine to touch
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('gin_fuzzy_search_limit')")
        return cursor.fetchall()


@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_search_leaves_the_connection_as_it_found_it(db, in_transaction):
    # On PostgreSQL the match is read through the GIN index with enable_seqscan off for that one statement.
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = (planner_settings(), connection.in_atomic_block, connection.get_autocommit())
    with transaction.atomic() if in_transaction else contextlib.nullcontext():
        inside = (planner_settings(), connection.in_atomic_block)
        assert engine.search(SearchQuery(text="missed collections")).total == 1
        assert engine.search(SearchQuery(text="matresses")).total == 1  # a typo: checked against the index first
        assert (planner_settings(), connection.in_atomic_block) == inside
    assert (planner_settings(), connection.in_atomic_block, connection.get_autocommit()) == before


def test_the_typo_check_reads_a_word_once_and_never_from_a_sample(db):
    # "Does this word match anything" is answered by the word's postings, which the match needs anyway: one reading
    # of the index, never a sample (gin_fuzzy_search_limit on PostgreSQL) that could drop entries from the total.
    engine = DatabaseEngine()
    engine.rebuild([doc(n, f"Community orchard planting {n}") for n in range(1, 1501)])
    with CaptureQueriesContext(connection) as queries:
        result = engine.search(SearchQuery(text="orchard"))
    assert result.total == 1500
    assert result.suggestion is None
    if connection.vendor == "postgresql":
        marker = "set_config('gin_fuzzy_search_limit', '"
        limits = [q["sql"].split(marker)[1].split("'")[0] for q in queries if q["sql"].startswith("SELECT current_")]
        assert limits == ["0"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_reclaims_the_old_rows():
    # On PostgreSQL a rebuild's DELETE leaves the old index as dead rows that every match would read until VACUUM.
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    engine.rebuild(CORPUS)
    assert engine.search(SearchQuery(text="missed collections")).total == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_dead_tup, last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s",
                ["search_vector"],
            )
            assert cursor.fetchone() == (0, True)


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("pothole", {}),
        ("pothole OR bins", {"kind": ("challenge",)}),
        ("bins -garden", {"kind": ("case_study",)}),
        ("pothole bins", {"kind": ("case_study",)}),
    ],
)
def test_ranking_from_held_postings_equals_the_database_s_own_relevance(db, text, filters):
    # The engine ranks one tier's candidates that pass the filters from each word's postings held in process. The
    # reference: every match of all the words ORed, scored by the database in one statement (SQLite: FTS5's bm25 of
    # the ORed phrases; PostgreSQL: the sum of each word's ts_rank), ranked in Python, narrowed to the candidates.
    titles = ["Pothole reporting", "Pothole repairs and bins", "Bins and potholes", "Garden bins"]
    docs = [
        doc(
            n,
            titles[n % 4],
            kind=("challenge", "case_study")[n % 2],
            summary="Reporting potholes and bins" if n % 3 else "",
            published=date(2020, 1, 1) + timedelta(days=97 * n),
            boost=(1.0, 0.5, 0.8)[n % 3],
        )
        for n in range(1, 41)
    ]
    engine = DatabaseEngine()
    engine.rebuild(docs)
    parsed = plan(text).expanded
    terms = [t for clause in parsed.clauses for t in clause]
    dialect = database_engine._dialect()
    today = date.today().toordinal()
    with connection.cursor() as cursor:
        index = bitmaps.bitmaps(cursor)
        selected = {f: database_engine._any_of(index.values.get(f, {}), v) for f, v in filters.items()}
        grading = database_engine._grading(cursor, dialect, index, parsed)
        candidates = grading.tiers[0][1] & database_engine._filtered(index.all, selected)
        cursor.execute(*_relevance_of_every_match(terms))
        factors = index.rank_factors(today)
        scored = [(rel * factors[i], -i) for i, rel in cursor.fetchall() if candidates >> i & 1]
        expected = [(-negated, score) for score, negated in sorted(scored, reverse=True)[:12]]
        held = [grading.term_postings[t] for t in terms]
        ranked = postings.best_among(held, candidates, 12, factors, 0, 1.5)
    assert len(expected) > 3
    assert [i for i, _ in ranked] == [i for i, _ in expected]
    assert [s for _, s in ranked] == pytest.approx([s * 1.5 for _, s in expected], rel=1e-5)  # ts_rank: float4


def _relevance_of_every_match(terms: list[Term]) -> tuple[str, list[object]]:
    if connection.vendor == "sqlite":
        return database_engine._dialect().match(ParsedQuery((tuple(terms),)))
    weights = postgres._weights()
    ranks = " + ".join(
        f"coalesce(ts_rank({weights}, vector, phraseto_tsquery('english', %s), 1), 0)::float8" for _ in terms
    )
    matched = " || ".join(["phraseto_tsquery('english', %s)"] * len(terms))
    texts = [t.text for t in terms]
    return f"SELECT entry_id, {ranks} FROM search_vector WHERE vector @@ ({matched})", [*texts, *texts]  # noqa: S608


def _ranking(engine: DatabaseEngine, text: str) -> tuple[int, list[tuple[str, float]]]:
    page = engine.search(SearchQuery(text=text, page_size=50, with_facets=False))
    return page.total, [(hit.id, hit.score) for hit in page.hits]


def test_held_postings_follow_writes_exactly(db):
    engine = DatabaseEngine()
    engine.rebuild([doc(n, f"Community orchard {n}", summary="Orchard planting" * (n % 3)) for n in range(1, 30)])
    total, _ = _ranking(engine, "orchard planting")  # both words now held in process
    engine.index([doc(40, "Orchard planting for schools"), doc(3, "Renamed: tree nursery")])
    engine.remove(["page:5"])
    after = _ranking(engine, "orchard planting")
    postings.forget()
    fresh = _ranking(engine, "orchard planting")  # as read afresh from the database
    assert [hit for hit, _ in after[1]] == [hit for hit, _ in fresh[1]]
    # bm25 rescored in numpy: FTS5's own figure to the last bit or two of a float64.
    assert [score for _, score in after[1]] == pytest.approx([score for _, score in fresh[1]], rel=1e-12)
    assert after[0] == fresh[0] == total - 1  # one added, two gone


# What reads one word's postings in full, and what reads them among the written entries only.
READ_IN_FULL = {"sqlite": "FROM search_fts WHERE search_fts MATCH", "postgresql": "string_agg(int4send"}
READ_AMONG = {"sqlite": "AND rowid >= ", "postgresql": "WITH ORDINALITY"}


def test_after_a_write_only_the_written_entries_are_read_again(db):
    engine = DatabaseEngine()
    engine.rebuild([doc(n, f"Community orchard {n}") for n in range(1, 30)])
    _ranking(engine, "orchard")
    engine.index([doc(40, "Orchard planting for schools")])
    with CaptureQueriesContext(connection) as queries:
        assert _ranking(engine, "orchard")[0] == 30
    statements = [q["sql"] for q in queries]
    assert any(READ_AMONG[connection.vendor] in sql for sql in statements)  # the written entry, for the held word
    in_full = [sql for sql in statements if READ_IN_FULL[connection.vendor] in sql]
    assert all(READ_AMONG[connection.vendor] in sql for sql in in_full)  # no word's postings read in full


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5's record of entry lengths")
def test_entry_lengths_follow_writes_as_fts5_counts_them(db):
    engine = DatabaseEngine()
    engine.rebuild([doc(n, f"Community orchard {n}", summary="Planting fruit trees " * n) for n in range(1, 8)])
    dialect = database_engine._dialect()
    with connection.cursor() as cursor:
        held = dialect.lengths(cursor, None, None)
        engine.index([doc(20, "Orchard", summary="A new one"), doc(3, "Renamed orchard")])
        engine.remove(["page:5"])
        touched = set(range(1, 30))
        patched = dialect.lengths(cursor, held, touched)
        fresh = dialect.lengths(cursor, None, None)
        cursor.execute("SELECT count(*) FROM search_entry")
        (entries,) = cursor.fetchone()
    assert patched.count == fresh.count == entries == 7
    assert patched.by_id[: fresh.by_id.size].tolist() == fresh.by_id.tolist()
    assert not patched.by_id[fresh.by_id.size :].any()
    assert held.by_id[2] < held.by_id[6]  # a longer summary, more tokens


def test_patched_postings_replace_the_written_entries():
    held = postings.postings_of([1, 3, 5, 9], [1.0, 3.0, 5.0, 9.0])
    fresh = postings.postings_of([4, 9], [4.0, 9.5])  # 3 no longer matches, 4 now does, 9 changed
    patched = postings._replaced(held, np.array([3, 4, 9]), fresh)
    assert patched.ids.tolist() == [1, 4, 5, 9]
    assert patched.relevance.tolist() == [1.0, 4.0, 5.0, 9.5]
    assert postings._replaced(held, np.array([2]), postings.postings_of([], [])) is held


def test_the_best_of_the_candidates_come_first_ties_to_the_lower_id():
    first = postings.postings_of([1, 2, 3, 5, 8], [1.0, 3.0, 2.0, 3.0, 9.0])
    second = postings.postings_of([2, 5], [1.0, 1.0])
    factors = np.array([1.0] * 9)
    factors[3] = 2.0
    # Entry 8 is not a candidate; 2 and 5 tie at 4 (3 + 1), 3 scores 2 x 2 = 4 too; entry 5 needs a synonym.
    ranked = postings.best_among([first, second], 0b000101111, 3, factors, needs_synonym=0b100000, bonus=1.5)
    assert ranked == [(2, 6.0), (3, 6.0), (5, 4.0)]
    assert postings.best_among([first, second], 0b000101111, 3, factors, 0, 1.0) == [(2, 4.0), (3, 4.0), (5, 4.0)]
    assert postings.best_among([first], 0, 3, factors, 0, 1.0) == []


def test_graded_tiers_hold_each_entry_by_how_many_clauses_it_matches():
    # Entries 2 and 5 match all three clauses, entry 4 two of them, entries 0, 1 and 3 one.
    masks = [0b101101, 0b110110, 0b110100]
    assert graded.exact_counts(masks, (0, 1, 2), 1) == [(3, 0b100100), (2, 0b010000), (1, 0b001011)]
    assert graded.exact_counts(masks, (0, 1, 2), 2) == [(3, 0b100100), (2, 0b010000)]
    # Only the first and third clauses count (the second is too common).
    assert graded.exact_counts(masks, (0, 2), 1) == [(2, 0b100100), (1, 0b011001)]


def test_vocabulary_is_every_word_of_three_to_forty_letters():
    docs = [
        doc(1, "Café-style hubs, 2024", summary="Pop-up advice (weekly)", tags=("co-design",), body="b2b x" + "y" * 41),
        doc(2, "Hubs again", body="Reablement; reablement."),
    ]
    assert store.vocabulary(docs) == {
        "café", "style", "hubs", "pop", "advice", "weekly", "design", "again", "reablement", "x" + "y" * 39,
    }  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage layout")
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_stores_vectors_grouped_by_service_area():
    # A query's matches then share heap pages (see PostgresDialect.after_bulk_load). Inserted rows fill any free
    # space the table has first, wherever autovacuum left it after earlier tests: start from a table with none.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL search_vector")
    areas = ("Waste and recycling", "Housing", "Parking")
    DatabaseEngine().rebuild([doc(n, f"Entry {n}", service_area=areas[n % 3]) for n in range(1, 31)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.service_area FROM search_vector v JOIN search_entry e ON e.id = v.entry_id ORDER BY v.ctid"
        )
        stored = [row[0] for row in cursor.fetchall()]
    assert stored == sorted(stored) and len(stored) == 30


def test_a_keywords_snippet_is_cut_back_to_the_summary():
    summary, keywords = "Councils and NHS trusts.", "Councils and NHS trusts. adult social care NHS"
    s, e = sqlite.MARK_START, sqlite.MARK_END
    assert sqlite.summary_part(f"Councils and NHS {s}trusts{e}. adult social care NHS", summary, keywords) == (
        f"Councils and NHS {s}trusts{e}."
    )
    # A window that starts after the summary (a tag matched) leaves nothing; so does a cut that drops every mark.
    assert sqlite.summary_part(f" … social care {s}NHS{e}", summary, keywords) == ""
    assert sqlite.summary_part(f"Councils and NHS trusts. adult {s}social{e} care", summary, keywords) == ""
    # A window inside the summary keeps its ellipses.
    long = "one two three four five six seven"
    assert sqlite.summary_part(f" … three {s}four{e} five … ", long, long + " tag") == f" … three {s}four{e} five … "


def test_a_generation_never_comes_back_when_the_random_module_is_reseeded(db):
    # Anything may seed `random` (Hypothesis does, for every example): a write after a rollback must still get a
    # generation no cache has seen.
    generations = []
    for _ in range(2):
        random.seed(1)
        with transaction.atomic(), connection.cursor() as cursor:
            generations.append(bitmaps.bump_generation(cursor)[1])
            transaction.set_rollback(True)
    assert generations[0] != generations[1]


def test_copy_text_escapes_what_copy_would_read_as_structure():
    rows = [("a\tb", "line\nbreak\r", "back\\slash", None, 3, 1.5, date(2024, 2, 29))]
    assert bulk.copy_text(rows) == "a\\tb\tline\\nbreak\\r\tback\\\\slash\t\\N\t3\t1.5\t2024-02-29\n"


def test_text_with_tabs_line_breaks_and_backslashes_is_stored_as_written(db):
    written = doc(
        7,
        "Tabs\tand \\back\\slashes",
        summary="A summary\r\nover two lines",
        body="Paragraph one.\n\nParagraph two with C:\\path and a \\N that is not null.",
        tags=("tag\twith tab",),
    )
    engine = DatabaseEngine()
    engine.rebuild([written])
    engine.index([doc(8, "Another", body="back\\slash\ttab")])
    entry = SearchEntry.objects.get(doc_id=written.id)
    assert (entry.title, entry.summary, entry.body) == (written.title, written.summary, written.body)
    assert store.document_from_json(entry.document, entry.body) == written
    assert SearchEntry.objects.get(doc_id="page:8").body == "back\\slash\ttab"
    assert engine.search(SearchQuery(text="paragraph")).total == 1


def test_a_failure_while_preparing_a_batch_writes_nothing(db, monkeypatch):
    engine = DatabaseEngine()
    engine.rebuild(CORPUS)
    before = SearchEntry.objects.count()

    def failing(*args, **kwargs):
        raise ValueError("a document could not be read")

    monkeypatch.setattr(store, "_prepare", failing)
    with pytest.raises(ValueError, match="could not be read"):
        engine.rebuild([doc(n, f"Entry {n}") for n in range(1, 5)])
    assert SearchEntry.objects.count() == before


def _batches_prepared_on(monkeypatch, batch_size: int, count: int) -> list[str]:
    """The threads `store.insert`'s batches were prepared on, for `count` documents in batches of `batch_size`."""
    threads: list[str] = []
    prepare = store._prepare

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(store, "_prepare", recording)
    monkeypatch.setattr(store, "BATCH", batch_size)
    store.insert([doc(i, title=f"Document {i}") for i in range(count)])
    return threads


@pytest.mark.django_db
def test_a_single_batch_is_prepared_in_line(monkeypatch):
    assert set(_batches_prepared_on(monkeypatch, batch_size=10, count=3)) == {"MainThread"}


@pytest.mark.django_db
def test_many_batches_are_prepared_on_a_second_thread_for_copy_only(monkeypatch):
    threads = _batches_prepared_on(monkeypatch, batch_size=2, count=7)
    assert len(threads) == 4
    if bulk.uses_copy():
        assert "MainThread" not in threads
    else:
        assert set(threads) == {"MainThread"}
