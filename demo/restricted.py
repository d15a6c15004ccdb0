"""One draft and one private page, so tests and reviewers can check neither leaks into listings or search."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import PageViewRestriction

from challenges.models import CaseStudyPage, ChallengePage
from demo.base import DemoContext
from demo.dates import days_ago

DRAFT_SLUG = "route-optimisation-draft"
PRIVATE_SLUG = "recycling-contract-options-private"


def run(demo: DemoContext) -> None:
    demo.ensure_page(
        demo.council("Leeds"),
        CaseStudyPage,
        DRAFT_SLUG,
        live=False,
        title="Draft: route optimisation for waste crews",
        summary="Not published yet: an early write-up of re-planning waste rounds.",
        service_area=demo.service_area("Waste and recycling"),
        stage="alpha",
        problem="Rounds were last planned in 2014 and bin collections take longer every year.",
        tags=["waste", "bins", "draft"],
    )
    private = demo.ensure_page(
        demo.council("City of Bristol"),
        ChallengePage,
        PRIVATE_SLUG,
        title="Recycling contract renewal options (private)",
        summary="Commercially sensitive: options for the recycling contract renewal, visible to signed-in users only.",
        service_area=demo.service_area("Waste and recycling"),
        status="open",
        problem_statement="Our recycling contract ends in 2028 and the market has changed.",
        tags=["recycling", "procurement"],
        published=days_ago(91, timezone.localdate()),
        last_confirmed=days_ago(91, timezone.localdate()),
    )
    PageViewRestriction.objects.get_or_create(page=private, restriction_type=PageViewRestriction.LOGIN)
    demo.write("  Restricted pages: 1 draft, 1 private")
