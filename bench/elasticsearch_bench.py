"""Elasticsearch engine benchmark: the same documents and query set as bench/search_bench.py.

Not a test: run it by hand and record the figures in docs/performance.md, labelled with the server.

    .venv/bin/python bench/elasticsearch_bench.py --sizes 1000 10000
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python bench/elasticsearch_bench.py

Without ELASTICSEARCH_URL it starts osmem-server (in-memory, OpenSearch-compatible, a test tool)
behind the test harness's media-type proxy: figures then describe that stand-in, not Elasticsearch.
The engine is measured on its own (no database fallback); the glossary is read from a throwaway
SQLite database, as in production it is read from the site's database.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import QUERIES, TABLE_HEADER, measure, print_row  # noqa: E402 - after the path setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the query set")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.gettempdir()) / 'elasticsearch_bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox_site.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from search.engines.elasticsearch import ClusterSettings, ElasticsearchEngine

    with ExitStack() as stack:
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if url:
            label = f"Elasticsearch at {url.split('@')[-1]}"
        else:
            from osmem_server import __version__ as osmem_version

            from tests.search.elasticsearch.harness import osmem_behind_proxy

            _, proxy = stack.enter_context(osmem_behind_proxy())
            url, label = proxy.url, f"osmem-server {osmem_version} (in-memory stand-in) via the loopback proxy"
        prefix = f"bench-{uuid.uuid4().hex[:8]}"
        cluster = ClusterSettings(url=url, api_key=os.environ.get("ELASTICSEARCH_API_KEY", ""), index_prefix=prefix,
                                  timeout=60.0, bulk_timeout=300.0)  # fmt: skip
        engine = ElasticsearchEngine(cluster)
        stack.callback(lambda: engine.client.options(ignore_status=404).indices.delete(index=f"{prefix}-*"))
        print(f"engine: elasticsearch; server: {label}; {len(QUERIES)} queries x {args.rounds} rounds")
        print(TABLE_HEADER)
        for size in args.sizes:
            print_row(size, measure(engine, size, args.rounds))


if __name__ == "__main__":
    main()
