"""End to end with real pages: publish, unpublish, delete, move and privacy keep the index right.

Drafts, private, unpublished, deleted and moved-away pages must never appear in results, facet
counts, autocomplete or related content.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from search.engines import get_engine
from search.indexing import drain_queue
from search.models import IndexChange
from search.types import SearchQuery
from tests.factories import content as make


def search(text: str = "", **filters: tuple[str, ...]):
    return get_engine().search(SearchQuery(text=text, filters=filters))


def found(text: str = "", **filters: tuple[str, ...]) -> set[str]:
    return {hit.title for hit in search(text, **filters).hits}


def facet_total(result, facet: str) -> int:
    return sum(v.count for f in result.facets if f.name == facet for v in f.values)


@pytest.fixture
def leeds(councils):
    drain_queue()  # index the councils the fixture published, so each test starts with an empty queue
    return councils["Leeds"]


def test_publishing_indexes_the_page_with_its_council_and_region(commit, leeds):
    page = commit(make.challenge, leeds, "Overflowing litter bins")
    [hit] = search("overflowing").hits
    assert (hit.id, hit.title, hit.url) == (f"page:{page.pk}", "Overflowing litter bins", page.url)
    assert hit.council == leeds.title
    assert hit.regions == (leeds.region.name,)
    assert hit.stage == "Open"
    assert not IndexChange.objects.exists()  # applied right after commit


def test_drafts_never_appear_anywhere(commit, leeds):
    public = commit(make.challenge, leeds, "Overflowing litter bins")
    commit(make.challenge, leeds, "Secret litter plan", state="draft")
    assert found("litter") == {"Overflowing litter bins"}
    assert facet_total(search("litter"), "kind") == 1
    assert "Secret litter plan" not in get_engine().autocomplete("secret")
    assert get_engine().autocomplete("secret") == []
    assert all(hit.title != "Secret litter plan" for hit in get_engine().related(f"page:{public.pk}", limit=10))


def test_a_new_draft_of_a_live_page_does_not_change_the_index(commit, leeds):
    page = commit(make.challenge, leeds, "Overflowing litter bins")
    page.title = "Draft title nobody approved"
    commit(page.save_revision)
    assert found("approved") == set()
    assert found("overflowing") == {"Overflowing litter bins"}


def test_unpublishing_removes_at_once(commit, leeds):
    page = commit(make.challenge, leeds, "Overflowing litter bins")
    commit(page.unpublish)
    assert found("overflowing") == set()
    assert "Overflowing litter bins" not in found("")
    assert get_engine().autocomplete("overflow") == []


def test_deleting_removes_at_once(commit, leeds):
    page = commit(make.case_study, leeds, "Litter picking volunteers")
    commit(page.delete)
    assert found("volunteers") == set()


def test_moving_reindexes_council_and_url(commit, leeds, councils):
    page = commit(make.case_study, councils["Leeds"], "Litter picking volunteers")
    commit(page.move, councils["City of Bristol"], pos="last-child")
    [hit] = search("volunteers").hits
    page.refresh_from_db()
    assert hit.council == councils["City of Bristol"].title
    assert hit.url == page.url and "bristol" in hit.url.lower()
    assert found("", council=(councils["Leeds"].title,)) <= {councils["Leeds"].title}


def test_privacy_on_an_ancestor_removes_every_descendant_and_lifting_it_restores_them(commit, leeds):
    commit(make.challenge, leeds, "Overflowing litter bins")
    commit(make.case_study, leeds, "Litter picking volunteers")
    restriction = commit(PageViewRestriction.objects.create, page=leeds, restriction_type="password", password="x")
    assert found("litter") == set()
    councils_counted = {v.value for f in search("").facets if f.name == "council" for v in f.values}
    assert leeds.title not in councils_counted  # the council page itself is private too
    assert found("", kind=("challenge", "case_study")) == set()
    commit(restriction.delete)
    assert found("litter") == {"Overflowing litter bins", "Litter picking volunteers"}


def test_publishing_a_child_of_a_private_page_does_not_index_it(commit, leeds):
    commit(PageViewRestriction.objects.create, page=leeds, restriction_type="login")
    commit(make.challenge, leeds, "Overflowing litter bins")
    assert found("overflowing") == set()


class BrokenEngine:
    """An engine whose server is down: every write fails."""

    name = "broken"

    def index(self, docs):
        raise ConnectionError("search server unreachable")

    remove = index


def test_an_engine_outage_loses_nothing(commit, leeds, monkeypatch):
    monkeypatch.setattr("search.indexing.get_engine", lambda: BrokenEngine())
    commit(make.challenge, leeds, "Overflowing litter bins")
    change = IndexChange.objects.get()
    assert change.attempts == 1 and "unreachable" in change.last_error
    assert drain_queue().failed == 1  # still down: still queued
    monkeypatch.undo()
    result = drain_queue()
    assert (result.applied, result.failed) == (1, 0)
    assert found("overflowing") == {"Overflowing litter bins"}
    assert not IndexChange.objects.exists()


def test_process_queue_command(commit, leeds, monkeypatch, capsys):
    monkeypatch.setattr("search.indexing.get_engine", lambda: BrokenEngine())
    commit(make.challenge, leeds, "Overflowing litter bins")
    monkeypatch.undo()
    call_command("search_process_queue")
    assert "Applied 1 queued change(s); 0 still queued." in capsys.readouterr().out
    assert found("overflowing") == {"Overflowing litter bins"}


def test_reindex_builds_only_live_public_pages(leeds, councils, capsys):
    get_engine().rebuild([])
    # Created without running on-commit callbacks: the index is empty until the rebuild.
    make.challenge(leeds, "Overflowing litter bins")
    make.challenge(leeds, "Secret litter plan", state="draft")
    private = make.case_study(councils["City of Bristol"], "Private litter pilot")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert found("litter") == set()
    call_command("search_reindex")
    out = capsys.readouterr().out
    assert found("litter") == {"Overflowing litter bins"}
    expected = len(councils) + 1  # every council page, plus the one public challenge
    assert f"Indexed {expected} documents" in out and "with the database engine" in out
    call_command("search_status")
    status = capsys.readouterr().out
    assert f"Documents: {expected} indexed, {expected} live public pages" in status
    assert "Search index is up to date." in status


def test_status_reports_a_backlog(commit, leeds, monkeypatch, capsys):
    monkeypatch.setattr("search.indexing.get_engine", lambda: BrokenEngine())
    commit(make.challenge, leeds, "Overflowing litter bins")
    monkeypatch.undo()
    call_command("search_status")
    out = capsys.readouterr().out
    assert "Queue backlog: 1 change(s), 1 failed at least once" in out
    assert "unreachable" in out and "needs attention" in out


def test_an_outage_queues_one_background_retry_that_applies_the_changes_once_the_engine_is_back(
    commit, leeds, monkeypatch, run_tasks, settings
):
    settings.TASK_RETRY_DELAYS = [0, 0]
    monkeypatch.setattr("search.indexing.get_engine", lambda: BrokenEngine())
    commit(make.challenge, leeds, "Overflowing litter bins")
    commit(make.challenge, leeds, "Broken street lights")
    [retry] = DBTaskResult.objects.all()  # one per outage, not one per publish
    assert retry.task_path == "search.tasks.process_index_queue"

    assert run_tasks(limit=1) == 1  # still down: the task fails and is retried
    assert IndexChange.objects.count() == 2
    monkeypatch.undo()
    assert run_tasks() == 1

    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)) == [
        "FAILED",
        "SUCCESSFUL",
    ]
    assert not IndexChange.objects.exists()
    assert found("overflowing") == {"Overflowing litter bins"}
    assert found("lights") == {"Broken street lights"}
