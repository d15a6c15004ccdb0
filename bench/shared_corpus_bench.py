"""Search benchmark on the shared corpus, beside tantivy (in-process BM25) in the same run.

Not a test: run it by hand and record the command, the load average and the figures in docs/performance.md.

    .venv/bin/python bench/shared_corpus_bench.py                                   # 10,000 and 100,000, both vendors
    .venv/bin/python bench/shared_corpus_bench.py --sizes 10000 100000 --vendor sqlite postgres --rounds 3 --profile
    .venv/bin/python bench/shared_corpus_bench.py --sizes 10000 --vendor sqlite --rounds 1      # a quick look
    .venv/bin/python bench/shared_corpus_bench.py --sizes 10000 --semantic --profile            # hybrid search

The documents and the 60 queries (20 keywords, 32 phrases of 2-4 words, 8 misspellings) come from the shared
generator, imported at run time from `<the repository's parent>/shared/bench/gen_corpus.py` (or `--shared-bench
DIR`); it is never copied into the project. The corpus for the largest size is generated once per run; a smaller
size is a prefix of it, as the generator guarantees.

For each size, in one run and one after the other:

- the project's engine on each vendor asked for (`--vendor sqlite postgres`), each in a fresh process on a fresh
  database with production settings (DEBUG off): SQLite in a throwaway file, PostgreSQL in a database this script
  creates and drops (`--postgres-url`, default postgres://postgres@127.0.0.1:5432/bench_shared_corpus). The
  documents are loaded with `get_engine().rebuild()` (documents/s), then every query is timed through
  `engine.search()` with facets on, first page of 10, one untimed warm-up pass, then `--rounds` timed passes;
- tantivy (PyPI `tantivy`), the near-limit reference: the same documents in an on-disk index with title, summary,
  body and tags fields and the English stemming tokenizer (`en_stem`); each query is parsed by tantivy's own query
  parser over those four fields, as a disjunction (its default, "OR") and as a conjunction ("AND", the project's
  semantics), then the top 10 are collected with the total count and their stored ids read. No facets, no typo
  correction, no synonyms, no highlights.

It prints index documents/s, p50 / p95 / max per engine, p50 / p95 per query type (keyword, phrase, misspelling),
the ratio of the project's p95 to tantivy's, the slowest queries, and the load average (1, 5, 15 min) at the start
and end of the run and of each phase. The machine is shared: compare the rows of one run, not runs.

After the timed passes, a cold pass runs each query once with no word's postings held in process (`postings.forget()`
before each: every word of the query is read from the database, as for the first search after any write to the
index); its p50 / p95 are the "cold" column. Then an "after a write" pass: before each query one document is
written again with a changed title (`engine.index()`, untimed), so each search first follows the write: the held
postings are patched for the written entry (and, on SQLite, rescored), as on a site where pages are being published.

`--profile`: for the `--profile-top` slowest queries of each project engine (by median), where the time of one
`engine.search()` goes, measured from outside the engine (nothing in the engine changes):

- stage times: the engine's internal functions are wrapped with timers for `--profile-repeats` calls and the
  median exclusive time of each stage is printed: planning and glossary, bitmap cache check, typo checks, clause
  postings read (the dialect's `postings`, for words not held in process: none once a query has run), tier counts
  (the bit-sliced counter of graded.py), the typed-words check (`_needing_synonyms`), tier ranking (numpy over the
  held postings, `postings.best_among`, with how many calls and candidates it ranked), with semantic retrieval on the
  query embedding, the vectors' freshness check, the vector search and the fusion (`_by_meaning`'s entry-id lookup
  and `_fused`), then fetching hits, highlights, facet counts, and the rest of search() as Python overhead;
- the top functions by own time, from pyinstrument if it is installed, else cProfile.

`--semantic`: hybrid search, SEARCH_SEMANTIC on (without it the workers run with SEARCH_SEMANTIC off, words only).
Before the vendors run, the documents' vectors are computed once per size with the project's model, as
`embed_pending()` computes them (one BLAS thread; the throughput in documents/s is printed), and saved to
`--vector-cache DIR/bench-vectors-<size>-<hash>.npy` (default the system's temporary directory, outside the
repository), the hash covering the model and every document's text; later runs read that file instead of encoding
(`--vectors-only` fills it and stops). Each vendor's rebuild then goes through `semantic.rebuild_documents()` as
`search_reindex` does (so index documents/s includes storing the texts for the vectors), the embedding cache table
is filled from the file by text hash, and the process loads the vectors before the warm-up pass. The encoder
remembers recent query vectors; the benchmark clears that memory before every search, so each timed search
embeds its query.

`--json FILE` also writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import pstats
import secrets
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from search.types import SearchDocument

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED_BENCH = ROOT.parent / "shared" / "bench"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_shared_corpus"
PAGE_SIZE = 10
# The generator lists its 60 queries in this order (its README and comments): keywords, phrases, misspellings.
QUERY_TYPES = (("keyword", 20), ("phrase", 32), ("misspelling", 8))
TANTIVY_FIELDS = ["title", "summary", "body", "tags"]
RESULT_PREFIX = "RESULT "

Result = dict[str, Any]


# The shared corpus


def load_generator(directory: Path) -> ModuleType:
    """Import ../shared/bench/gen_corpus.py from where it lives (never a copy in the project)."""
    path = directory / "gen_corpus.py"
    if not path.is_file():
        raise SystemExit(f"the shared corpus generator is missing: {path} (use --shared-bench DIR)")
    spec = importlib.util.spec_from_file_location("gen_corpus", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def query_types(queries: Sequence[str]) -> list[str]:
    """The type of each query, by its position in the generator's list."""
    types = [name for name, count in QUERY_TYPES for _ in range(count)]
    if len(types) != len(queries):
        raise SystemExit(f"expected {len(types)} shared queries, got {len(queries)}: update QUERY_TYPES")
    return types


