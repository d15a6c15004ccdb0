"""A published, draft, unpublished and private world of pages for the open-data, feed and alert leak tests."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import TestCase
from wagtail.models import Page

from tests.factories.content import (
    case_study,
    centre,
    challenge,
    collection,
    experiment,
    make_private,
    pattern,
    service_area,
    unpublish,
)


def build_world(councils: dict[str, Page]) -> dict[str, Page]:
    """Public content about bins and housing, plus a draft, an unpublished page, a private page and a page under
    a private council: every one of the last four mentions bins too, so a leak would show up in any bins listing."""
    leeds, bristol, cardiff = councils["Leeds"], councils["City of Bristol"], councils["Cardiff"]
    w: dict[str, Page] = {"leeds": leeds, "bristol": bristol, "cardiff": cardiff}
    w["challenge"] = challenge(leeds, "Missed bin collections")
    w["fly_tipping"] = challenge(bristol, "Fly-tipping hotspots in bins areas")
    w["housing"] = challenge(
        bristol,
        "Temporary accommodation costs",
        tags=(),
        summary="Rising costs of housing families.",
        problem_statement="Housing costs.",
        who_is_affected="Families in temporary accommodation.",
        desired_outcomes="- Lower costs",
        service_area=service_area("Housing"),
    )
    w["draft"] = challenge(leeds, "Draft bins secret plan", state="draft")
    w["unpublished"] = unpublish(challenge(leeds, "Withdrawn bins idea"))
    w["private"] = make_private(challenge(leeds, "Private bins budget"))
    make_private(cardiff)
    w["under_private"] = challenge(cardiff, "Cardiff bins behind a restriction")
    w["draft_case_study"] = case_study(leeds, "Draft bins sensors write-up", state="draft")
    w["case_study"] = case_study(
        leeds,
        "Bin sensor pilot",
        partner_councils=[bristol, cardiff],
        reusable_outputs=[],  # its links lead off the site; the leak and link tests read only the site's own
        challenge=w["challenge"],
        stage="live",
    )
    w["pattern"] = pattern(
        "Report a missed bin collection", evidence=[w["case_study"], w["draft_case_study"]], maturity="recommended"
    )
    w["centre"] = centre("Yorkshire innovation centre", ["Yorkshire and The Humber"])
    w["experiment"] = experiment(w["centre"], "Smart bins trial", status="running", challenge=w["draft"])
    w["draft_experiment"] = experiment(w["centre"], "Draft bins experiment", state="draft")
    w["collection"] = collection(
        w["centre"], "Bins reading list", [w["challenge"], w["draft"], w["private"], w["under_private"]]
    )
    return w


LEAKED_TITLES = (
    "Draft bins secret plan",
    "Withdrawn bins idea",
    "Private bins budget",
    "Cardiff bins behind a restriction",
    "Draft bins sensors write-up",
    "Draft bins experiment",
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """build_world() once per test module (page publishing is slow), indexed by the real signal -> on_commit ->
    engine path, and rolled back when the module ends; each test still runs in its own savepoint."""
    from councils import services as council_services
    from councils.models import CouncilIndexPage, CouncilPage
    from sandbox_site.site_tree import ensure_site_tree
    from search.documents import all_documents
    from search.engines import get_engine
    from tests.conftest import SAMPLE_GSS_CODES

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                ensure_site_tree()
                council_services.sync_regions()
                council_services.sync_service_areas()
                rows = [
                    r
                    for r in council_services.load_rows(council_services.DATA_DIR / "councils.csv")
                    if r["gss_code"] in SAMPLE_GSS_CODES
                ]
                council_services.sync_councils(rows, CouncilIndexPage.objects.get())
                councils = {c.short_name: c for c in CouncilPage.objects.all()}
                # Councils are synced, not published, so index them as `search_reindex` does after a sync;
                # everything build_world publishes then goes through the publish signals.
                get_engine().rebuild(all_documents())
                built = build_world(councils)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
