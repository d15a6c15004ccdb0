"""Register lines as search documents: "who uses X for Y", kept current after commit, never private data."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from marketplace.search_documents import doc_id
from search.engines import get_engine, reset_engine
from search.indexing import drain_queue
from search.models import IndexChange, SearchEntry
from search.types import SearchQuery
from tests.factories import content as make
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db

NOTE = "Quagga exit clause"
# Every private value of the line made below, as stored or as any template might show it.
PRIVATE = (NOTE, "2031-07-19", "19 July 2031", "19 Jul 2031", "2019-02-03", "500k_1m", "£500,000 to £1 million")


@pytest.fixture(autouse=True)
def _fresh_engine():
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def indexed(councils):
    drain_queue()  # the councils the fixture published, so each test starts with an empty queue
    return councils


@pytest.fixture
def roundsight(db):
    return ProductFactory(name="RoundSight", supplier=SupplierFactory(name="Civic Routes Ltd"))


@pytest.fixture
def binmaster(db):
    return ProductFactory(name="BinMaster Enterprise", supplier=SupplierFactory(name="Legacy Municipal Systems plc"))


def add_line(commit, council, area, product, **fields):
    values = {
        "contract_start": datetime.date(2019, 2, 3),
        "contract_end": datetime.date(2031, 7, 19),
        "annual_cost_band": "500k_1m",
        "satisfaction": 2,
        "notes": NOTE,
        **fields,
    }
    return commit(CouncilSystemFactory, council=council, service_area=area, product=product, **values)


def search(text: str = "", **filters: tuple[str, ...]):
    return get_engine().search(SearchQuery(text=text, filters=filters))


def who_uses(product: str, area: str) -> list[str]:
    result = search(kind=("system",), product=(product,), service_area=(area,))
    return sorted(hit.council for hit in result.hits)


def facet(result, name: str) -> dict[str, int]:
    return {v.value: v.count for f in result.facets if f.name == name for v in f.values}


def test_a_register_line_is_indexed_after_commit_with_its_public_part(commit, indexed, waste, roundsight):
    leeds = indexed["Leeds"]
    system = add_line(commit, leeds, waste, roundsight)
    [hit] = search(kind=("system",)).hits
    assert hit.id == doc_id(system.pk)
    assert hit.title == f"RoundSight at {leeds.title}"
    assert hit.summary == f"{leeds.title} uses RoundSight (Civic Routes Ltd) for waste and recycling."
    assert hit.url == f"{leeds.url}#systems-register-heading"
    assert (hit.council, hit.regions, hit.service_area) == (leeds.title, (leeds.region.name,), waste.name)
    assert not IndexChange.objects.exists()


def test_nothing_changes_in_the_index_before_commit(django_capture_on_commit_callbacks, indexed, waste, roundsight):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CouncilSystemFactory(council=indexed["Leeds"], service_area=waste, product=roundsight)
    assert search(kind=("system",)).total == 0
    assert IndexChange.objects.count() == 1  # durable: queued with the change itself
    for callback in callbacks:
        callback()
    assert search(kind=("system",)).total == 1


def test_who_uses_a_product_for_a_service_area(commit, indexed, waste, housing, roundsight, binmaster):
    add_line(commit, indexed["Leeds"], waste, roundsight)
    add_line(commit, indexed["City of Bristol"], waste, roundsight)
    add_line(commit, indexed["Southwark"], waste, binmaster)
    add_line(commit, indexed["Cardiff"], housing, ProductFactory(name="RoundSight Homes", supplier=roundsight.supplier))
    assert who_uses("RoundSight", waste.name) == sorted([indexed["Leeds"].title, indexed["City of Bristol"].title])
    assert who_uses("BinMaster Enterprise", waste.name) == [indexed["Southwark"].title]
    assert who_uses("RoundSight", housing.name) == []
    result = search()
    assert facet(result, "supplier") == {"Civic Routes Ltd": 3, "Legacy Municipal Systems plc": 1}
    assert facet(result, "product") == {"RoundSight": 2, "BinMaster Enterprise": 1, "RoundSight Homes": 1}


def test_editing_a_line_updates_the_index(client, commit, indexed, leeds_editor, waste, roundsight, binmaster):
    leeds = indexed["Leeds"]
    system = add_line(commit, leeds, waste, roundsight)
    client.force_login(leeds_editor)
    data = {"service_area": waste.pk, "product": binmaster.pk, "contract_end": "2030-01-31", "notes": NOTE}
    response = commit(client.post, reverse("marketplace:register_edit", args=[system.pk]), data)
    assert response.status_code == 302
    assert who_uses("RoundSight", waste.name) == []
    assert who_uses("BinMaster Enterprise", waste.name) == [leeds.title]


def test_deleting_a_line_removes_it(client, commit, indexed, leeds_editor, waste, roundsight):
    system = add_line(commit, indexed["Leeds"], waste, roundsight)
    client.force_login(leeds_editor)
    response = commit(client.post, reverse("marketplace:register_delete", args=[system.pk]))
    assert response.status_code == 302
    assert search(kind=("system",)).total == 0
    assert facet(search(), "product") == {}


def test_renaming_a_product_or_supplier_updates_lines_and_case_studies(commit, indexed, waste, roundsight):
    leeds = indexed["Leeds"]
    add_line(commit, leeds, waste, roundsight)
    commit(make.case_study, leeds, "Smarter bin rounds", product_records=[roundsight])
    assert facet(search(), "product") == {"RoundSight": 2}

    roundsight.name = "RoundSight 2"
    commit(roundsight.save)
    assert facet(search(), "product") == {"RoundSight 2": 2}
    assert search("RoundSight 2", kind=("system",)).hits[0].title == f"RoundSight 2 at {leeds.title}"

    roundsight.supplier.name = "Civic Routes Group"
    commit(roundsight.supplier.save)
    assert facet(search(), "supplier") == {"Civic Routes Group": 2}
    assert not IndexChange.objects.exists()


def test_case_studies_carry_their_linked_products_and_suppliers(commit, indexed, roundsight, binmaster):
    commit(make.case_study, indexed["Leeds"], "Smarter bin rounds", product_records=[roundsight, binmaster])
    result = search(product=("BinMaster Enterprise",))
    assert [hit.title for hit in result.hits] == ["Smarter bin rounds"]
    assert facet(result, "supplier") == {"Civic Routes Ltd": 1, "Legacy Municipal Systems plc": 1}
    assert facet(search(supplier=("Civic Routes Ltd",)), "kind") == {"case_study": 1}

    commit(binmaster.delete)  # the link goes with the product, and so does the facet value
    assert search(product=("BinMaster Enterprise",)).total == 0
    assert search(product=("RoundSight",)).total == 1


def test_private_fields_never_reach_the_index(commit, indexed, waste, roundsight):
    add_line(commit, indexed["Leeds"], waste, roundsight)
    [entry] = SearchEntry.objects.filter(kind="system")
    stored = json.dumps([entry.title, entry.summary, entry.keywords, entry.body, entry.document], default=str)
    assert [value for value in PRIVATE if value in stored] == []
    assert search("quagga").total == 0 and search("renegotiation").total == 0


def test_private_fields_never_reach_the_api_or_search_page(client, commit, indexed, waste, roundsight):
    add_line(commit, indexed["Leeds"], waste, roundsight)
    query = {"kind": "system", "product": "RoundSight", "service_area": waste.name}
    api = client.get("/api/v1/search/", query)
    page = client.get("/search/", query)
    assert api.status_code == page.status_code == 200
    assert api.json()["total"] == 1 and "RoundSight at" in page.content.decode()
    for body in (api.content.decode(), page.content.decode()):
        assert [value for value in PRIVATE if value in body] == []


def test_unpublished_council_takes_its_lines_out_and_back(commit, indexed, waste, housing, roundsight):
    leeds = indexed["Leeds"]
    add_line(commit, leeds, waste, roundsight)
    commit(leeds.unpublish)
    assert search(kind=("system",)).total == 0
    add_line(commit, leeds, housing, roundsight)
    assert search(kind=("system",)).total == 0  # a new line of an unpublished council is not indexed either
    commit(leeds.save_revision().publish)
    assert search(kind=("system",)).total == 2


def test_private_council_lines_are_not_indexed(commit, indexed, waste, roundsight):
    leeds = indexed["Leeds"]
    add_line(commit, leeds, waste, roundsight)
    commit(PageViewRestriction.objects.create, page=leeds, restriction_type=PageViewRestriction.LOGIN)
    assert search(kind=("system",)).total == 0
    add_line(commit, indexed["City of Bristol"], waste, roundsight)
    call_command("search_reindex", stdout=StringIO())
    assert [hit.council for hit in search(kind=("system",)).hits] == [indexed["City of Bristol"].title]


def test_deleting_a_council_removes_its_lines(commit, indexed, waste, roundsight):
    add_line(commit, indexed["Leeds"], waste, roundsight)
    commit(indexed["Leeds"].delete)
    assert search(kind=("system",)).total == 0
    assert not IndexChange.objects.exists()


def test_reindex_and_status_count_register_lines(commit, indexed, waste, roundsight):
    add_line(commit, indexed["Leeds"], waste, roundsight)
    add_line(commit, indexed["City of Bristol"], waste, roundsight)
    out = StringIO()
    call_command("search_reindex", stdout=out)
    pages = len(indexed)
    assert f"Indexed {pages + 2} documents" in out.getvalue()
    assert search(kind=("system",)).total == 2
    status = StringIO()
    call_command("search_status", stdout=status)
    assert f"{pages} live public pages, 2 other documents" in status.getvalue()
    assert "Search index is up to date." in status.getvalue()


def test_case_studies_are_found_by_their_products_and_what_they_also_mention(commit, indexed, roundsight):
    commit(
        make.case_study,
        indexed["Leeds"],
        "Smarter bin rounds",
        also_mentioned="Quokka Data, Wombat",
        product_records=[roundsight],
    )
    for text in ("roundsight", "civic routes", "quokka", "wombat"):
        assert [hit.title for hit in search(text, kind=("case_study",)).hits] == ["Smarter bin rounds"], text
    # Only the linked register product and its supplier are facet values; what is also mentioned never is.
    result = search(kind=("case_study",))
    assert facet(result, "supplier") == {"Civic Routes Ltd": 1}
    assert facet(result, "product") == {"RoundSight": 1}
    assert search(supplier=("Quokka Data",)).total == 0