def write_corpus(generator: ModuleType, size: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in generator.generate(size):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_corpus(path: Path, size: int) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(records) == size:
                break
            records.append(json.loads(line))
    if len(records) < size:
        raise SystemExit(f"{path} holds {len(records)} documents, fewer than {size}")
    return records


@functools.cache
def _council_types() -> dict[str, str]:
    with (ROOT / "councils" / "data" / "councils.csv").open(encoding="utf-8") as handle:
        return {row["name"]: row["council_type"] for row in csv.DictReader(handle)}


def search_document(record: dict[str, Any], doc_id: str | None = None) -> SearchDocument:
    """A shared-corpus record as the project indexes a case study. The corpus gives a year only: the day of the
    year is derived from the id (deterministic), so the recency factor varies as with real dates."""
    from search.types import SearchDocument

    number = int(record["id"])
    return SearchDocument(
        id=doc_id or f"page:{number}",
        kind="case_study",
        title=record["title"],
        url=f"/bench/{number}/",
        summary=record["summary"],
        body=record["body"],
        council=record["council"],
        facets={"council_type": (_council_types().get(record["council"], ""),)},
        regions=(record["region"],),
        service_area=record["service_area"],
        stage=record["stage"],
        tags=tuple(record["tags"]),
        published=date(int(record["year"]), number % 12 + 1, number % 28 + 1),
    )


# Figures


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (as bench/search_bench.py)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def summarise(timings: dict[str, list[float]], queries: Sequence[str], totals: dict[str, int]) -> Result:
    """p50 / p95 / max over every timing, the same per query type, and each query's median."""
    types = dict(zip(queries, query_types(queries), strict=True))
    every = [ms for q in queries for ms in timings[q]]
    by_type: dict[str, list[float]] = defaultdict(list)
    for q in queries:
        by_type[types[q]].extend(timings[q])
    return {
        "p50": statistics.median(every),
        "p95": percentile(every, 95),
        "max": max(every),
        "by_type": {name: {"p50": statistics.median(v), "p95": percentile(v, 95)} for name, v in by_type.items()},
        "per_query": {q: {"median": statistics.median(timings[q]), "total": totals.get(q, 0)} for q in queries},
    }


def time_queries(search: Callable[[str], int], queries: Sequence[str], rounds: int) -> Result:
    """One untimed warm-up pass, then `rounds` timed passes; `search` returns the number of matches."""
    totals = {q: search(q) for q in queries}
    timings: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            search(q)
            timings[q].append((time.perf_counter() - started) * 1000)
    return summarise(timings, queries, totals)


def cold_pass(search: Callable[[str], int], queries: Sequence[str]) -> Result:
    """Each query once with no word's postings held in process (as after a write to the index): p50 / p95."""
    from search.engines.database import postings

    timings = []
    for q in queries:
        postings.forget()
        started = time.perf_counter()
        search(q)
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 95), "max": max(timings)}


def after_write_pass(search: Callable[[str], int], write: Callable[[int], None], queries: Sequence[str]) -> Result:
    """Each query once, straight after a write to the index (untimed): p50 / p95."""
    timings = []
    for n, q in enumerate(queries):
        write(n)
        started = time.perf_counter()
        search(q)
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 95), "max": max(timings)}


