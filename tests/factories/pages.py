"""Published pages of every type with every field filled in, for render, XSS and listing tests."""

from __future__ import annotations

import datetime
from typing import Any

from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage, ReusableOutput
from councils.models import CouncilPage, Region, ServiceArea
from experiments.models import (
    CollectionItem,
    CollectionPage,
    ExperimentPage,
    RegionalCentreIndexPage,
    RegionalCentrePage,
)
from patterns.models import PatternIndexPage, PatternPage


def publish(parent: Page, page: Page, *, live: bool = True) -> Any:
    """Add `page` under `parent` and publish it (or leave it a draft), like an editor would."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def area(name: str = "Waste and recycling") -> ServiceArea:
    return ServiceArea.objects.get(name=name)


def challenge(council: CouncilPage, title: str = "Missed bin collections", *, live: bool = True, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "summary": f"{title}: residents report them too late.",
        "service_area": area(),
        "status": "open",
        "problem_statement": "Reports arrive **two days** late.",
        "who_is_affected": "Households on bin rounds.",
        "desired_outcomes": "- Same-day alerts",
    }
    values.update(fields)
    page = ChallengePage(title=title, **values)
    page.tags.add("bins", "waste")
    return publish(council, page, live=live)


def case_study(
    council: CouncilPage,
    title: str = "Text alerts for missed bins",
    *,
    live: bool = True,
    partners: list[CouncilPage] = (),
    **fields: Any,
) -> Any:
    values: dict[str, Any] = {
        "summary": f"{title}: what we tried.",
        "service_area": area(),
        "problem": "Late reports of missed bins.",
        "approach": "Crews record reasons on tablets.",
        "outcomes": "41% fewer calls.",
        "lessons_learned": "Keep the buttons simple.",
        "stage": "live",
        "start_date": datetime.date(2024, 10, 1),
        "end_date": datetime.date(2025, 6, 30),
        "cost_pounds": 68000,
        "also_mentioned": "In-house digital team",
        "money_saved_per_year": 84000,
        "staff_hours_saved_per_year": 3100,
        "residents_reached": 120000,
        "evidence_strength": "independently_evaluated",
        "last_confirmed": datetime.date(2026, 3, 4),
    }
    values.update(fields)
    page = CaseStudyPage(title=title, **values)
    page.partner_councils = list(partners)
    page.reusable_outputs = [
        ReusableOutput(title="Reason codes", url="https://example.org/reason-codes", licence="OGL v3.0")
    ]
    page.tags.add("bins", "notifications")
    return publish(council, page, live=live)


def pattern(title: str = "Tell residents about missed bins", *, evidence: list[Page] = (), **fields: Any) -> Any:
    values: dict[str, Any] = {
        "summary": f"{title}: a reusable pattern.",
        "service_area": area(),
        "problem": "Residents find out late.",
        "solution": "Message them the same day.",
        "when_to_use": "You have in-cab devices.",
        "when_not_to_use": "You cannot return the same week.",
        "maturity": "recommended",
    }
    values.update(fields)
    page = PatternPage(title=title, **values)
    page.evidence = list(evidence)
    page.tags.add("bins")
    return publish(PatternIndexPage.objects.get(), page)


def centre(title: str = "North centre", regions: list[str] = ("north-east",), **fields: Any) -> Any:
    values: dict[str, Any] = {
        "summary": f"{title} runs sandbox pilots.",
        "about": "We test ideas with councils.",
        "contact_email": "north@example.org",
    }
    values.update(fields)
    page = RegionalCentrePage(title=title, **values)
    page.regions = list(Region.objects.filter(slug__in=list(regions)))
    return publish(RegionalCentreIndexPage.objects.get(), page)


def experiment(
    parent: RegionalCentrePage,
    title: str = "Predicting missed bins",
    *,
    councils: list[CouncilPage] = (),
    live: bool = True,
    **fields: Any,
) -> Any:
    values: dict[str, Any] = {
        "summary": f"{title}: a sandbox pilot.",
        "service_area": area(),
        "hypothesis": "Crew data predicts missed bins.",
        "what_is_tested": "Weekly predictions.",
        "success_measures": "Share of missed bins predicted.",
        "results": "Most were predicted.",
        "status": "running",
        "start_date": datetime.date(2026, 4, 1),
        "end_date": datetime.date(2027, 3, 31),
    }
    values.update(fields)
    page = ExperimentPage(title=title, **values)
    page.participating_councils = list(councils)
    page.tags.add("bins")
    return publish(parent, page, live=live)


def collection(parent: RegionalCentrePage, pages: list[Page], title: str = "Bin collections", **fields: Any) -> Any:
    values: dict[str, Any] = {"summary": f"{title}: curated.", "intro": "Start here.", "service_area": area()}
    values.update(fields)
    page = CollectionPage(title=title, **values)
    page.items = [CollectionItem(page=item, note=f"Why: {item.title}") for item in pages]
    return publish(parent, page)
