"""Every facet declared once: its name, its label, how its values come from a document, and its index field.

The database engine's facet rows, the Elasticsearch source and its filters, the vectors' filters, best bets'
filters, the search form and the API all read this one list, so they cannot count a document differently.
Adding a facet: the model field, the line that gives the document its values (`facets=` in the page's
`search_document()`, or the council's `facets` in its owner lookup), and an entry here (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from search.types import SearchDocument

# Longer values are cut to this when stored as facet values (a free-text tag cannot make a row huge).
MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class FacetSpec:
    name: str  # also the filter parameter of the page and the API
    label: str  # shown to readers
    # The document's values, before normalising; by default its `facets` entry under this facet's name.
    values: Callable[[SearchDocument], Iterable[str]] | None = None
    index_field: str = ""  # the Elasticsearch keyword field; by default the facet's name
    lower_case: bool = False  # values compared without case (tags are typed freely)
    description: str = ""  # the API parameter's description; by default the label

    def normalise(self, value: str) -> str:
        return value.lower() if self.lower_case else value

    def values_in(self, doc: SearchDocument) -> Iterable[str]:
        return self.values(doc) if self.values is not None else doc.facets.get(self.name, ())

    @property
    def field(self) -> str:
        return self.index_field or self.name

    @property
    def help(self) -> str:
        return f"{self.description or self.label}. Repeat for several."


# In display order. Values within one facet are ORed when filtering, facets ANDed; every count is disjunctive
# (a facet's counts ignore its own selection).
REGISTRY: tuple[FacetSpec, ...] = (
    FacetSpec("kind", "Type of content", lambda d: (d.kind,)),
    FacetSpec("nation", "Nation", description="Nation of the council: England, Scotland, Wales or Northern Ireland"),
    FacetSpec("region", "Region", lambda d: d.regions, "regions", description="Region name"),
    # A council counts its own content and the content it is a partner in.
    FacetSpec("council", "Council", lambda d: (d.council, *d.partner_councils), "councils", description="Council name"),
    FacetSpec("council_type", "Type of council"),
    FacetSpec("service_area", "Service area", lambda d: (d.service_area,), description="Service area name"),
    FacetSpec(
        "supplier", "Supplier", lambda d: d.suppliers, "suppliers", description="Supplier name, from the marketplace"
    ),
    FacetSpec(
        "product",
        "Product",
        lambda d: d.products,
        "products",
        description="Product name, from the marketplace. With kind=system and service_area, lists the councils "
        "that use the product for that service area",
    ),
    FacetSpec("stage", "Stage or status", lambda d: (d.stage,), description="Stage, status or maturity"),
    FacetSpec("evidence_strength", "Evidence strength", lambda d: (d.evidence_strength,)),
    FacetSpec("tag", "Tag", lambda d: d.tags, "tag_values", lower_case=True),
    FacetSpec("year", "Year published", lambda d: (d.year,), description="Year first published, 4 digits"),
)
BY_NAME: dict[str, FacetSpec] = {spec.name: spec for spec in REGISTRY}
FACETS: tuple[str, ...] = tuple(BY_NAME)
FACET_LABELS: dict[str, str] = {spec.name: spec.label for spec in REGISTRY}


def _normalised(spec: FacetSpec, doc: SearchDocument) -> tuple[str, ...]:
    values = [v for v in spec.values_in(doc) if v]
    if spec.lower_case:
        values = [spec.normalise(v) for v in values]
    return tuple(dict.fromkeys(v[:MAX_VALUE_LENGTH] for v in values))


def values_of(doc: SearchDocument, facet: str) -> tuple[str, ...]:
    """A document's values of one facet, normalised, without repeats or blanks."""
    return _normalised(BY_NAME[facet], doc)


def document_facets(doc: SearchDocument) -> dict[str, tuple[str, ...]]:
    """Facet -> the document's values (as `values_of`), for the facets it has values in, in registry order. One
    pass: a full reindex asks this of every document."""
    found = {}
    for spec in REGISTRY:
        values = _normalised(spec, doc)
        if values:
            found[spec.name] = values
    return found


def facet_values(doc: SearchDocument) -> Iterator[tuple[str, str]]:
    """Every (facet, value) pair a document is counted under."""
    for facet, values in document_facets(doc).items():
        for value in values:
            yield facet, value


def normalised_filters(filters: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Known facets only, values normalised as documents' values are, without repeats or blanks."""
    cleaned = {}
    for facet in FACETS:
        spec = BY_NAME[facet]
        values = tuple(dict.fromkeys(spec.normalise(str(v)) for v in filters.get(facet, ()) if str(v)))
        if values:
            cleaned[facet] = values
    return cleaned


def matches(doc: SearchDocument, filters: Mapping[str, Iterable[str]]) -> bool:
    """The document has one of the selected values of every filtered facet (OR within a facet, AND across)."""
    return all(set(values) & set(values_of(doc, facet)) for facet, values in normalised_filters(filters).items())