# tantivy, the near-limit reference (in this process)


def tantivy_measure(records: list[dict[str, Any]], queries: Sequence[str], rounds: int, workdir: Path) -> list[Result]:
    """Index the records with tantivy, then time the queries parsed as OR and as AND. One result for each."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in TANTIVY_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="en_stem")
    directory = workdir / f"tantivy_{len(records)}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()
    load_before = load_average()
    index = tantivy.Index(builder.build(), path=str(directory))
    started = time.perf_counter()
    writer = index.writer(heap_size=256_000_000)
    for r in records:
        writer.add_document(
            tantivy.Document(id=str(r["id"]), title=r["title"], summary=r["summary"], body=r["body"], tags=r["tags"])
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    index_seconds = time.perf_counter() - started
    searcher = index.searcher()
    version = importlib.metadata.version("tantivy")
    results = []
    for mode, conjunction in (("OR", False), ("AND", True)):

        def search(text: str, conjunction: bool = conjunction) -> int:
            query = index.parse_query(text, TANTIVY_FIELDS, conjunction_by_default=conjunction)
            found = searcher.search(query, PAGE_SIZE)
            for _score, address in found.hits:
                searcher.doc(address)["id"]
            return int(getattr(found, "count", 0) or 0)  # the count the search computed (not in the type stubs)

        figures = time_queries(search, queries, rounds)
        figures.update(
            engine=f"tantivy {mode}",
            label=f"tantivy {version} ({mode}, BM25, no facets)",
            size=len(records),
            docs_per_second=len(records) / index_seconds,
            load_before=load_before,
            load_after=load_average(),
        )
        results.append(figures)
    shutil.rmtree(directory, ignore_errors=True)
    return results


# Document vectors for --semantic: computed once with the project's model, cached in a file outside the repository


def vector_cache_file(directory: Path, size: int, model: str, hashes: Sequence[str]) -> Path:
    """The cache file for these documents: keyed by the corpus size and a hash of the model and every text."""
    digest = hashlib.sha256("\n".join([model, *hashes]).encode()).hexdigest()[:16]
    return directory / f"bench-vectors-{size}-{digest}.npy"


def document_vectors(docs: Sequence[SearchDocument], directory: Path) -> tuple[str, list[str], Any, Result]:
    """(model key, text hash per document, float32 matrix with a row per document, figures), from the cache file
    when there is one, else encoded with the project's encoder (as `embed_pending()` encodes: one BLAS thread)."""
    import numpy as np

    from search.semantic import encoder
    from search.semantic.text import document_text, text_hash

    model = encoder.current_model_key()
    if model is None:
        raise SystemExit(f"semantic retrieval cannot run: {encoder.problem()}")
    texts = [document_text(doc) for doc in docs]
    hashes = [text_hash(text) for text in texts]
    path = vector_cache_file(directory, len(docs), model, hashes)
    if path.is_file():
        matrix = np.load(path)
        if matrix.shape[0] == len(docs):
            print(f"  vectors: {len(docs):,} read from {path}", flush=True)
            return model, hashes, matrix, {"vector_file": str(path)}
    processes = os.cpu_count() or 1
    print(
        f"  vectors: encoding {len(docs):,} documents with the project's model into {path} "
        f"({processes} processes, one BLAS thread each)",
        flush=True,
    )
    started = time.perf_counter()
    encoded_now = _encode_in_chunks(texts, path, processes, started)
    seconds = time.perf_counter() - started
    matrix = np.concatenate([np.load(chunk) for chunk in _chunk_files(path, len(texts))])
    partial = path.with_suffix(".partial.npy")
    np.save(partial, matrix)
    partial.replace(path)
    for chunk in _chunk_files(path, len(texts)):
        chunk.unlink()
    rate = encoded_now / seconds if encoded_now else 0.0
    print(
        f"  vectors: {encoded_now:,} encoded in {seconds / 60:.1f} min = {rate:.1f} documents/s on "
        f"{processes} processes (the rest were already in chunk files from an interrupted run)",
        flush=True,
    )
    return model, hashes, matrix, {"vector_file": str(path), "encode_docs_per_second": rate}


VECTOR_CHUNK = 1000


def _chunk_files(path: Path, count: int) -> list[Path]:
    """One file per 1,000 documents beside the cache file, so an interrupted encoding resumes where it stopped."""
    return [path.with_suffix(f".chunk-{start:07d}.npy") for start in range(0, count, VECTOR_CHUNK)]


