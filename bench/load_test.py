"""Load test: gunicorn on 127.0.0.1 with 10,000 (or more) search documents, driven by wrk (Debian package `wrk`).

Not a test: run it by hand and record the figures in docs/performance.md.

    .venv/bin/python bench/load_test.py
    .venv/bin/python bench/load_test.py --duration 30 --connections 50 --documents 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load_test .venv/bin/python bench/load_test.py
    # The shared corpus: 100,000 documents on a throwaway PostgreSQL database, the search API uncached
    .venv/bin/python bench/load_test.py --corpus shared --documents 100000 --postgres --no-page-cache \
        --targets search-api --connections 50

What it loads: a fresh database (a throwaway SQLite file unless DATABASE_URL is set, or `--postgres [URL]`, a
PostgreSQL database this script creates and drops; default postgres://postgres@127.0.0.1:5432/load_test_bench) with
every UK council and the demo content (real, published pages: `load_demo`), plus `--documents` documents indexed
through the engine port (one `rebuild()` of the demo pages' documents and these), so the search index holds demo
pages + `--documents` documents. `--corpus generated` (the default) uses the generator and 18 queries of
bench/search_bench.py (filters, exclusions, OR, sort by newest); `--corpus shared` uses the shared corpus and its
60 queries from ../shared/bench/gen_corpus.py (imported at run time, see bench/shared_corpus_bench.py; the API asks
for the first page of 10, as that benchmark does). `--targets` picks which of the three targets below run.
It serves the site with gunicorn and production settings (DEBUG off, collected static files), then runs wrk
against three targets in turn: the search page, the search API and content pages (every live demo page and
the listing pages), each URL list rotated by a Lua script. It reports requests/s, p50/p95/p99 latency and
errors (socket errors, timeouts and non-2xx/3xx responses), and the peak resident memory of the web processes.

Semantic retrieval is on, as in production: every document gets its vector as `search_reindex` gives it, from
the cache file that `bench/shared_corpus_bench.py --vectors-only --sizes N` fills (`--vector-cache`, default the
system's temporary directory; encoding 100,000 documents takes about an hour on two cores, so fill it first).
`--words-only` switches semantic retrieval off.

The anonymous page cache (pagecache/cache.py) is on, as in production; `--no-page-cache` turns it off to
measure rendering itself. Before each target is timed, wrk drives it untimed for `--warm-up` seconds: with the
local-memory cache each gunicorn worker holds its own copy, so this is what fills every worker. With the cache on the
timed requests are therefore cache hits: the steady state between content changes, not the first visit after one
(that costs one render per worker, as with the cache off). The load average is printed
before and after, because the figures mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

if TYPE_CHECKING:
    from search.types import SearchDocument

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import QUERIES, generate  # noqa: E402 - bench/ is not a package
from shared_corpus_bench import (  # noqa: E402
    DEFAULT_SHARED_BENCH,
    document_vectors,
    load_generator,
    recreate_database,
    search_document,
    store_vectors,
)

# Generated documents get ids far above real page ids, so they never replace a real page's document.
GENERATED_ID_OFFSET = 10_000_000
COUNCIL_PAGES = 25
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/load_test_bench"
TARGETS = ("search-page", "search-api", "content")
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, ' ..
    '"errors": %%d, "status_errors": %%d, "timeouts": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout))
end
"""


def environment(database_url: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sandbox_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "600",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        }
    )
    return env


def bench_documents(corpus: str, documents: int, shared_bench: Path) -> list[SearchDocument]:
    """The documents added to the index, with ids far above real page ids."""
    if corpus == "shared":
        records = load_generator(shared_bench).generate(documents)
        return [search_document(r, doc_id=f"page:{GENERATED_ID_OFFSET + n}") for n, r in enumerate(records)]
    return [replace(doc, id=f"page:{GENERATED_ID_OFFSET + n}") for n, doc in enumerate(generate(documents))]


