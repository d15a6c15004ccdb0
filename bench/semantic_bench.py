"""Semantic retrieval benchmark: query encoding, nearest neighbours at 100,000 documents, memory, encoding throughput.

Not a test: run it by hand and record the figures in docs/search.md ("Semantic retrieval").

    .venv/bin/python bench/semantic_bench.py                       # 100,000 documents, 500 encoded for real
    .venv/bin/python bench/semantic_bench.py --compare             # also the storage and search alternatives
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/semantic_bench .venv/bin/python bench/semantic_bench.py

Documents and queries come from the shared corpus (../shared/bench/gen_corpus.py). The first `--encode` documents
go through the real path (stored, then encoded by embed_pending: the first-import throughput). Encoding 100,000
would take over an hour, so the other vectors are mixtures of those real ones plus noise (their similarity to
the benchmark queries is distributed like the real vectors'); every document keeps its own facets from the
corpus. Memory and nearest-neighbour times are taken in a fresh process (as a web process would be: Django set
up, then the model and the vectors loaded on first use). Without DATABASE_URL a throwaway SQLite file is used,
deleted at each start; with it, use a database of its own: its vector tables are emptied at each start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_BENCH = ROOT.parent / "shared" / "bench"
MODEL = "bench"

# Filters of the nearest-neighbour timings: none, one facet, two facets, and a narrow one (a few hundred documents).
FILTERS: list[dict[str, tuple[str, ...]]] = [
    {},
    {"service_area": ("Housing repairs",)},
    {"region": ("London", "South East")},
    {"service_area": ("Waste and recycling",), "year": ("2024",)},
    {"region": ("Wales",), "stage": ("Live",)},
]


def corpus(n: int):
    from search.types import SearchDocument

    sys.path.insert(0, str(SHARED_BENCH))
    from gen_corpus import generate  # the shared corpus, imported at run time (never copied here)

    for row in generate(n):
        yield SearchDocument(
            id=f"page:{row['id']}",
            kind="case_study",
            title=row["title"],
            url=f"/bench/{row['id']}/",
            summary=row["summary"],
            body=row["body"],
            council=row["council"],
            regions=(row["region"],),
            service_area=row["service_area"],
            stage=row["stage"],
            tags=tuple(row["tags"]),
            published=date(int(row["year"]), 6, 1),
        )


def queries() -> list[str]:
    sys.path.insert(0, str(SHARED_BENCH))
    from gen_corpus import QUERIES

    return list(QUERIES)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(values: list[float]) -> str:
    return f"median {statistics.median(values):6.2f} ms, p95 {percentile(values, 95):6.2f} ms"


def measure_query_encoding(rounds: int) -> None:
    from search.semantic import encoder

    texts = queries()
    encoder.embed_query(texts[0])  # warm-up
    times = []
    for _ in range(rounds):
        for text in texts:
            encoder._embed_one.cache_clear()  # time the encoding, not the memory of recent queries
            started = time.perf_counter()
            encoder.embed_query(text)
            times.append((time.perf_counter() - started) * 1000)
    print(f"query embedding ({len(texts)} queries x {rounds}): {timed(times)}")


def measure_first_import(count: int, blas_threads: int) -> None:
    """Store `count` documents, then encode them as the drain does: documents per second for a first import."""
    from search import semantic
    from search.semantic import encoder
    from search.semantic.indexing import embed_pending

    docs = list(corpus(count))
    semantic.index_documents(docs)
    if blas_threads != 1:
        from threadpoolctl import threadpool_limits

        model = encoder.encoder()

        def encode(texts: list[str]):
            with threadpool_limits(blas_threads, "blas"):
                return model.encode(texts)

        encoder.embed_texts = encode  # type: ignore[assignment]
    started = time.perf_counter()
    encoded = embed_pending()
    elapsed = time.perf_counter() - started
    print(f"first import: {encoded} documents encoded in {elapsed:.1f}s = {encoded / elapsed:.1f} documents/s "
          f"({blas_threads} BLAS thread(s))")  # fmt: skip


def measure_reindex(count: int) -> None:
    """What a full reindex adds for the vectors (texts, hashes, facets stored; nothing encoded): documents/s."""
    from search import semantic

    docs = list(corpus(count))
    for label in ("first reindex (every row new)", "reindex, nothing changed"):
        started = time.perf_counter()
        for _ in semantic.rebuild_documents(docs):
            pass
        elapsed = time.perf_counter() - started
        print(f"{label}: {count:,} documents in {elapsed:.1f}s = {count / elapsed:,.0f} documents/s")


def synthesise(size: int, seed: int = 7):
    """(documents, float32 matrix) for `size` documents: real vectors of the first ones, mixtures for the rest."""
    import numpy as np

    from search.models import Embedding
    from search.semantic import encoder

    stored = Embedding.objects.filter(model=encoder.current_model_key()).values_list("vector", flat=True)
    real = np.stack([np.frombuffer(bytes(v), dtype="<f4") for v in stored])
    rng = np.random.default_rng(seed)
    a = real[rng.integers(0, len(real), size)]
    b = real[rng.integers(0, len(real), size)]
    matrix = a + 0.5 * b + rng.standard_normal(a.shape).astype(np.float32) * 0.03
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return list(corpus(size)), matrix.astype(np.float32)


def store_vectors(docs, matrix) -> None:
    """Write documents and vectors as the indexing path would leave them (synthetic hashes under MODEL)."""
    from django.db import connection, transaction

    from search.models import DocumentVector, Embedding
    from search.semantic import store
    from search.semantic.text import facets_of

    with transaction.atomic():
        DocumentVector.objects.all().delete()
        Embedding.objects.filter(model=MODEL).delete()
        for start in range(0, len(docs), 2000):
            batch = docs[start : start + 2000]
            DocumentVector.objects.bulk_create(
                DocumentVector(doc_id=d.id, text_hash=f"h{d.id}", text="", facets=facets_of(d)) for d in batch
            )
            Embedding.objects.bulk_create(
                Embedding(model=MODEL, text_hash=f"h{d.id}", vector=matrix[start + i].tobytes())
                for i, d in enumerate(batch)
            )
        with connection.cursor() as cursor:
            store.bump(cursor, None)


def measure_process(rounds: int) -> None:
    """In a fresh process: memory with the model and the vectors loaded, then nearest-neighbour times."""
    from search.semantic import encoder, vectors

    print(f"fresh process after Django set-up: RSS {rss_mb():.0f} MB")
    started = time.perf_counter()
    model = encoder.encoder()
    print(f"  model loaded in {time.perf_counter() - started:.1f}s: RSS {rss_mb():.0f} MB")
    before = rss_mb()
    started = time.perf_counter()
    index = vectors.current(MODEL)
    print(f"  vectors loaded in {time.perf_counter() - started:.1f}s: {index.size:,} documents, "
          f"{index.nbytes / 1e6:.0f} MB of vectors, RSS +{rss_mb() - before:.0f} MB -> {rss_mb():.0f} MB")  # fmt: skip
    measure_nearest(model.encode(queries()), index.size, rounds)


def measure_nearest(query_vectors, size: int, rounds: int) -> None:
    from search.semantic import vectors

    times: dict[str, list[float]] = {}
    for _ in range(rounds):
        for filters in FILTERS:
            label = " + ".join(filters) or "no filter"
            for query in query_vectors:
                started = time.perf_counter()
                index = vectors.current(MODEL)  # the freshness check every call makes (one small query)
                index.search(query, 10, index.allowed(filters))
                times.setdefault(label, []).append((time.perf_counter() - started) * 1000)
    everything = [t for values in times.values() for t in values]
    print(f"nearest, k=10, {size:,} documents: {timed(everything)}")
    for label, values in times.items():
        passing = vectors.current(MODEL).allowed(next(f for f in FILTERS if (" + ".join(f) or "no filter") == label))
        print(f"  {label:<28} ({passing.bit_count():>6,} documents): {timed(values)}")


def compare(matrix, rounds: int) -> None:
    """The storage and search alternatives, on the same vectors: time, memory and how many of the true top 10."""
    import numpy as np
    import simsimd
    from threadpoolctl import threadpool_limits

    from search.semantic import encoder
    from search.semantic.vectors import CANDIDATES, INT8_RANGE

    qs = encoder.encoder().encode(queries())
    k = 10
    exact = [set(np.argsort(-(matrix @ q))[:k].tolist()) for q in qs]
    half = matrix.astype(np.float16)
    codes = np.clip(np.rint(matrix * (127 / INT8_RANGE)), -127, 127).astype(np.int8)
    bits = np.ascontiguousarray(np.packbits(matrix > 0, axis=1).view(np.uint64).T)

    def top(scores, n=k):
        best = np.argpartition(-scores, n)[:n]
        return best[np.argsort(-scores[best])]

    def int8_numpy(q):
        code = np.clip(np.rint(q * (127 / INT8_RANGE)), -127, 127).astype(np.int8)
        return top(np.matmul(codes, code, dtype=np.int32))

    def int8_rescored(q):
        code = np.clip(np.rint(q * (127 / INT8_RANGE)), -127, 127).astype(np.int8)[None]
        first = np.asarray(simsimd.cdist(code, codes, metric="dot", threads=1))[0]
        candidates = np.argpartition(-first, CANDIDATES)[:CANDIDATES]
        return candidates[top(half[candidates].astype(np.float32) @ q)]

    def binary_rescored(q, candidates=1000):
        code = np.packbits(q > 0).view(np.uint64)
        distance = np.zeros(len(matrix), dtype=np.uint16)
        for j in range(bits.shape[0]):
            distance += np.bitwise_count(bits[j] ^ code[j])
        best = np.argpartition(distance, candidates)[:candidates]
        return best[top(half[best].astype(np.float32) @ q)]

    def one_thread(f):
        def run(q):
            with threadpool_limits(1, "blas"):
                return f(q)

        return run

    ways = [
        ("float32, numpy matrix-vector, 1 thread", matrix.nbytes, one_thread(lambda q: top(matrix @ q))),
        ("float32, numpy matrix-vector, 2 threads", matrix.nbytes, lambda q: top(matrix @ q)),
        ("float16, numpy", half.nbytes, lambda q: top(half @ q.astype(np.float16))),
        ("float16, simsimd", half.nbytes,
         lambda q: top(np.asarray(simsimd.cdist(q.astype(np.float16)[None], half, metric="dot", threads=1))[0])),
        ("int8, numpy integer product", codes.nbytes, int8_numpy),
        ("int8 simsimd + float16 re-score (used)", codes.nbytes + half.nbytes, int8_rescored),
        ("sign bits + float16 re-score of 1,000", bits.nbytes + half.nbytes, binary_rescored),
    ]  # fmt: skip
    print(f"alternatives at {len(matrix):,} x {matrix.shape[1]} (k = {k}, {len(qs)} queries x {rounds}):")
    for label, nbytes, search in ways:
        search(qs[0])
        times, recall = [], []
        for _ in range(1 if label.startswith(("float16, numpy", "int8, numpy")) else rounds):  # the slow ones once
            for q, truth in zip(qs, exact, strict=True):
                started = time.perf_counter()
                found = search(q)
                times.append((time.perf_counter() - started) * 1000)
                recall.append(len(truth & set(np.asarray(found).tolist())) / k)
        print(f"  {label:<42} {nbytes / 1e6:>5.0f} MB  {timed(times)}  top 10 found {np.mean(recall):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="documents in the nearest-neighbour index")
    parser.add_argument("--encode", type=int, default=500, help="documents encoded for real (first import)")
    parser.add_argument("--reindex", type=int, default=20_000, help="documents passed through a vector rebuild")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--blas-threads", type=int, default=1, help="threads while encoding documents")
    parser.add_argument("--compare", action="store_true", help="also time the storage and search alternatives")
    parser.add_argument("--fresh-process", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.fresh_process:
        setup()
        measure_process(args.rounds)
        return
    if not os.environ.get("DATABASE_URL"):
        throwaway = Path(tempfile.gettempdir()) / "semantic_bench.sqlite3"
        throwaway.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{throwaway}"
    setup()
    from django.core.management import call_command
    from django.db import connection

    from search.semantic import encoder

    call_command("migrate", verbosity=0)
    empty_vector_tables()
    print(f"vendor: {connection.vendor}; load average before: {load_average()}")
    before = rss_mb()
    started = time.perf_counter()
    encoder.encoder()
    print(f"model loaded in {time.perf_counter() - started:.1f}s: RSS {before:.0f} MB -> {rss_mb():.0f} MB")
    measure_query_encoding(args.rounds)
    measure_first_import(args.encode, args.blas_threads)
    measure_reindex(args.reindex)
    docs, matrix = synthesise(args.size)
    store_vectors(docs, matrix)
    del docs
    sys.stdout.flush()
    child = [sys.executable, __file__, "--fresh-process", "--rounds", str(args.rounds)]
    subprocess.run(child, check=True, env=os.environ)
    if args.compare:
        compare(matrix, args.rounds)
    print(f"load average after: {load_average()}")  # figures taken under load are upper bounds


def empty_vector_tables() -> None:
    from django.db import connection

    from search.models import DocumentVector, Embedding, VectorChange, VectorState

    with connection.cursor() as cursor:  # not the ORM's delete, which would load every row first
        for model in (DocumentVector, Embedding, VectorChange, VectorState):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - table names from the models


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox_site.settings.dev")
    os.environ["SEARCH_SEMANTIC"] = "true"
    import django

    django.setup()


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