def _encode_chunk(texts: Sequence[str], destination: Path) -> int:
    import numpy as np

    from search.semantic import encoder

    encoded = encoder.embed_texts(list(texts))
    if encoded is None:
        raise SystemExit(f"semantic retrieval cannot run: {encoder.problem()}")
    partial = destination.with_suffix(".partial.npy")
    np.save(partial, encoded)
    partial.replace(destination)
    return len(texts)


def _encode_in_chunks(texts: Sequence[str], path: Path, processes: int, started: float) -> int:
    """Encode the chunks not yet on disk, in parallel processes (the encoder holds the GIL); documents encoded."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    todo = [
        (start, chunk)
        for start, chunk in zip(range(0, len(texts), VECTOR_CHUNK), _chunk_files(path, len(texts)), strict=True)
        if not chunk.is_file()
    ]
    remaining = sum(len(texts[start : start + VECTOR_CHUNK]) for start, _ in todo)
    done = 0
    with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(_encode_chunk, texts[start : start + VECTOR_CHUNK], chunk) for start, chunk in todo]
        for future in futures:
            done += future.result()
            rate = done / (time.perf_counter() - started)
            print(
                f"    {done:,} of {remaining:,}: {rate:.1f} documents/s, about "
                f"{(remaining - done) / rate / 60:.0f} min to go (load average {load_average()})",
                flush=True,
            )
    return done


def store_vectors(model: str, hashes: Sequence[str], matrix: Any) -> None:
    """Fill the project's embedding cache (keyed by text hash) straight from the matrix, as embed_pending would."""
    from django.db import connection, transaction

    from search.models import Embedding
    from search.semantic import store

    unique = dict(zip(hashes, matrix, strict=True))
    with transaction.atomic():
        Embedding.objects.filter(model=model).delete()
        Embedding.objects.bulk_create(
            (Embedding(model=model, text_hash=h, vector=v.astype("<f4").tobytes()) for h, v in unique.items()),
            batch_size=2000,
        )
        with connection.cursor() as cursor:
            store.bump(cursor, None)


# The project's engine (in a child process per vendor and size)


class StageTimer:
    """Exclusive wall-clock time per stage, from timers wrapped around the engine's functions.

    A stage wrapped `inclusive` keeps the time of everything it calls (the timers inside it do not count)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._stack: list[float] = []
        self._absorbing = 0
        self.calls: dict[str, list[tuple[Any, ...]]] = defaultdict(list)

    def wrap(self, stage: str, function: Callable[..., Any], inclusive: bool = False) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._absorbing:
                return function(*args, **kwargs)
            self.calls[function.__name__].append(args)
            started = time.perf_counter()
            self._stack.append(0.0)
            self._absorbing += inclusive
            try:
                return function(*args, **kwargs)
            finally:
                self._absorbing -= inclusive
                elapsed = time.perf_counter() - started
                inner = self._stack.pop()
                self.totals[stage] += elapsed - inner
                if self._stack:
                    self._stack[-1] += elapsed

        return timed

    @contextlib.contextmanager
    def installed(self, targets: list[tuple[object, str, str, bool]]) -> Iterator[None]:
        originals = [(owner, name, owner.__dict__[name]) for owner, name, _, _ in targets]
        try:
            for owner, name, stage, inclusive in targets:
                setattr(owner, name, self.wrap(stage, getattr(owner, name), inclusive))
            yield
        finally:
            for owner, name, original in reversed(originals):
                setattr(owner, name, original)


STAGES = (
    "plan + glossary",
    "bitmap cache check",
    "typo checks",
    "postings read (words not held)",
    "tier counts (bit-sliced)",
    "typed-words check",
    "tier ranking (numpy)",
    "query embedding",
    "vector freshness check",
    "vector search",
    "fusion (entry ids, RRF)",
    "fetch hits",
    "highlights",
    "facet counts",
    "other (Python)",
)


def _stage_targets(vendor: str) -> list[tuple[object, str, str, bool]]:
    """(owner, attribute, stage, inclusive): every function of a search that the profile times."""
    from search.engines.database import bitmaps, graded, postings
    from search.engines.database import engine as engine_module
    from search.engines.database.postgres import PostgresDialect
    from search.engines.database.sqlite import SqliteDialect
    from search.semantic import encoder, vectors

    dialect: type[PostgresDialect] | type[SqliteDialect] = PostgresDialect if vendor == "postgres" else SqliteDialect
    return [
        (engine_module, "current_glossary", "plan + glossary", False),
        (engine_module, "plan", "plan + glossary", False),
        (engine_module, "with_corrections", "plan + glossary", False),
        (engine_module, "clause_labels", "plan + glossary", False),
        (bitmaps, "bitmaps", "bitmap cache check", False),
        (engine_module.DatabaseEngine, "_corrections", "typo checks", True),
        (engine_module, "_needing_synonyms", "typed-words check", True),
        (dialect, "postings", "postings read (words not held)", False),
        (graded, "exact_counts", "tier counts (bit-sliced)", False),
        (postings, "best_among", "tier ranking (numpy)", False),
        (encoder, "embed_query", "query embedding", False),
        (vectors, "current", "vector freshness check", False),
        (vectors.VectorIndex, "search", "vector search", False),
        (engine_module, "_by_meaning", "fusion (entry ids, RRF)", False),
        (engine_module, "_fused", "fusion (entry ids, RRF)", False),
        (engine_module.DatabaseEngine, "_hits", "fetch hits", False),
        (dialect, "highlights", "highlights", False),
        (engine_module, "_facet_counts", "facet counts", False),
    ]


def _top_functions(call: Callable[[], object], repeats: int, limit: int = 12) -> str:
    """The functions with most own time over `repeats` calls: pyinstrument if installed, else cProfile."""
    try:
        from pyinstrument import Profiler  # type: ignore[import-not-found]
    except ImportError:
        Profiler = None
    if Profiler is not None:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(repeats):
            call()
        profiler.stop()
        return profiler.output_text(unicode=False, color=False)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        call()
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:limit]  # type: ignore[attr-defined]
    lines = [f"    {'own ms/call':>11} {'cum ms/call':>11} {'calls/search':>12}  function (cProfile, {repeats} calls)"]
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in rows:
        where = filename
        for prefix in (str(ROOT) + "/", "site-packages/"):
            if prefix in where:
                where = where.split(prefix, 1)[1]
        label = name if filename == "~" else f"{name} ({where}:{line})"
        lines.append(
            f"    {own / repeats * 1000:>11.2f} {cumulative / repeats * 1000:>11.2f} {calls / repeats:>12.0f}  {label}"
        )
    return "\n".join(lines)


def _forget_query_vectors() -> None:
    """Forget the encoder's remembered query vectors, so every timed search embeds its query."""
    from search.semantic import encoder

    encoder._embed_one.cache_clear()