def prepare(
    documents: int,
    corpus: str = "generated",
    shared_bench: Path = DEFAULT_SHARED_BENCH,
    vector_cache: Path | None = None,
) -> list[str]:
    """Migrate, load councils and demo content, index the benchmark documents; return content page paths.

    With semantic retrieval on (production's default) the documents get vectors too, as `search_reindex` gives
    them: from shared_corpus_bench.py's cache file in `vector_cache` (encoded there first if it is missing)."""
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from search import get_engine, semantic
    from search.semantic.indexing import embed_pending

    started = time.perf_counter()
    for command in ("migrate", "sync_councils", "load_demo"):
        print(f"  manage.py {command}", flush=True)
        call_command(command, verbosity=0)
    print("  manage.py collectstatic", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"  indexing {documents:,} {corpus} documents with the demo pages (one rebuild)", flush=True)
    engine = get_engine()
    docs = bench_documents(corpus, documents, shared_bench)
    everything = [*engine.documents(), *docs]  # type: ignore[attr-defined]  # DatabaseEngine.documents
    if semantic.is_available():
        if vector_cache is None:
            raise SystemExit("semantic retrieval is on: give --vector-cache, or --words-only")
        model, hashes, matrix, _ = document_vectors(docs, vector_cache)
        indexed = time.perf_counter()
        engine.rebuild(semantic.rebuild_documents(everything))
        store_vectors(model, hashes, matrix)
        embed_pending()  # the demo pages' texts
    else:
        indexed = time.perf_counter()
        engine.rebuild(everything)
    print(f"  rebuilt the index in {time.perf_counter() - indexed:.0f} s", flush=True)
    health = engine.health()
    print(f"  index holds {health.documents:,} documents ({time.perf_counter() - started:.0f} s to prepare)")
    pages = Page.objects.live().public().specific().order_by("path")
    councils = [p.url for p in pages if p.specific_class._meta.label == "councils.CouncilPage"]
    others = [p.url for p in pages if p.specific_class._meta.label != "councils.CouncilPage" and p.url]
    # Every other live page, and a slice of the ~400 council pages so they do not swamp the mix.
    return sorted(set(others + councils[:COUNCIL_PAGES]))


def bench_queries(corpus: str, shared_bench: Path) -> list[tuple[str, dict[str, tuple[str, ...]], str]]:
    """(text, filters, sort): the 18 queries of search_bench.py, or the 60 shared queries (words only)."""
    if corpus == "shared":
        return [(text, {}, "relevance") for text in load_generator(shared_bench).QUERIES]
    return QUERIES


def search_paths(
    prefix: str, queries: list[tuple[str, dict[str, tuple[str, ...]], str]], extra: dict[str, str] | None = None
) -> list[str]:
    paths = []
    for text, filters, sort in queries:
        params: list[tuple[str, str]] = [("q", text), ("sort", sort)] if text else [("sort", sort)]
        params += [(name, value) for name, values in filters.items() for value in values]
        params += list((extra or {}).items())
        paths.append(f"{prefix}?{urlencode(params)}")
    return paths


