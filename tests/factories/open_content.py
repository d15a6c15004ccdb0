"""Published, draft, unpublished and private pages for the open-data, feed and alert leak tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import TestCase
from wagtail.models import Page, PageViewRestriction


def _model(label: str) -> Any:
    return apps.get_model(label)


def service_area(name: str = "Waste and recycling") -> Any:
    return _model("councils.ServiceArea").objects.get(name=name)


def add_page(parent: Page, page: Page, *, publish: bool = True, **m2m: Any) -> Page:
    """Add a page under parent; publish it, or leave it as a draft (never published)."""
    for name, values in m2m.items():
        setattr(page, name, values)
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def challenge(council: Page, title: str, *, publish: bool = True, **fields: Any) -> Any:
    fields.setdefault("summary", f"{title}: a shared problem.")
    fields.setdefault("problem_statement", f"The problem with {title.lower()}.")
    fields.setdefault("service_area", service_area())
    return add_page(council, _model("challenges.ChallengePage")(title=title, **fields), publish=publish)


def case_study(
    council: Page, title: str, *, publish: bool = True, partner_councils: list[Page] = (), **fields: Any
) -> Any:
    fields.setdefault("summary", f"{title}: what we tried.")
    fields.setdefault("problem", f"The problem {title.lower()} solved.")
    fields.setdefault("service_area", service_area())
    page = _model("challenges.CaseStudyPage")(title=title, **fields)
    return add_page(council, page, publish=publish, partner_councils=list(partner_councils))


def pattern(title: str, *, publish: bool = True, evidence: list[Page] = (), **fields: Any) -> Any:
    fields.setdefault("summary", f"{title}: a reusable pattern.")
    fields.setdefault("problem", "A common problem.")
    fields.setdefault("solution", "A common solution.")
    parent = _model("patterns.PatternIndexPage").objects.get()
    page = _model("patterns.PatternPage")(title=title, **fields)
    return add_page(parent, page, publish=publish, evidence=list(evidence))


def centre(title: str, regions: list[str], **fields: Any) -> Any:
    fields.setdefault("summary", f"{title} runs experiments with councils.")
    parent = _model("experiments.RegionalCentreIndexPage").objects.get()
    page = _model("experiments.RegionalCentrePage")(title=title, **fields)
    page.regions = list(_model("councils.Region").objects.filter(name__in=regions))
    return add_page(parent, page)


def experiment(centre_page: Page, title: str, *, publish: bool = True, **fields: Any) -> Any:
    fields.setdefault("summary", f"{title}: a sandbox experiment.")
    fields.setdefault("hypothesis", "We believe this will help.")
    return add_page(centre_page, _model("experiments.ExperimentPage")(title=title, **fields), publish=publish)


def collection(centre_page: Page, title: str, items: list[Page], *, publish: bool = True) -> Any:
    page = _model("experiments.CollectionPage")(title=title, summary=f"{title}: a curated collection.")
    page.items = [_model("experiments.CollectionItem")(page=p, note=f"Note on {p.title}") for p in items]
    return add_page(centre_page, page, publish=publish)


def interest(challenge: Page, council: Page, role: str = "partner", **fields: Any) -> Any:
    """A council's interest in a challenge ("we have this too")."""
    return _model("challenges.ChallengeInterest").objects.create(
        challenge=challenge, council=council, role=role, **fields
    )


def make_private(page: Page) -> Page:
    """A password restriction: the page stays live but is no longer public."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    return page


def unpublish(page: Page) -> Page:
    page.unpublish()
    page.refresh_from_db()
    return page


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
        summary="Rising costs of housing families.",
        problem_statement="Housing costs.",
        service_area=service_area("Housing"),
    )
    w["draft"] = challenge(leeds, "Draft bins secret plan", publish=False)
    w["unpublished"] = unpublish(challenge(leeds, "Withdrawn bins idea"))
    w["private"] = make_private(challenge(leeds, "Private bins budget"))
    make_private(cardiff)
    w["under_private"] = challenge(cardiff, "Cardiff bins behind a restriction")
    w["draft_case_study"] = case_study(leeds, "Draft bins sensors write-up", publish=False)
    w["case_study"] = case_study(
        leeds, "Bin sensor pilot", partner_councils=[bristol, cardiff], challenge=w["challenge"], stage="live"
    )
    w["pattern"] = pattern(
        "Report a missed bin collection", evidence=[w["case_study"], w["draft_case_study"]], maturity="recommended"
    )
    w["centre"] = centre("Yorkshire innovation centre", ["Yorkshire and The Humber"])
    w["experiment"] = experiment(w["centre"], "Smart bins trial", status="running", challenge=w["draft"])
    w["draft_experiment"] = experiment(w["centre"], "Draft bins experiment", publish=False)
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