def profile_queries(
    vendor: str, engine: Any, queries: Sequence[str], repeats: int, semantic: bool
) -> dict[str, dict[str, float]]:
    """Stage times (median of `repeats` calls) and top functions for each query; prints them as it goes."""
    from search.types import SearchQuery

    stage_rows: dict[str, dict[str, float]] = {}
    for text in queries:
        query = SearchQuery(text=text, page_size=PAGE_SIZE)
        engine.search(query)
        runs: list[dict[str, float]] = []
        for _ in range(repeats):
            if semantic:
                _forget_query_vectors()
            timer = StageTimer()
            with timer.installed(_stage_targets(vendor)):
                started = time.perf_counter()
                page = engine.search(query)
                total = (time.perf_counter() - started) * 1000
            stages = {stage: timer.totals.get(stage, 0.0) * 1000 for stage in STAGES}
            stages["other (Python)"] = total - sum(stages.values())
            stages["total"] = total
            ranked = timer.calls.get("best_among", [])
            stages["best_among calls"] = len(ranked)
            stages["candidates scored"] = sum(args[1].bit_count() for args in ranked)
            runs.append(stages)
        row = {stage: statistics.median(run[stage] for run in runs) for stage in runs[0]}
        row["matches"] = page.total
        stage_rows[text] = row
        print(f"\n  {text!r}: {page.total:,} matches, median of {repeats} calls {row['total']:.1f} ms", flush=True)
        for stage in STAGES:
            print(f"    {stage:<30} {row[stage]:>7.2f} ms", flush=True)
        print(
            f"    ranking: {row['best_among calls']:.0f} call(s), {row['candidates scored']:,.0f} candidates scored",
            flush=True,
        )

        def call(query: Any = query) -> object:
            if semantic:
                _forget_query_vectors()
            return engine.search(query)

        print(_top_functions(call, repeats), flush=True)
    return stage_rows


def _setup_django(database_url: str, semantic: bool) -> None:
    os.environ.pop("ELASTICSEARCH_URL", None)  # the database engine is what is measured
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sandbox_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "SEARCH_SEMANTIC": "true" if semantic else "false",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def vectors_worker(args: argparse.Namespace) -> None:
    """Compute (or find) the cached vectors of the first `size` documents, in a process of its own."""
    _setup_django(args.database_url, semantic=True)
    docs = [search_document(r) for r in read_corpus(Path(args.corpus), args.size)]
    _, _, _, figures = document_vectors(docs, Path(args.vector_cache))
    print(RESULT_PREFIX + json.dumps(figures), flush=True)