def process_tree_rss(pid: int) -> dict[int, int]:
    """Resident memory (bytes) of the gunicorn master and its workers."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    rss = {}
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[p] = int(line.split()[1]) * 1024
        except FileNotFoundError:
            continue
    return rss


class MemorySampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.peak_process, self.peak_total = 0, 0

    def run(self) -> None:
        while not self.stop.is_set():
            rss = process_tree_rss(self.pid)
            if rss:
                self.peak_process = max(self.peak_process, max(rss.values()))
                self.peak_total = max(self.peak_total, sum(rss.values()))
            time.sleep(0.5)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s")


def check_paths(base: str, paths: list[str]) -> None:
    """Every URL must answer 200 before timing starts; a broken URL would only measure error pages."""
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - our own local server
                assert response.status == 200
        except Exception as error:
            raise SystemExit(f"{path} did not answer 200 before the load test: {error}") from error


def run_wrk(
    base: str, paths: list[str], args: argparse.Namespace, workdir: Path, name: str, duration: int
) -> dict[str, float]:
    script = workdir / f"{name}.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--timeout", "10s"]
    output = subprocess.run([*command, "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--corpus", choices=["generated", "shared"], default="generated", help="see the docstring")
    parser.add_argument("--shared-bench", type=Path, default=DEFAULT_SHARED_BENCH, help="where gen_corpus.py is")
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=DEFAULT_POSTGRES_URL,
        metavar="URL",
        help=f"a throwaway PostgreSQL database, created and dropped here (default {DEFAULT_POSTGRES_URL})",
    )
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS), help="what to load")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per target")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--warm-up", type=int, default=5, help="untimed seconds of load before each target")
    parser.add_argument("--no-page-cache", action="store_true", help="render every request (PAGE_CACHE_SECONDS=0)")
    parser.add_argument("--words-only", action="store_true", help="semantic retrieval off (SEARCH_SEMANTIC=false)")
    parser.add_argument(
        "--vector-cache",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="where shared_corpus_bench.py keeps the documents' vectors (bench-vectors-<size>-<hash>.npy)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="load_test_"))
    if args.postgres:
        recreate_database(args.postgres)
    database_url = args.postgres or os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'load.sqlite3'}"
    try:
        run(args, database_url, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.postgres:
            from django.apps import apps

            if apps.ready:
                from django.db import connections

                connections.close_all()
            recreate_database(args.postgres, drop_only=True)  # WITH (FORCE): also ends any other session on it


def run(args: argparse.Namespace, database_url: str, workdir: Path) -> None:
    env = environment(database_url, args.port)
    if args.no_page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    env["SEARCH_SEMANTIC"] = "false" if args.words_only else "true"
    os.environ.update(env)
    print(f"Preparing {database_url.split('@')[-1]}", flush=True)
    content = prepare(args.documents, args.corpus, args.shared_bench, args.vector_cache.resolve())
    queries = bench_queries(args.corpus, args.shared_bench)
    # The shared-corpus benchmark asks for the first page of 10; the search page always shows 20.
    api_extra = {"page_size": "10"} if args.corpus == "shared" else None

    base = f"http://127.0.0.1:{args.port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "sandbox_site.wsgi:application", "--bind", f"127.0.0.1:{args.port}"]
    gunicorn += ["--workers", str(args.workers), "--threads", str(args.worker_threads), "--log-level", "warning"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
    try:
        wait_until_up(base + "/healthz")
        every_target = {
            "search page": ("search-page", search_paths("/search/", queries)),
            "search API": ("search-api", search_paths("/api/v1/search/", queries, api_extra)),
            f"content pages ({len(content)} URLs)": ("content", content),
        }
        targets = {name: paths for name, (key, paths) in every_target.items() if key in args.targets}
        for paths in targets.values():
            check_paths(base, paths)
        load_before = os.getloadavg()
        sampler = MemorySampler(server.pid)
        sampler.start()
        results = {}
        for name, paths in targets.items():
            print(
                f"wrk: {name}, {args.warm_up} s warm-up + {args.duration} s at {args.connections} connections",
                flush=True,
            )
            if args.warm_up:
                run_wrk(base, paths, args, workdir, name.split()[0], args.warm_up)
            results[name] = run_wrk(base, paths, args, workdir, name.split()[0], args.duration)
        sampler.stop.set()
        sampler.join()
        load_after = os.getloadavg()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print()
    print(f"{args.documents:,} {args.corpus} documents + the demo pages; {database_url.split('@')[-1].split('?')[0]}.")
    cache = "off" if args.no_page_cache else f"on ({env.get('PAGE_CACHE_SECONDS', '300')} s)"
    semantic = "off (words only)" if args.words_only else "on"
    print(
        f"Semantic retrieval {semantic}. Page cache {cache}. Load average (1, 5, 15 min) before: "
        f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; "
        f"after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}."
    )
    print("| target | requests/s | p50 ms | p95 ms | p99 ms | errors (of which non-2xx/3xx; timeouts) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
            f"{r['errors']} ({r['status_errors']}; {r['timeouts']}) |"
        )
    mb = 1024 * 1024
    print()
    print(
        f"Web process memory (peak RSS): largest single process {sampler.peak_process / mb:.0f} MB; "
        f"gunicorn master + {args.workers} workers together {sampler.peak_total / mb:.0f} MB."
    )


if __name__ == "__main__":
    main()
