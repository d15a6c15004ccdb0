"""Pages of every kind, with every field filled in, in any publication state, and the records that hang off them.

Each kind has one builder. Keyword arguments override the default field values; `state` is one of STATES;
`tags` replaces the default tags; relations (partner councils, evidence, participating councils, collection items)
are set before the page is first saved, as the editor's form does.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from typing import Any

from wagtail.models import Page, PageViewRestriction

from challenges.models import CaseStudyPage, ChallengeInterest, ChallengePage, InterestRole, ReusableOutput
from councils.models import CouncilPage, Region, ServiceArea
from experiments.models import (
    CollectionItem,
    CollectionPage,
    ExperimentPage,
    RegionalCentreIndexPage,
    RegionalCentrePage,
)
from patterns.models import PatternIndexPage, PatternPage

# The states a page can be in; only "live" (and the live version of "live_with_draft") may ever be public.
STATES = ("live", "draft", "private", "unpublished", "live_with_draft")
RESTRICTION_PASSWORD = "s3cret-restriction"
_unreleased = itertools.count(1)


def service_area(name: str = "Waste and recycling") -> ServiceArea:
    return ServiceArea.objects.get(name=name)


def add_page(parent: Page, page: Page, *, state: str = "live", tags: Iterable[str] = (), **relations: Any) -> Any:
    """Add `page` under `parent`, as an editor would, and put it in one of STATES."""
    for name, values in relations.items():
        setattr(page, name, list(values))
    if tags:
        page.tags.add(*tags)
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if state != "draft":
        revision.publish()
        page.refresh_from_db()  # publishing saved another copy of the page: read back what it stored
    if state == "private":
        make_private(page)
    elif state == "unpublished":
        page.unpublish()
    elif state == "live_with_draft":
        # A newer, unpublished revision: its text must never reach the public.
        draft = page.get_latest_revision_as_object()
        draft.title = f"{page.title} unreleased{next(_unreleased)}"
        draft.summary = "Unreleased edit."
        draft.save_revision()
    page.refresh_from_db()
    return page


def make_private(page: Page, password: str = RESTRICTION_PASSWORD) -> Any:
    """A password restriction: the page stays live but is no longer public. The admin's privacy form saves the
    same model, so the same post_save listeners fire."""
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password=password)
    return page


def unpublish(page: Page) -> Any:
    page.unpublish()
    page.refresh_from_db()
    return page


def challenge(
    council: CouncilPage,
    title: str = "Missed bin collections",
    *,
    state: str = "live",
    tags: Iterable[str] = ("bins", "waste"),
    **fields: Any,
) -> ChallengePage:
    values: dict[str, Any] = {
        "summary": f"{title}: residents report them too late.",
        "service_area": service_area(),
        "status": "open",
        "problem_statement": "Reports arrive **two days** late.",
        "who_is_affected": "Households on bin rounds.",
        "desired_outcomes": "- Same-day alerts",
    }
    return add_page(council, ChallengePage(title=title, **(values | fields)), state=state, tags=tags)


def case_study(
    council: CouncilPage,
    title: str = "Text alerts for missed bins",
    *,
    state: str = "live",
    tags: Iterable[str] = ("bins", "notifications"),
    partner_councils: Iterable[CouncilPage] = (),
    reusable_outputs: Iterable[ReusableOutput] | None = None,
    **fields: Any,
) -> CaseStudyPage:
    values: dict[str, Any] = {
        "summary": f"{title}: what we tried.",
        "service_area": service_area(),
        "problem": "Late reports of missed bins.",
        "approach": "Crews record reasons on tablets.",
        "outcomes": "41% fewer calls.",
        "lessons_learned": "Keep the buttons simple.",
        "stage": "live",
        "start_date": datetime.date(2024, 10, 1),
        "end_date": datetime.date(2025, 6, 30),
        "cost_pounds": 68000,
        "money_saved_per_year": 84000,
        "staff_hours_saved_per_year": 3100,
        "residents_reached": 120000,
        "evidence_strength": "independently_evaluated",
        "last_confirmed": datetime.date(2026, 3, 4),
    }
    if reusable_outputs is None:
        reusable_outputs = [
            ReusableOutput(title="Reason codes", url="https://example.org/reason-codes", licence="OGL v3.0")
        ]
    page = CaseStudyPage(title=title, **(values | fields))
    return add_page(
        council, page, state=state, tags=tags, partner_councils=partner_councils, reusable_outputs=reusable_outputs
    )


def pattern(
    title: str = "Tell residents about missed bins",
    *,
    state: str = "live",
    tags: Iterable[str] = ("bins",),
    evidence: Iterable[Page] = (),
    **fields: Any,
) -> PatternPage:
    values: dict[str, Any] = {
        "summary": f"{title}: a reusable pattern.",
        "service_area": service_area(),
        "problem": "Residents find out late.",
        "solution": "Message them the same day.",
        "when_to_use": "You have in-cab devices.",
        "when_not_to_use": "You cannot return the same week.",
        "maturity": "recommended",
    }
    page = PatternPage(title=title, **(values | fields))
    return add_page(PatternIndexPage.objects.get(), page, state=state, tags=tags, evidence=evidence)


def centre(
    title: str = "North centre", regions: Iterable[str] = ("North East",), *, state: str = "live", **fields: Any
) -> RegionalCentrePage:
    """A regional centre covering the regions named (its curators group is made when it is saved)."""
    values: dict[str, Any] = {
        "summary": f"{title} runs sandbox pilots.",
        "about": "We test ideas with councils.",
        "contact_email": "north@example.org",
    }
    page = RegionalCentrePage(title=title, **(values | fields))
    covered = Region.objects.filter(name__in=list(regions))
    return add_page(RegionalCentreIndexPage.objects.get(), page, state=state, regions=covered)


def experiment(
    parent: RegionalCentrePage,
    title: str = "Predicting missed bins",
    *,
    state: str = "live",
    tags: Iterable[str] = ("bins",),
    participating_councils: Iterable[CouncilPage] = (),
    **fields: Any,
) -> ExperimentPage:
    values: dict[str, Any] = {
        "summary": f"{title}: a sandbox pilot.",
        "service_area": service_area(),
        "hypothesis": "Crew data predicts missed bins.",
        "what_is_tested": "Weekly predictions.",
        "success_measures": "Share of missed bins predicted.",
        "results": "Most were predicted.",
        "status": "running",
        "start_date": datetime.date(2026, 4, 1),
        "end_date": datetime.date(2027, 3, 31),
    }
    page = ExperimentPage(title=title, **(values | fields))
    return add_page(parent, page, state=state, tags=tags, participating_councils=participating_councils)


def collection(
    parent: RegionalCentrePage,
    title: str = "Bin collections",
    items: Iterable[Page] = (),
    *,
    state: str = "live",
    tags: Iterable[str] = (),
    **fields: Any,
) -> CollectionPage:
    values: dict[str, Any] = {"summary": f"{title}: curated.", "intro": "Start here.", "service_area": service_area()}
    page = CollectionPage(title=title, **(values | fields))
    notes = [CollectionItem(page=item, note=f"Why: {item.title}") for item in items]
    return add_page(parent, page, state=state, tags=tags, items=notes)


def interest(challenge: ChallengePage, council: CouncilPage, role: str = InterestRole.PARTNER, **fields: Any) -> Any:
    """A council's interest in a challenge ("we have this too")."""
    return ChallengeInterest.objects.create(challenge=challenge, council=council, role=role, **fields)