def worker(args: argparse.Namespace) -> None:
    """One vendor and one size, in a fresh process: rebuild, time the queries, optionally profile."""
    _setup_django(args.database_url, args.semantic)
    from django.core.management import call_command
    from django.db import connection

    from search import semantic
    from search.engines import get_engine
    from search.types import SearchQuery

    call_command("migrate", verbosity=0)
    generator = load_generator(Path(args.shared_bench))
    queries = list(generator.QUERIES)
    records = read_corpus(Path(args.corpus), args.size)
    docs = [search_document(r) for r in records]
    del records
    engine = get_engine()
    if getattr(engine, "name", "") != "database":
        raise SystemExit(f"expected the database engine, got {engine!r}")
    if args.vendor == "postgres":
        version = f"PostgreSQL {connection.pg_version // 10000}"  # type: ignore[attr-defined]
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    extra: Result = {}
    if args.semantic:
        model, hashes, matrix, extra = document_vectors(docs, Path(args.vector_cache))
    load_before = load_average()
    started = time.perf_counter()
    # As search_reindex does it: with semantic retrieval on, the documents' texts are stored for their vectors too.
    engine.rebuild(semantic.rebuild_documents(docs) if args.semantic else docs)
    index_seconds = time.perf_counter() - started
    rewritten = docs[: len(queries)]  # written again, one before each search of the "after a write" pass
    del docs
    print(f"  {args.vendor}: rebuilt {args.size:,} documents in {index_seconds:.1f} s", flush=True)
    if args.semantic:
        from search.semantic import store, vectors

        started = time.perf_counter()
        store_vectors(model, hashes, matrix)
        with_vector, waiting = store.counts(model)
        if waiting:
            raise SystemExit(f"{waiting:,} documents have no vector after filling the embedding cache")
        filled = time.perf_counter() - started
        started = time.perf_counter()
        size = vectors.current(model).size
        loaded = time.perf_counter() - started
        print(
            f"  {args.vendor}: {with_vector:,} vectors written to the embedding cache in {filled:.1f} s; "
            f"{size:,} loaded into this process in {loaded:.1f} s",
            flush=True,
        )
        extra.update(vectors_written_seconds=filled, vectors_loaded_seconds=loaded)
        del matrix

    def search(text: str) -> int:
        if args.semantic:
            _forget_query_vectors()  # the query's embedding is part of every search's time
        return engine.search(SearchQuery(text=text, page_size=PAGE_SIZE)).total

    figures = time_queries(search, queries, args.rounds)
    figures["cold"] = cold_pass(search, queries)

    def write(n: int) -> None:
        document = rewritten[n % len(rewritten)]
        engine.index([dataclasses.replace(document, title=f"{document.title} (updated {n})")])

    for _ in range(2):  # the words are held again first, as in the warm passes
        for q in queries:
            search(q)
    figures["after write"] = after_write_pass(search, write, queries)
    suffix = " + semantic" if args.semantic else ""
    figures.update(
        engine=f"project {args.vendor}{suffix}",
        label=f"project, {version}{suffix}",
        size=args.size,
        docs_per_second=args.size / index_seconds,
        load_before=load_before,
        load_after=load_average(),
        **extra,
    )
    if args.profile:
        slowest = sorted(queries, key=lambda q: -figures["per_query"][q]["median"])[: args.profile_top]
        print(
            f"\n== Profile: {figures['label']}, {args.size:,} documents: the {len(slowest)} slowest queries "
            f"(load average {load_average()})",
            flush=True,
        )
        figures["profile"] = profile_queries(args.vendor, engine, slowest, args.profile_repeats, args.semantic)
    connection.close()
    print(RESULT_PREFIX + json.dumps(figures), flush=True)


# The run (parent process)


