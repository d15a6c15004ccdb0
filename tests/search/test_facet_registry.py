"""One declaration per facet (search/facets.py): every store counts a document the same way."""

from __future__ import annotations

from search import facets
from search.engines.elasticsearch.mapping import FACET_FIELDS, to_source
from search.forms import FACET_LABELS
from search.semantic.text import facets_of
from search.types import SearchDocument

DOC = SearchDocument(
    id="page:1", kind="case_study", title="t", url="/", council="Leeds City Council",
    partner_councils=("Bristol City Council", "Leeds City Council"), tags=("Bins", "bins", "Sensors"),
    suppliers=("Civic Routes Ltd",), products=("RoundSight",),
)  # fmt: skip


def test_every_reader_takes_the_facets_from_the_registry():
    assert tuple(FACET_FIELDS) == facets.FACETS == tuple(FACET_LABELS)


def test_values_are_normalised_once_for_every_store():
    assert facets.values_of(DOC, "tag") == ("bins", "sensors")
    assert facets.values_of(DOC, "council") == ("Leeds City Council", "Bristol City Council")
    source = to_source(DOC)
    for facet in facets.FACETS:
        expected = list(facets.values_of(DOC, facet))
        stored = source[FACET_FIELDS[facet]]
        assert (stored if isinstance(stored, list) else [stored] if stored else []) == expected, facet
        assert facets_of(DOC).get(facet, []) == expected, facet


def test_filters_are_normalised_as_documents_are():
    assert facets.normalised_filters({"tag": ["Bins", "BINS"], "unknown": ["x"], "region": [""]}) == {"tag": ("bins",)}
    assert facets.matches(DOC, {"tag": ["SENSORS"], "supplier": ["Civic Routes Ltd"]})
