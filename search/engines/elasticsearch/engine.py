"""ElasticsearchEngine: the search port (search/types.py) on an Elasticsearch 8/9 cluster.

Reads and writes go through the alias; bodies come from queries.py; documents from mapping.to_source.
Errors propagate: the FallbackEngine (fallback.py) decides what the user sees, and the durable index
queue keeps any change that could not be written.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, cast

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from search import semantic
from search.facets import FACETS
from search.fusion import fuse, near_enough
from search.glossary import Glossary
from search.models import current_glossary
from search.planning import (
    clause_labels,
    clean_filters,
    corrected_text,
    counted_clauses,
    glossary_correction,
    plan,
    significant_words,
    typed_alternatives,
    with_corrections,
)
from search.query_parser import words_of
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

from . import indices, queries
from .client import ClusterSettings, make_client
from .mapping import MAPPING_VERSION, to_source

# Shorter words are never treated as typos (as in the database engine).
MIN_TYPO_LENGTH = 4


class ElasticsearchWriteError(RuntimeError):
    """Elasticsearch answered but refused some writes; the queued change stays for a retry."""


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, cluster: ClusterSettings, client: Elasticsearch | None = None) -> None:
        self.cluster = cluster
        self.client = client or make_client(cluster)
        self.alias = cluster.alias

    @classmethod
    def from_settings(cls) -> ElasticsearchEngine:
        return cls(ClusterSettings.from_settings())

    # -- writes -------------------------------------------------------------------------------
    def _bulk(self, actions: list[dict[str, Any]]) -> None:
        if actions:
            bulk(self.client.options(request_timeout=self.cluster.bulk_timeout), actions, refresh="wait_for")

    def index(self, docs: Iterable[SearchDocument]) -> int:
        docs = list(docs)
        targets = indices.write_targets(self.client, self.alias) if docs else []
        self._bulk(
            [
                {"_op_type": "index", "_index": target, "_id": doc.id, "_source": to_source(doc)}
                for doc in docs
                for target in targets
            ]
        )
        return len(docs)

    def remove(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        targets = indices.write_targets(self.client, self.alias)
        actions = [{"_op_type": "delete", "_index": t, "_id": doc_id} for doc_id in ids for t in targets]
        # A document that was never indexed is already removed: 404s are not failures.
        _, report = bulk(
            self.client.options(request_timeout=self.cluster.bulk_timeout),
            actions,
            refresh="wait_for",
            raise_on_error=False,
        )
        errors = cast(list[dict[str, Any]], report)  # the errors themselves: stats_only is off
        missing = [e["delete"] for e in errors if e.get("delete", {}).get("status") == 404]
        failed = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if failed:
            raise ElasticsearchWriteError(f"could not remove {len(failed)} documents: {failed[:3]}")
        live = set(indices.indices_behind(self.client, self.alias))
        not_live = {e.get("_id") for e in missing if e.get("_index") in live}
        return len([doc_id for doc_id in dict.fromkeys(ids) if doc_id not in not_live])

    def rebuild(self, docs: Iterable[SearchDocument], progress: indices.Progress | None = None) -> int:
        report = indices.rebuild(
            self.client, self.alias, docs, request_timeout=self.cluster.bulk_timeout, progress=progress
        )
        return report.indexed

    # -- reads --------------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> ResultPage:
        glossary = current_glossary()
        query_plan = plan(query.text, glossary)
        filters = clean_filters(dict(query.filters))
        # Candidate typos, as the database engine picks them: long enough, not a glossary term.
        check = list(
            dict.fromkeys(
                t.words[0]
                for clause in query_plan.original.clauses
                for t in clause
                if not t.is_phrase and len(t.words[0]) >= MIN_TYPO_LENGTH and not glossary.lookup(t.words)
            )
        )
        counted: tuple[int, ...] | None = None
        corrections: dict[str, str] = {}
        if query_plan.expanded.clauses or check:
            first = self.client.search(index=self.alias, **queries.preliminary_body(query_plan.expanded, check)).body
            corrections = _corrections(first, check, glossary)
            counted = _counted(first, len(query_plan.expanded.clauses))
        parsed, corrected_terms = with_corrections(query_plan.expanded, corrections, glossary)
        typed = frozenset(t for clause in parsed.clauses for t in typed_alternatives(query_plan, clause))
        settings = ranking()
        meaning: list[str] = []
        if parsed.clauses and query.sort != "newest":
            meaning = near_enough(semantic.nearest(query.text, settings.semantic.candidates, filters), settings)
        body = queries.search_body(query, parsed, filters=filters, typed=typed, counted=counted, also=meaning)
        response = self.client.search(index=self.alias, **body).body
        page, page_size = max(1, query.page), max(1, min(query.page_size, queries.MAX_PAGE_SIZE))
        total = response["hits"]["total"]["value"]
        labels = clause_labels(query_plan, parsed)
        every = response.get("aggregations", {}).get("every_word", {}).get("doc_count", 0)
        raw_hits = response["hits"]["hits"]
        if meaning:
            raw_hits = self._fused_page(raw_hits, meaning, query, parsed, filters, typed, counted)
        return ResultPage(
            hits=tuple(_hit(h, labels) for h in raw_hits),
            total=total,
            page=page,
            page_size=page_size,
            facets=_facets(response.get("aggregations", {}), filters) if query.with_facets else (),
            suggestion=corrected_text(query_plan.original, corrections) if corrections else None,
            expanded_terms=tuple(dict.fromkeys(query_plan.expanded_terms + corrected_terms)),
            partial_match=bool(parsed.clauses) and total > 0 and not every,
        )

    def _fused_page(self, window, meaning, query, parsed, filters, typed, counted) -> list[Mapping[str, Any]]:
        """The page of the word ranking's window (ids only) fused with the ranking by meaning, fetched by id."""
        settings = ranking()
        counted_names = [f"c{i}" for i in (counted if counted is not None else range(len(parsed.clauses)))]
        share = {
            h["_id"]: sum(name in h.get("matched_queries", []) for name in counted_names) / max(len(counted_names), 1)
            for h in window
        }
        order = fuse([h["_id"] for h in window], meaning, settings, share)
        start = (max(1, query.page) - 1) * query.page_size
        wanted = order[start : start + query.page_size]
        if not wanted:
            return []
        matched = {h["_id"]: h.get("matched_queries", []) for h in window}
        body = queries.page_by_ids_body(wanted, parsed, typed, counted)
        fetched = {h["_id"]: h for h in self.client.search(index=self.alias, **body).body["hits"]["hits"]}
        return [{**fetched[i], "matched_queries": matched.get(i, [])} for i in wanted if i in fetched]

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]:
        words = words_of(prefix)
        if not words or limit < 1:
            return []
        response = self.client.search(index=self.alias, **queries.autocomplete_body(" ".join(words), limit)).body
        buckets = response.get("aggregations", {}).get("tags", {}).get("values", {}).get("buckets", [])
        tags = [str(b["key"]) for b in buckets]
        titles = [h["_source"]["title"] for h in response["hits"]["hits"]]
        return list(dict.fromkeys([*tags, *titles]))[:limit]

    def related(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """Pages nearest in meaning (the vectors), or more like this one by words when there are none."""
        nearest = self._by_ids([d for d, _ in semantic.related(doc_id, limit, PAGE_KINDS)])
        if nearest:
            return nearest
        body = queries.related_body(self._live_index(), doc_id, limit)
        response = self.client.search(index=self.alias, **body).body
        return [_hit(h) for h in response["hits"]["hits"] if h["_id"] != doc_id]

    def similar_to_text(self, text: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> list[Hit]:
        if not words_of(text):
            return []
        neighbours = semantic.similar_to_text(text, limit, kinds or PAGE_KINDS)
        nearest = self._by_ids(near_enough(neighbours, ranking()))
        if nearest:
            return nearest
        if not significant_words(text):
            return []
        response = self.client.search(index=self.alias, **queries.similar_text_body(text, limit, kinds)).body
        return [_hit(h) for h in response["hits"]["hits"]]

    def _by_ids(self, doc_ids: list[str]) -> list[Hit]:
        """Hits for these indexed documents, in the order given (ones no longer indexed are left out)."""
        if not doc_ids:
            return []
        response = self.client.search(index=self.alias, **queries.by_ids_body(doc_ids)).body
        found = {h["_id"]: h for h in response["hits"]["hits"]}
        return [_hit(found[d]) for d in doc_ids if d in found]

    def health(self) -> EngineHealth:
        live = indices.indices_behind(self.client, self.alias)
        documents = self.client.count(index=self.alias)["count"] if live else 0
        cluster = self.client.cluster.health().body
        return EngineHealth(
            engine=self.name,
            ok=cluster.get("status") in {"green", "yellow"} and bool(live),
            documents=documents,
            detail=f"cluster {cluster.get('status')}, alias {self.alias} -> {', '.join(live) or 'no index'}"
            f" (mapping v{MAPPING_VERSION})",
            extra={
                "alias": self.alias,
                "index": live[0] if live else "",
                "mapping_version": MAPPING_VERSION,
                "cluster_status": cluster.get("status", ""),
                "rebuilding": indices.indices_behind(self.client, indices.building_alias(self.alias)),
            },
        )

    def _live_index(self) -> str:
        return indices.ensure_alias(self.client, self.alias)


def _counted(response: Mapping[str, Any], clauses: int) -> tuple[int, ...] | None:
    """The clauses that count towards graded matching (planning.counted_clauses), from the clause counts."""
    if not clauses:
        return None
    counts = response.get("aggregations", {}).get("clause_counts", {})
    per_clause = [int(counts.get(f"c{i}", {}).get("doc_count", 0)) for i in range(clauses)]
    return counted_clauses(per_clause, int(response["hits"]["total"]["value"]), ranking())


def _hit(raw: Mapping[str, Any], labels: tuple[str, ...] = ()) -> Hit:
    source = raw.get("_source", {})
    highlights = raw.get("highlight", {})
    fragment = next((highlights[f][0] for f in queries.HIGHLIGHT_FIELDS if highlights.get(f)), "")
    summary = source.get("summary", "")
    published = source.get("published")
    return Hit(
        id=raw["_id"],
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        summary=summary,
        highlight=fragment or html.escape(summary, quote=False),
        council=source.get("council") or "",
        regions=tuple(source.get("regions") or ()),
        service_area=source.get("service_area") or "",
        stage=source.get("stage") or "",
        published=date.fromisoformat(published[:10]) if published else None,
        score=float(raw.get("_score") or 0.0) % queries.TIER_SCORE,
        missing=_missing(raw, labels),
    )


def _missing(raw: Mapping[str, Any], labels: tuple[str, ...]) -> tuple[str, ...]:
    matched = set(raw.get("matched_queries") or ())
    return tuple(label for i, label in enumerate(labels) if f"c{i}" not in matched)


def _facets(aggregations: Mapping[str, Any], filters: Mapping[str, tuple[str, ...]]) -> tuple[Facet, ...]:
    facets = []
    for name in FACETS:
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        counts = {str(b["key"]): int(b["doc_count"]) for b in buckets}
        facets.append(counted_facet(name, counts, filters.get(name, ())))
    return tuple(facets)


def _corrections(response: Mapping[str, Any], checked: list[str], glossary: Glossary) -> dict[str, str]:
    """Words that match nothing in the index -> the closest indexed word (the suggesters' best option).

    As in the database engine, a word the suggesters cannot correct may be a misspelt glossary term.
    """
    checks = response.get("aggregations", {}).get("word_checks", {})
    unmatched = [w for i, w in enumerate(checked) if checks.get(f"w{i}", {}).get("doc_count", 1) == 0]
    if not unmatched:
        return {}
    suggest = response.get("suggest", {})
    corrections: dict[str, str] = {}
    # A whole-phrase correction first; it must line up word for word with what was checked.
    for entry in suggest.get("did_you_mean", [])[:1]:
        for option in entry.get("options", [])[:1]:
            fixed = option.get("text", "").split()
            if len(fixed) == len(checked):
                corrections = {a: b for a, b in zip(checked, fixed, strict=True) if a in unmatched and a != b}
    for entry in suggest.get("words", []):
        word, options = entry.get("text", ""), entry.get("options", [])
        if word in unmatched and word not in corrections and options and options[0].get("text"):
            corrections[word] = options[0]["text"]
    for word in unmatched:
        if word not in corrections and (fixed := glossary_correction(word, glossary)):
            corrections[word] = fixed
    return corrections