def _admin_url(url: str) -> tuple[str, str]:
    """(the server's maintenance database URL, the bench database's name) for a postgres:// URL."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"postgres", "template0", "template1"}:
        raise SystemExit(f"--postgres-url must name a throwaway database of its own, not {name!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def recreate_database(url: str, drop_only: bool = False) -> None:
    """Drop the bench database if it exists, then create it empty (or only drop it)."""
    import psycopg
    from psycopg import sql

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _child(command: list[str], what: str) -> Result:
    """Run a worker process, echoing its output; its figures come back on the line starting RESULT_PREFIX."""
    result: Result | None = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(RESULT_PREFIX):
                result = json.loads(line.removeprefix(RESULT_PREFIX))
            else:
                print(line, end="", flush=True)
    if child.returncode or result is None:
        raise SystemExit(f"{what} failed (exit code {child.returncode})")
    return result


def prepare_vectors(args: argparse.Namespace, size: int, corpus: Path, workdir: Path) -> Result:
    """The documents' vectors in the cache file (encoded now if it is not there yet), before any vendor runs."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--vectors-only", "--sizes", str(size)]
    command += ["--corpus", str(corpus), "--database-url", f"sqlite:///{workdir / 'vectors.sqlite3'}"]
    command += ["--shared-bench", str(args.shared_bench), "--vector-cache", str(args.vector_cache)]
    return _child(command, f"computing the vectors of {size:,} documents")


def run_worker(args: argparse.Namespace, vendor: str, size: int, corpus: Path, workdir: Path) -> Result:
    if vendor == "postgres":
        database_url = args.postgres_url
        recreate_database(database_url)
    else:
        database_url = f"sqlite:///{workdir / f'bench_{size}.sqlite3'}"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--vendor", vendor, "--sizes", str(size)]
    command += ["--corpus", str(corpus), "--database-url", database_url, "--rounds", str(args.rounds)]
    command += ["--shared-bench", str(args.shared_bench), "--vector-cache", str(args.vector_cache)]
    if args.semantic:
        command += ["--semantic"]
    if args.profile:
        command += ["--profile", "--profile-top", str(args.profile_top), "--profile-repeats", str(args.profile_repeats)]
    try:
        result = _child(command, f"the {vendor} run at {size:,} documents")
    finally:
        if vendor == "postgres" and not args.keep_database:
            recreate_database(database_url, drop_only=True)
        elif vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{workdir / f'bench_{size}.sqlite3'}{suffix}").unlink(missing_ok=True)
    return result


