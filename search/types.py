"""The search port: plain data in, plain data out. No engine object or QuerySet crosses it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from core.kinds import NAMES, names_where

KINDS: tuple[str, ...] = NAMES
# Kinds that are pages: the only titles autocomplete suggests and the only related content shown. Register lines
# are hundreds of near-identical short titles ("<product> at <council>") that would crowd both lists out.
PAGE_KINDS: tuple[str, ...] = names_where(lambda kind: kind.page)

Sort = Literal["relevance", "newest"]


# Characters of body text indexed per document. It bounds the work of indexing and of every engine's highlighter, so
# no single long page can make a search slow; pages hold at most four 20,000-character fields (core/text.py).
MAX_INDEXED_BODY = 50_000


@dataclass(frozen=True)
class SearchDocument:
    """One searchable page or register line, exactly as every engine indexes it (built in search/documents.py)."""

    id: str  # "page:<page pk>" for pages, "<source prefix>:<key>" for other sources; stable across engines
    kind: str  # one of KINDS
    title: str
    url: str
    summary: str = ""
    body: str = ""  # plain text (Markdown already rendered and stripped)
    council: str = ""  # owning council's name
    partner_councils: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    service_area: str = ""
    stage: str = ""  # stage, status or maturity label, in plain English
    evidence_strength: str = ""
    tags: tuple[str, ...] = ()
    # Marketplace supplier and product names (case studies' linked products, register lines' product).
    suppliers: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    regional_centre: str = ""
    published: date | None = None
    updated: datetime | None = None
    # Ranking multiplier: 1.0 normally, lower for dormant (unconfirmed) content.
    boost: float = 1.0
    # Values of the facets that have no field above, by facet name (search/facets.py reads them).
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def year(self) -> str:
        return str(self.published.year) if self.published else ""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # facet name -> selected values; values within one facet are ORed, facets are ANDed.
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 20
    with_facets: bool = True


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    title: str
    url: str
    summary: str = ""
    highlight: str = ""  # HTML-escaped text with <mark> around matched words
    council: str = ""
    regions: tuple[str, ...] = ()
    service_area: str = ""
    stage: str = ""
    published: date | None = None
    score: float = 0.0
    promoted: bool = False  # a curator's best bet for this query
    missing: tuple[str, ...] = ()  # words of the query (as typed) that this result does not contain


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    values: tuple[FacetValue, ...]


def counted_facet(name: str, counts: Mapping[str, int], selected: Iterable[str]) -> Facet:
    """A facet as every engine reports it: a selected value stays visible (and can be unticked) even at zero;
    years newest first, other values by count then name."""
    chosen = set(selected)
    counts = {**dict.fromkeys(chosen, 0), **counts}
    if name == "year":
        ordered = sorted(counts.items(), key=lambda item: item[0], reverse=True)
    else:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    return Facet(name, tuple(FacetValue(v, c, v in chosen) for v, c in ordered))


@dataclass(frozen=True)
class ResultPage:
    hits: tuple[Hit, ...]
    total: int
    page: int
    page_size: int
    facets: tuple[Facet, ...] = ()
    suggestion: str | None = None  # "did you mean"
    expanded_terms: tuple[str, ...] = ()  # glossary terms also searched for
    degraded: bool = False  # answered by a fallback engine; results may be less complete
    partial_match: bool = False  # no result contains every word: these contain some of them


@dataclass(frozen=True)
class EngineHealth:
    engine: str
    ok: bool
    documents: int
    detail: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)


class SearchEngine(Protocol):
    name: str

    def index(self, docs: Iterable[SearchDocument]) -> int: ...

    def remove(self, ids: Iterable[str]) -> int: ...

    def search(self, query: SearchQuery) -> ResultPage: ...

    def autocomplete(self, prefix: str, limit: int = 8) -> list[str]: ...

    def related(self, doc_id: str, limit: int = 5) -> list[Hit]: ...

    def similar_to_text(self, text: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> list[Hit]: ...

    def rebuild(self, docs: Iterable[SearchDocument]) -> int: ...

    def health(self) -> EngineHealth: ...
