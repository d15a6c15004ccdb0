"""One declaration per facet (search/facets.py): every store counts a document the same way."""

from __future__ import annotations

from search import facets
from search.api import FilterParameters, SearchParameters
from search.engines.database.store import _jsonable, document_from_json
from search.engines.elasticsearch.mapping import FACET_FIELDS, index_body, to_source
from search.forms import FACET_LABELS, parse_search_params
from search.semantic.text import facets_of
from search.types import SearchDocument

DOC = SearchDocument(
    id="page:1", kind="case_study", title="t", url="/", council="Leeds City Council",
    partner_councils=("Bristol City Council", "Leeds City Council"), tags=("Bins", "bins", "Sensors"),
    suppliers=("Civic Routes Ltd",), products=("RoundSight",),
    facets={"nation": ("Scotland",), "council_type": ("Scottish council area",)},
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


def test_a_facet_with_no_field_of_its_own_reaches_every_reader():
    # Nation is declared only in the registry and carried in the document's `facets`.
    assert facets.values_of(DOC, "nation") == ("Scotland",)
    assert index_body()["mappings"]["properties"][FACET_FIELDS["nation"]] == {"type": "keyword"}
    assert to_source(DOC)[FACET_FIELDS["nation"]] == ["Scotland"]
    assert parse_search_params({"nation": ["Scotland", "Wales"]}).query.filters == {"nation": ("Scotland", "Wales")}
    assert facets.matches(DOC, {"nation": ["Wales", "Scotland"]}) and not facets.matches(DOC, {"nation": ["Wales"]})


def test_the_api_takes_one_parameter_per_facet():
    assert set(facets.FACETS) - {"kind"} <= set(FilterParameters.model_fields)
    assert "kind" not in FilterParameters.model_fields and "kind" in SearchParameters.model_fields
    nation = FilterParameters.model_fields["nation"]
    assert nation.description == facets.BY_NAME["nation"].help and nation.default == []


def test_the_database_store_keeps_facets_and_reads_entries_stored_before_them():
    assert document_from_json(_jsonable(DOC), DOC.body) == DOC
    stored = {**_jsonable(DOC), "council_type": "London borough"}
    del stored["facets"]
    assert document_from_json(stored).facets == {"council_type": ("London borough",)}