def _ms(value: float) -> str:
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def print_table(results: list[Result]) -> None:
    """The side-by-side markdown table: one row per engine and size; ratios against tantivy at the same size."""
    reference = {(r["size"], r["engine"]): r["p95"] for r in results if r["engine"].startswith("tantivy")}
    print(
        "| engine | documents | index docs/s | p50 ms | p95 ms | max ms | keyword p50 / p95 | phrase p50 / p95 "
        "| misspelling p50 / p95 | p95 / tantivy OR p95 | p95 / tantivy AND p95 | cold p50 / p95 "
        "| after a write p50 / p95 | load before → after |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    order = ["project sqlite", "project postgres", "project sqlite + semantic", "project postgres + semantic"]
    order += ["tantivy OR", "tantivy AND"]
    for r in sorted(results, key=lambda r: (r["size"], order.index(r["engine"]))):
        types = " | ".join(
            f"{_ms(r['by_type'][name]['p50'])} / {_ms(r['by_type'][name]['p95'])}" for name, _ in QUERY_TYPES
        )
        cold = " | ".join(
            f"{_ms(r[name]['p50'])} / {_ms(r[name]['p95'])}" if name in r else "-" for name in ("cold", "after write")
        )
        ratios = []
        for mode in ("OR", "AND"):
            tantivy_p95 = reference.get((r["size"], f"tantivy {mode}"))
            ratio = r["p95"] / tantivy_p95 if tantivy_p95 else None
            ratios.append("-" if ratio is None else f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x")
        print(
            f"| {r['label']} | {r['size']:,} | {r['docs_per_second']:,.0f} | {_ms(r['p50'])} | {_ms(r['p95'])} | "
            f"{_ms(r['max'])} | {types} | {' | '.join(ratios)} | {cold} | {r['load_before']} → {r['load_after']} |"
        )


def print_slowest(results: list[Result], count: int = 5) -> None:
    for r in sorted(results, key=lambda r: (r["size"], r["engine"])):
        slowest = sorted(r["per_query"].items(), key=lambda item: -item[1]["median"])[:count]
        listed = ", ".join(f"{q!r} {_ms(v['median'])} ms ({v['total']:,} matches)" for q, v in slowest)
        print(f"- {r['label']}, {r['size']:,}: {listed}")


def print_profile_summary(results: list[Result]) -> None:
    """Stage medians summed over the profiled queries, as a share of their total."""
    profiled = [r for r in results if r.get("profile")]
    if not profiled:
        return
    print("\nWhere the time goes (stage medians summed over the profiled slowest queries, ms and share):\n")
    header = " | ".join(f"{r['engine'].removeprefix('project ')} {r['size']:,}" for r in profiled)
    print(f"| stage | {header} |")
    print("| --- |" + " ---: |" * len(profiled))
    for stage in (*STAGES, "total"):
        values = [sum(row[stage] for row in r["profile"].values()) for r in profiled]
        if stage != "total" and not any(round(value, 1) for value in values):
            continue  # a stage that never ran (the semantic ones with semantic retrieval off)
        totals = [sum(row["total"] for row in r["profile"].values()) for r in profiled]
        cells = [f"{value:,.1f} ({value / total:.0%})" for value, total in zip(values, totals, strict=True)]
        print(f"| {stage} | {' | '.join(cells)} |")
    for key, label in (("candidates scored", "(candidates ranked)"),):
        cells = [f"{sum(row.get(key, 0) for row in r['profile'].values()):,.1f}" for r in profiled]
        print(f"| {label} | {' | '.join(cells)} |")


def _code_version() -> str:
    """The commit measured, and whether the work tree differs from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown (no git)"
    return commit.stdout.strip() + (" with uncommitted changes" if changed.stdout.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--vendor", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the 60 queries")
    parser.add_argument("--shared-bench", type=Path, default=DEFAULT_SHARED_BENCH, help="where gen_corpus.py is")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL, help="a database this script may drop")
    parser.add_argument("--keep-database", action="store_true", help="leave the PostgreSQL database after the run")
    parser.add_argument("--no-tantivy", action="store_true", help="skip the tantivy reference")
    parser.add_argument("--profile", action="store_true", help="say where the slowest queries' time goes")
    parser.add_argument("--profile-top", type=int, default=5, help="how many of the slowest queries to profile")
    parser.add_argument("--profile-repeats", type=int, default=5, help="calls per profiled query")
    parser.add_argument(
        "--semantic", action="store_true", help="hybrid search: SEARCH_SEMANTIC on, documents' vectors from the cache"
    )
    parser.add_argument(
        "--vector-cache",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="where --semantic keeps the documents' vectors (bench-vectors-<size>-<hash>.npy)",
    )
    parser.add_argument(
        "--vectors-only", action="store_true", help="with --semantic: compute (or find) the cached vectors, then stop"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    # Internal: one vendor and one size in a child process.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.shared_bench = args.shared_bench.resolve()
    args.vector_cache = args.vector_cache.resolve()
    if args.worker:
        args.vendor, args.size = args.vendor[0], args.sizes[0]
        (vectors_worker if args.vectors_only else worker)(args)
        return

    generator = load_generator(args.shared_bench)
    queries = list(generator.QUERIES)
    query_types(queries)  # fails early if the query list changed shape
    started = time.time()
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}; {os.cpu_count()} CPUs; shared corpus from {args.shared_bench}")
    print(f"code: {_code_version()}")
    print(f"load average at start (1, 5, 15 min): {load_average()}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="shared_corpus_bench_"))
    results: list[Result] = []
    encodings: list[Result] = []
    try:
        corpus = workdir / "corpus.jsonl"
        generated = time.perf_counter()
        write_corpus(generator, max(args.sizes), corpus)
        print(f"generated {max(args.sizes):,} documents in {time.perf_counter() - generated:.0f} s", flush=True)
        for size in sorted(args.sizes):
            if args.semantic or args.vectors_only:
                print(f"\n== Vectors of {size:,} documents (load average {load_average()})", flush=True)
                encodings.append({"size": size, **prepare_vectors(args, size, corpus, workdir)})
                if args.vectors_only:
                    continue
            print(f"\n== {size:,} documents, {len(queries)} queries x {args.rounds} rounds", flush=True)
            for vendor in args.vendor:
                results.append(run_worker(args, vendor, size, corpus, workdir))
            if not args.no_tantivy:
                print("  tantivy: indexing", flush=True)
                results.extend(tantivy_measure(read_corpus(corpus, size), queries, args.rounds, workdir))
            print()
            print_table([r for r in results if r["size"] == size])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n== All sizes ({(time.time() - started) / 60:.0f} min); load average at end: {load_average()}\n")
    for figures in encodings:
        rate = figures.get("encode_docs_per_second")
        encoded = f"encoded at {rate:.1f} documents/s" if rate else "read from the cache"
        print(f"Vectors of {figures['size']:,} documents: {encoded} ({figures['vector_file']})")
    if not results:
        return
    print_table(results)
    print("\nSlowest queries (median ms):")
    print_slowest(results)
    print_profile_summary(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
