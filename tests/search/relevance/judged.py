"""The judged set: real public write-ups of UK council projects, queries officers type, graded judgements.

The records are the demo's public write-ups (demo/data/public_projects_*.jsonl): one record per
line, in import_content's format, with `id` and `source` (the public page it summarises, in our own words).
queries_*.yml: each query's `type` (keyword, question, typo, acronym, mismatch: its key words are in none of the
relevant records), `judgements` (record id -> 2 directly relevant, 1 partly) and `held_out: true` for the queries
ranking is never tuned on.

Scores: nDCG@10 (gain 2^grade - 1), MRR and success@10 (the first record graded 1 or 2), per engine, beside a plain
BM25 ranking of the same records computed here.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from demo.content import DATA, PUBLIC_PROJECTS

HERE = Path(__file__).parent
IMPORT_FIELDS = ("kind", "title", "summary", "body", "council", "service_area", "stage", "year", "tags")
QUERY_TYPES = ("keyword", "question", "typo", "acronym", "mismatch")
CUTOFF = 10


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    text: str  # title, summary, body and tags: what the baseline indexes
    data: dict


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    text: str
    type: str
    judgements: dict[str, int]
    held_out: bool


def records() -> list[Record]:
    found = []
    for path in (DATA / name for name in PUBLIC_PROJECTS):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                text = " ".join([data["title"], data["summary"], data["body"], " ".join(data.get("tags", []))])
                found.append(Record(data["id"], data["title"], text, data))
    return found


def queries() -> list[JudgedQuery]:
    found = []
    for path in sorted(HERE.glob("queries_*.yml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")):
            grades = {str(k): int(v) for k, v in row["judgements"].items()}
            found.append(JudgedQuery(row["id"], row["query"], row["type"], grades, bool(row.get("held_out"))))
    return found


def import_file(path: Path) -> Path:
    """The records as an import_content file (the fields a council would send)."""
    lines = [json.dumps({k: r.data[k] for k in IMPORT_FIELDS if k in r.data}) for r in records()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- a plain BM25 baseline: one field, lower-cased words, English stop words, no stemming or synonyms ----------

STOP_WORDS = frozenset(
    "a an and are as at be by for from has have how i in is it its of on or that the their this to was we were "  # noqa: SIM905
    "what when where which who why will with you do does did can our your they them there these those not".split()
)


def tokens(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS]


class BM25:
    def __init__(self, docs: Iterable[Record], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids, self.terms = [], []
        for doc in docs:
            self.ids.append(doc.id)
            self.terms.append(Counter(tokens(doc.text)))
        self.k1, self.b = k1, b
        self.average = sum(sum(t.values()) for t in self.terms) / max(len(self.terms), 1)
        self.df = Counter(word for t in self.terms for word in t)

    def rank(self, text: str) -> list[str]:
        n = len(self.ids)
        scores: dict[str, float] = {}
        for word in set(tokens(text)):
            idf = math.log(1 + (n - self.df[word] + 0.5) / (self.df[word] + 0.5))
            for doc_id, terms in zip(self.ids, self.terms, strict=True):
                tf = terms.get(word, 0)
                if tf:
                    length = sum(terms.values()) / self.average
                    norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length))
                    scores[doc_id] = scores.get(doc_id, 0.0) + idf * norm
        return sorted(scores, key=lambda d: (-scores[d], d))[:CUTOFF]


# -- metrics ---------------------------------------------------------------------------------------------------


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values))

    ideal = dcg(sorted(grades.values(), reverse=True)[:CUTOFF])
    return dcg([grades.get(d, 0) for d in ranked[:CUTOFF]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    return next((1 / i for i, d in enumerate(ranked[:CUTOFF], start=1) if grades.get(d, 0) > 0), 0.0)


@dataclass(frozen=True)
class Scores:
    ndcg: float
    mrr: float
    success: float
    count: int


def scores(ranking: Callable[[str], list[str]], chosen: list[JudgedQuery]) -> Scores:
    per_query = [(q, ranking(q.text)) for q in chosen]
    n = max(len(per_query), 1)
    return Scores(
        ndcg=sum(ndcg(r, q.judgements) for q, r in per_query) / n,
        mrr=sum(reciprocal_rank(r, q.judgements) for q, r in per_query) / n,
        success=sum(reciprocal_rank(r, q.judgements) > 0 for q, r in per_query) / n,
        count=len(per_query),
    )


def groups(all_queries: list[JudgedQuery]) -> dict[str, list[JudgedQuery]]:
    """Every way the report splits the queries: all, tuned, held out, and each type."""
    split = {
        "all": all_queries,
        "tuned": [q for q in all_queries if not q.held_out],
        "held out": [q for q in all_queries if q.held_out],
    }
    split |= {kind: [q for q in all_queries if q.type == kind] for kind in QUERY_TYPES}
    return split


def report(rankings: dict[str, Callable[[str], list[str]]]) -> tuple[str, dict[str, dict[str, Scores]]]:
    """A table of nDCG@10 / MRR / success@10 per ranking (column) and query group (row)."""
    split = groups(queries())
    table = {name: {group: scores(rank, qs) for group, qs in split.items()} for name, rank in rankings.items()}
    lines = [f"{'queries':<10} {'n':>3}  " + "  ".join(f"{name:>22}" for name in rankings)]
    lines.append(f"{'':<10} {'':>3}  " + "  ".join(f"{'nDCG@10   MRR   s@10':>22}" for _ in rankings))
    for group, chosen in split.items():
        cells = [table[name][group] for name in rankings]
        row = "  ".join(f"{c.ndcg:>10.3f} {c.mrr:>5.3f} {c.success:>5.2f}" for c in cells)
        lines.append(f"{group:<10} {len(chosen):>3}  {row}")
    return "\n".join(lines), table
