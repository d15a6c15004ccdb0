"""The whole site on Elasticsearch, with real pages: what gets indexed, the outage queue, reindex and status.

The page-level leakage tests of the database engine (drafts, unpublish, delete, move, privacy) are
imported and run again here, with get_engine() returning the Elasticsearch engine.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search.engines import get_engine
from search.engines.elasticsearch import FallbackEngine
from search.models import IndexChange
from search.types import SearchQuery
from tests.factories import content as make
from tests.search.test_indexing import (  # noqa: F401 - imported tests run again on this engine
    found,
    test_a_new_draft_of_a_live_page_does_not_change_the_index,
    test_deleting_removes_at_once,
    test_drafts_never_appear_anywhere,
    test_moving_reindexes_council_and_url,
    test_privacy_on_an_ancestor_removes_every_descendant_and_lifting_it_restores_them,
    test_publishing_a_child_of_a_private_page_does_not_index_it,
    test_publishing_indexes_the_page_with_its_council_and_region,
    test_unpublishing_removes_at_once,
)


class NoFallbackReads:
    """The database engine for writes only: a read reaching it means Elasticsearch did not answer."""

    def __init__(self, engine: object) -> None:
        self.engine = engine

    def __getattr__(self, name: str) -> object:
        if name in {"search", "autocomplete", "related", "similar_to_text"}:
            raise AssertionError(f"Elasticsearch did not answer ({name} fell back to the database engine)")
        return getattr(self.engine, name)


@pytest.fixture(autouse=True)
def _on_elasticsearch(es_site):
    engine = get_engine()
    assert isinstance(engine, FallbackEngine)
    engine.fallback = NoFallbackReads(engine.fallback)  # these tests must prove Elasticsearch's answers


def in_elasticsearch() -> dict[str, str]:
    """doc id -> title, read straight from the cluster (not through the fallback)."""
    primary = get_engine().primary
    response = primary.client.search(index=primary.alias, size=100, query={"match_all": {}})
    return {hit["_id"]: hit["_source"]["title"] for hit in response["hits"]["hits"]}


@pytest.fixture
def outage_site(settings, es_outage, es_site):
    """The site's engine talks to the cluster through the outage switch, with a short timeout."""
    from search.engines import reset_engine

    settings.ELASTICSEARCH_URL = es_outage.url
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    reset_engine()
    return es_outage


def test_no_update_is_lost_when_the_server_stops_mid_stream(commit, leeds, outage_site, capsys):
    first = commit(make.challenge, leeds, "Overflowing litter bins")
    second = commit(make.challenge, leeds, "Fly-tipping hotspots")
    assert set(in_elasticsearch().values()) == {"Overflowing litter bins", "Fly-tipping hotspots"}

    with outage_site.happen():
        third = commit(make.case_study, leeds, "Litter picking volunteers")  # new page
        first.title = "Overflowing litter bins in parks"
        commit(first.save_revision().publish)  # changed page
        commit(second.unpublish)  # withdrawn page
        # Nothing is lost: every change waits in the queue.
        assert IndexChange.objects.count() == 3
        assert all(change.attempts == 1 for change in IndexChange.objects.all())
        # Searches still answer (from the database engine, which took the changes), marked degraded.
        result = get_engine().search(SearchQuery(text="litter"))
        assert result.degraded
        assert {hit.title for hit in result.hits} == {"Overflowing litter bins in parks", "Litter picking volunteers"}
        call_command("search_status")
        assert "Queue backlog: 3 change(s), 3 failed at least once" in capsys.readouterr().out

    call_command("search_process_queue")
    assert "Applied 3 queued change(s); 0 still queued." in capsys.readouterr().out
    assert not IndexChange.objects.exists()
    assert in_elasticsearch() == {
        f"page:{first.pk}": "Overflowing litter bins in parks",
        f"page:{third.pk}": "Litter picking volunteers",
    }


def test_reindex_and_status_on_elasticsearch(leeds, councils, capsys):
    make.challenge(leeds, "Overflowing litter bins")
    make.challenge(leeds, "Secret litter plan", state="draft")
    other = next(council for name, council in councils.items() if name != "Leeds")
    private = make.case_study(other, "Private litter pilot")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    call_command("search_reindex")
    out = capsys.readouterr().out
    expected = len(councils) + 1
    assert f"Indexed {expected} documents" in out and "with the elasticsearch engine" in out
    assert found("litter") == {"Overflowing litter bins"}
    assert "Secret litter plan" not in in_elasticsearch().values()
    call_command("search_status")
    status = capsys.readouterr().out
    alias = get_engine().primary.alias
    assert f"alias {alias} -> {alias}-v" in status and "mapping v" in status
    assert f"Documents: {expected} indexed, {expected} live public pages" in status
    assert "Search index is up to date." in status


def test_healthz_reports_the_cluster_index_version_counts_and_backlog(client, commit, leeds):
    commit(make.challenge, leeds, "Overflowing litter bins")
    response = client.get("/healthz")
    assert response.status_code == 200
    search = response.json()["search"]
    alias = get_engine().primary.alias
    assert (search["engine"], search["ok"], search["backlog"]) == ("elasticsearch", True, 0)
    assert search["index"].startswith(f"{alias}-v") and search["mapping_version"] >= 1
    assert search["documents"] == search["fallback_documents"] == 1  # Elasticsearch and the database agree


def test_healthz_stays_up_and_says_search_is_degraded_during_an_outage(client, outage_site):
    with outage_site.happen():
        response = client.get("/healthz")
    assert response.status_code == 200  # the site still serves: searches come from the database engine
    assert response.json()["search"]["ok"] is False
    assert response.json()["search"]["fallback_engine"] == "database"
