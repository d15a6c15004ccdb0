"""Small builders for real pages in every publication state, shared by the security and browser tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction

from challenges.models import CaseStudyPage, ChallengePage
from councils.models import CouncilPage, Region, ServiceArea
from experiments.models import CollectionPage, ExperimentPage, RegionalCentreIndexPage, RegionalCentrePage
from patterns.models import PatternIndexPage, PatternPage

# The states a page can be in; only "live" (and the live version of "live_with_draft") may ever be public.
STATES = ("live", "draft", "private", "unpublished", "live_with_draft")
_serial = itertools.count(1)
RESTRICTION_PASSWORD = "s3cret-restriction"


def _slug(title: str) -> str:
    return f"{slugify(title)[:40] or 'page'}-{next(_serial)}"


def service_area(name: str = "Waste and recycling") -> ServiceArea:
    return ServiceArea.objects.get(name=name)


def add_page(parent: Page, page: Page, *, state: str = "live", tags: Iterable[str] = ()) -> Page:
    """Add `page` under `parent` and put it in one of STATES."""
    page.slug = page.slug or _slug(page.title)
    if tags:
        page.tags.add(*tags)
    if state == "draft":
        page.live = False
        parent.add_child(instance=page)
        page.save_revision()
        return page
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    if state == "private":
        make_private(page)
    elif state == "unpublished":
        page.unpublish()
    elif state == "live_with_draft":
        # A newer, unpublished revision: its text must never reach the public.
        draft = page.get_latest_revision_as_object()
        draft.title = f"{page.title} unreleased{next(_serial)}"
        draft.summary = "Unreleased edit."
        draft.save_revision()
    page.refresh_from_db()
    return page


def make_private(page: Page, password: str = RESTRICTION_PASSWORD) -> PageViewRestriction:
    # The admin's privacy form saves the same model, so the same post_save listeners fire.
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def challenge(
    council: CouncilPage, title: str, *, state: str = "live", tags: Iterable[str] = (), **fields: object
) -> ChallengePage:
    fields.setdefault("summary", f"{title}: a problem other councils share.")
    fields.setdefault("problem_statement", f"The problem behind {title}.")
    fields.setdefault("service_area", service_area())
    return add_page(council, ChallengePage(title=title, **fields), state=state, tags=tags)


def case_study(
    council: CouncilPage, title: str, *, state: str = "live", tags: Iterable[str] = (), **fields: object
) -> CaseStudyPage:
    fields.setdefault("summary", f"{title}: what we tried and what happened.")
    fields.setdefault("problem", f"The problem behind {title}.")
    fields.setdefault("service_area", service_area())
    fields.setdefault("stage", "live")
    return add_page(council, CaseStudyPage(title=title, **fields), state=state, tags=tags)


def pattern(title: str, *, state: str = "live", tags: Iterable[str] = (), **fields: object) -> PatternPage:
    fields.setdefault("summary", f"{title}: a reusable pattern.")
    fields.setdefault("problem", f"The problem {title} solves.")
    fields.setdefault("solution", f"How {title} solves it.")
    fields.setdefault("service_area", service_area())
    return add_page(PatternIndexPage.objects.get(), PatternPage(title=title, **fields), state=state, tags=tags)


def regional_centre(title: str, regions: Iterable[str], *, state: str = "live") -> RegionalCentrePage:
    centre = RegionalCentrePage(title=title, summary=f"{title} runs sandbox experiments with councils.")
    add_page(RegionalCentreIndexPage.objects.get(), centre, state=state)
    centre.regions.set(Region.objects.filter(name__in=list(regions)))
    revision = centre.save_revision()
    if state == "live":
        revision.publish()
    return centre


def experiment(
    centre: RegionalCentrePage, title: str, *, state: str = "live", tags: Iterable[str] = (), **fields: object
) -> ExperimentPage:
    fields.setdefault("summary", f"{title}: a sandbox experiment.")
    fields.setdefault("hypothesis", f"We believe {title} will help.")
    fields.setdefault("service_area", service_area())
    return add_page(centre, ExperimentPage(title=title, **fields), state=state, tags=tags)


def collection(
    centre: RegionalCentrePage, title: str, *, state: str = "live", tags: Iterable[str] = (), **fields: object
) -> CollectionPage:
    fields.setdefault("summary", f"{title}: a curated collection.")
    fields.setdefault("service_area", service_area())
    return add_page(centre, CollectionPage(title=title, **fields), state=state, tags=tags)
