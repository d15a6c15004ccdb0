"""Search benchmark: index N generated documents and time a fixed query set with facets.

Not a test: run it by hand and record the figures in docs/performance.md.

    .venv/bin/python bench/search_bench.py --sizes 1000 10000 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench .venv/bin/python bench/search_bench.py

The shared corpus and its 60 queries, beside tantivy, are measured by bench/shared_corpus_bench.py; this generator
stays for the cases its queries lack (filters, exclusions, OR, sort by newest, browsing without words).

Without DATABASE_URL it uses a throwaway SQLite file, deleted at each start (never the development database). The
documents are deterministic (fixed seed), so runs are comparable. The engine is whatever
get_engine() chooses, so the same script measures Elasticsearch when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AREAS = {
    "Waste and recycling": "bin bins waste refuse recycling collection collections crews rounds fly-tipping litter "
    "food caddy garden permit sensors missed vehicles depot kerbside landfill",
    "Housing": "housing tenants repairs damp mould homelessness temporary accommodation landlord licensing "
    "allocations voids rent arrears estates retrofit",
    "Adult social care": "care carers reablement domiciliary home assessment hospital discharge telecare dementia "
    "safeguarding direct payments residential",
    "Children's services and SEND": "children families SEND EHCP school transport fostering early help "
    "safeguarding youth needs assessment plan",
    "Highways and transport": "potholes roads parking permits buses street lighting gritting traffic cycling "
    "footways charging electric vehicles",
    "Council tax and benefits": "council tax benefits reduction arrears discounts payments hardship fund claims "
    "universal credit billing",
    "Customer contact": "webchat chatbot contact centre calls complaints forms online self-service accounts "
    "telephone queries",
    "Data and technology": "data dashboard analytics cloud API integration cyber platform automation AI "
    "machine learning records",
    "Environment and climate": "climate carbon emissions net zero trees flooding air quality solar heat pumps "
    "biodiversity",
    "Planning and building control": "planning applications permission enforcement local plan building control "
    "validation heritage consultation",
    "Public health": "health smoking obesity wellbeing mental activity prevention inequalities vaping drugs alcohol",
    "Libraries, culture and leisure": "libraries books leisure centres parks events museums swimming culture arts",
}
GENERIC = [
    "we",
    "the",
    "council",
    "residents",
    "team",
    "service",
    "pilot",
    "tested",
    "improved",
    "reduced",
    "cost",
    "time",
    "staff",
    "users",
    "online",
    "digital",
    "process",
    "data",
    "weekly",
    "monthly",
    "partners",
    "outcome",
    "results",
    "learned",
    "simple",
    "faster",
    "fewer",
    "calls",
    "feedback",
    "new",
    "approach",
]
KINDS = ["case_study"] * 4 + ["challenge"] * 3 + ["pattern", "experiment", "collection"]
STAGES = {
    "case_study": ["Discovery", "Alpha", "Beta", "Live", "Stopped"],
    "challenge": ["Open", "Being worked on", "Solved"],
    "pattern": ["Proposed", "Piloted", "Recommended", "Standard"],
    "experiment": ["Proposed", "Running", "Concluded"],
    "collection": [""],
}
EVIDENCE = ["Anecdotal", "Measured", "Independently evaluated"]

QUERIES: list[tuple[str, dict[str, tuple[str, ...]], str]] = [
    ("waste", {}, "relevance"),
    ("bin collection", {}, "relevance"),
    ("missed collections", {"region": ("London",)}, "relevance"),
    ('"missed collections"', {}, "relevance"),
    ("fly-tipping", {}, "relevance"),
    ("SEND transport", {}, "relevance"),
    ("damp mould", {"service_area": ("Housing",)}, "relevance"),
    ("council tax chatbot", {}, "relevance"),
    ("recycling -garden", {}, "relevance"),
    ("parking OR permits", {"kind": ("case_study",)}, "relevance"),
    ("recyclng", {}, "relevance"),
    ("", {"region": ("North West", "Yorkshire and The Humber")}, "newest"),
    ("", {}, "newest"),
    ("sensors", {"service_area": ("Waste and recycling",), "year": ("2024",)}, "relevance"),
    ("care", {"kind": ("case_study",), "region": ("South East",)}, "relevance"),
    ("data dashboard", {}, "newest"),
    ("homelessness", {"stage": ("Live",)}, "relevance"),
    ("climate", {"tag": ("carbon",)}, "relevance"),
]


def councils() -> list[dict[str, str]]:
    with (ROOT / "councils" / "data" / "councils.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def generate(n: int, seed: int = 7):
    from search.types import SearchDocument

    rng = random.Random(seed)
    rows = councils()
    areas = list(AREAS)
    for i in range(n):
        area = rng.choice(areas)
        words = AREAS[area].split()
        kind = rng.choice(KINDS)
        council = rng.choice(rows)
        topic = rng.sample(words, 3)
        body = " ".join(rng.choice(words) if rng.random() < 0.35 else rng.choice(GENERIC) for _ in range(150))
        year = rng.randint(2016, 2026)
        yield SearchDocument(
            id=f"page:{i + 1}",
            kind=kind,
            title=f"{topic[0].capitalize()} {topic[1]} for {topic[2]} in {council['name'].split(' ')[0]}",
            url=f"/bench/{i + 1}/",
            summary=f"How {council['name']} approached {topic[0]} and {topic[1]}. " + " ".join(rng.sample(words, 5)),
            body=body,
            council=council["name"],
            facets={"council_type": (council.get("council_type", ""),)},
            partner_councils=tuple(rng.choice(rows)["name"] for _ in range(rng.choice([0, 0, 1, 2]))),
            regions=(council.get("region", ""),),
            service_area=area,
            stage=rng.choice(STAGES[kind]),
            evidence_strength=rng.choice(EVIDENCE) if kind == "case_study" else "",
            tags=tuple(rng.sample(words, 3)),
            published=date(year, rng.randint(1, 12), rng.randint(1, 28)),
            boost=0.5 if rng.random() < 0.05 else 1.0,
        )


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(engine: object, size: int, rounds: int) -> dict[str, float]:
    """Index `size` generated documents with `engine`, then time the query set and autocomplete."""
    from search.types import SearchQuery

    docs = list(generate(size))
    started = time.perf_counter()
    engine.rebuild(docs)
    index_seconds = time.perf_counter() - started
    timings: list[float] = []
    for query_text, filters, sort in QUERIES:  # warm-up pass, not timed
        engine.search(SearchQuery(text=query_text, filters=filters, sort=sort))  # type: ignore[arg-type]
    for _ in range(rounds):
        for query_text, filters, sort in QUERIES:
            query = SearchQuery(text=query_text, filters=filters, sort=sort)  # type: ignore[arg-type]
            started = time.perf_counter()
            engine.search(query)
            timings.append((time.perf_counter() - started) * 1000)
    auto = []
    for prefix in ("rec", "hous", "par", "clim", "dat"):
        started = time.perf_counter()
        engine.autocomplete(prefix)
        auto.append((time.perf_counter() - started) * 1000)
    return {
        "docs_per_second": size / index_seconds,
        "p50": statistics.median(timings),
        "p95": percentile(timings, 95),
        "max": max(timings),
        "autocomplete_p95": percentile(auto, 95),
    }


TABLE_HEADER = "{:>10} {:>13} {:>8} {:>8} {:>8} {:>17}".format(
    "documents", "index docs/s", "p50 ms", "p95 ms", "max ms", "autocomplete p95"
)


def print_row(size: int, r: dict[str, float]) -> None:
    print(
        f"{size:>10,} {r['docs_per_second']:>13,.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} "
        f"{r['autocomplete_p95']:>17.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the query set")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        throwaway = Path(tempfile.gettempdir()) / "search_bench.sqlite3"
        # Start empty: the first size's rebuild would otherwise also delete the last run's 100,000 entries.
        throwaway.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{throwaway}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox_site.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from search.engines import get_engine

    label = getattr(get_engine(), "label", get_engine().name)
    print(f"engine: {label}; vendor: {connection.vendor}; {len(QUERIES)} queries x {args.rounds} rounds")
    print(f"load average before: {load_average()}")
    print(TABLE_HEADER)
    for size in args.sizes:
        print_row(size, measure(get_engine(), size, args.rounds))
    print(f"load average after: {load_average()}")  # figures taken under load are upper bounds


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
