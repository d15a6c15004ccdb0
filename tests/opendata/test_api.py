"""The read-only JSON API: lists with the search filters, details by id or slug, never a draft or private page."""

from __future__ import annotations

import pytest

from search.types import SearchQuery
from tests.factories.open_content import LEAKED_TITLES

pytestmark = pytest.mark.django_db


def _titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {r["title"] for r in response.json()["results"]}


def test_list_has_only_live_public_pages_of_its_kind(client, world):
    response = client.get("/api/v1/challenges/")
    assert _titles(response) == {
        "Missed bin collections",
        "Fly-tipping hotspots in bins areas",
        "Temporary accommodation costs",
    }
    body = response.json()
    assert body["total"] == 3
    assert {r["kind"] for r in body["results"]} == {"challenge"}
    first = next(r for r in body["results"] if r["title"] == "Missed bin collections")
    assert first["id"] == world["challenge"].pk
    assert first["council"] == world["leeds"].title
    assert first["detail"] == f"http://testserver/api/v1/challenges/{world['challenge'].pk}/"
    assert first["url"] == f"http://testserver{world['challenge'].url}"


@pytest.mark.parametrize("plural", ["challenges", "case-studies", "patterns", "experiments", "collections"])
def test_no_list_leaks_drafts_unpublished_or_private_pages(client, world, plural):
    for params in ({}, {"q": "bins"}, {"sort": "newest", "page_size": "100"}):
        titles = _titles(client.get(f"/api/v1/{plural}/", params))
        assert not titles & set(LEAKED_TITLES)


def test_list_filters_are_the_search_filters(client, world):
    assert _titles(client.get("/api/v1/challenges/", {"q": "bins"})) == {
        "Missed bin collections",
        "Fly-tipping hotspots in bins areas",
    }
    assert _titles(client.get("/api/v1/challenges/", {"service_area": "Housing"})) == {"Temporary accommodation costs"}
    region = world["leeds"].region.name
    assert _titles(client.get("/api/v1/challenges/", {"region": region})) == {"Missed bin collections"}
    both = client.get("/api/v1/challenges/", {"council": [world["leeds"].title, world["bristol"].title]})
    assert len(_titles(both)) == 3
    paged = client.get("/api/v1/challenges/", {"page_size": "2", "page": "2", "sort": "newest"}).json()
    assert (paged["page"], paged["page_size"], paged["total"], len(paged["results"])) == (2, 2, 3, 1)


def test_the_url_decides_the_kind(client, world):
    assert _titles(client.get("/api/v1/patterns/", {"kind": "challenge"})) == {"Report a missed bin collection"}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"sort": "bogus"}, "sort"),
        ({"page_size": "1000"}, "page_size"),
        ({"year": "20x4"}, "year"),
        ({"kind": "spaceship"}, "kind"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, world, params, parameter):
    response = client.get("/api/v1/case-studies/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Check the parameters"
    assert parameter in {e["parameter"] for e in body["errors"]}


def test_detail_by_id_and_by_slug(client, world):
    page = world["challenge"]
    by_id = client.get(f"/api/v1/challenges/{page.pk}/")
    by_slug = client.get(f"/api/v1/challenges/{page.slug}/")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    data = by_id.json()
    assert data["title"] == "Missed bin collections"
    assert data["kind"] == "challenge"
    assert data["status"] == {"value": "open", "label": "Open"}
    assert data["council"]["gss_code"] == world["leeds"].gss_code
    assert data["service_area"] == "Waste and recycling"
    assert data["problem_statement"] == "Reports arrive **two days** late."


def test_detail_links_only_to_public_pages(client, world):
    case_study = client.get(f"/api/v1/case-studies/{world['case_study'].pk}/").json()
    # Cardiff's council page is private, so it is not named as a partner.
    assert [c["title"] for c in case_study["partner_councils"]] == [world["bristol"].title]
    assert case_study["challenge"]["id"] == world["challenge"].pk
    assert case_study["stage"]["label"] == "Live"

    pattern = client.get(f"/api/v1/patterns/{world['pattern'].pk}/").json()
    assert [p["title"] for p in pattern["evidence"]] == ["Bin sensor pilot"]

    experiment = client.get(f"/api/v1/experiments/{world['experiment'].pk}/").json()
    assert experiment["challenge"] is None  # it points at a draft challenge
    assert experiment["regional_centre"]["title"] == "Yorkshire innovation centre"
    assert experiment["regions"] == ["Yorkshire and The Humber"]

    collection = client.get(f"/api/v1/collections/{world['collection'].pk}/").json()
    assert [i["title"] for i in collection["items"]] == ["Missed bin collections"]
    assert collection["items"][0]["note"] == "Why: Missed bin collections"


@pytest.mark.parametrize("key", ["draft", "unpublished", "private", "under_private"])
def test_detail_is_404_for_non_public_pages(client, world, key):
    page = world[key]
    assert client.get(f"/api/v1/challenges/{page.pk}/").status_code == 404
    assert client.get(f"/api/v1/challenges/{page.slug}/").status_code == 404


def test_detail_is_404_under_the_wrong_kind(client, world):
    assert client.get(f"/api/v1/patterns/{world['challenge'].pk}/").status_code == 404
    assert client.get("/api/v1/patterns/no-such-pattern/").status_code == 404


def test_council_detail(client, world):
    data = client.get(f"/api/v1/councils/{world['leeds'].slug}/").json()
    assert data["gss_code"] == world["leeds"].gss_code
    assert data["region"] == world["leeds"].region.name
    assert client.get(f"/api/v1/councils/{world['cardiff'].pk}/").status_code == 404


def test_openapi_schema_documents_the_open_data(client, world):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/challenges/", "/api/v1/challenges.csv", "/api/v1/challenges/{ref}/"):
        assert path in schema["paths"]


def test_a_stale_index_entry_cannot_leak_a_draft(client, world):
    """Even if the index wrongly held a draft (a missed signal), the open data re-checks the page tree."""
    from search.engines import get_engine
    from search.types import SearchDocument

    draft = world["draft"]
    get_engine().index(
        [SearchDocument(id=f"page:{draft.pk}", kind="challenge", title=draft.title, url="/draft/", summary="bins")]
    )
    assert draft.title in {h.title for h in get_engine().search(SearchQuery(text="bins")).hits}
    assert draft.title not in _titles(client.get("/api/v1/challenges/", {"q": "bins"}))
    csv_text = b"".join(client.get("/api/v1/challenges.csv", {"q": "bins"}).streaming_content).decode()
    assert draft.title not in csv_text
    assert draft.title not in client.get("/search/feed/", {"q": "bins"}).content.decode()
    assert draft.title not in client.get("/before-you-start/", {"problem": "draft bins secret plan"}).content.decode()


def test_list_queries_do_not_grow_with_results(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/api/v1/challenges/")  # warm-up: the engine loads the curators' glossary once
    counts = []
    for size in ("1", "3"):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/api/v1/challenges/", {"page_size": size}).json()["results"]) == int(size)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_council_list(client, world):
    from councils.models import CouncilPage

    southwark = CouncilPage.objects.get(short_name="Southwark")
    assert _titles(client.get("/api/v1/councils/", {"region": "London"})) == {southwark.title}
    everyone = _titles(client.get("/api/v1/councils/", {"page_size": "100"}))
    assert world["leeds"].title in everyone
    assert world["cardiff"].title not in everyone  # its council page is private in this fixture
