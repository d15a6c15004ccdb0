"""The challenges and case studies listings: each one's base query, filters and the function applying them.

The engine answers which pages match (search/listing_filter.py), so listings and /search/ agree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from challenges.models import CaseStudyPage, ChallengePage, ChallengeStatus, EvidenceStrength, Stage
from core.listing import FilterSpec, Listing, attach_parents, build_listing
from councils.listings import Filters, region_names, region_spec, service_area_names, service_area_spec
from councils.models import CouncilPage
from search.listing_filter import engine_filter, labels_for


def filter_challenges(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "challenge",
        {
            "region": region_names(filters),
            "service_area": service_area_names(filters),
            "stage": labels_for(ChallengeStatus, filters["status"]),
        },
    )


def challenge_listing(request: HttpRequest) -> Listing:
    queryset = ChallengePage.objects.live().public().select_related("service_area").order_by("-last_confirmed", "title")
    specs = [region_spec(), service_area_spec(), FilterSpec("status", "Status", ChallengeStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_challenges)
    attach_parents(listing.items, CouncilPage, "council", select_related=["region"])
    return listing


def filter_case_studies(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "case_study",
        {
            "region": region_names(filters),
            "service_area": service_area_names(filters),
            "stage": labels_for(Stage, filters["stage"]),
            "evidence_strength": labels_for(EvidenceStrength, filters["evidence_strength"]),
        },
    )


def case_study_listing(request: HttpRequest) -> Listing:
    queryset = (
        CaseStudyPage.objects.live()
        .public()
        .select_related("service_area")
        .order_by("-first_published_at", "-last_confirmed", "title")
    )
    specs = [
        region_spec(),
        service_area_spec(),
        FilterSpec("stage", "Stage", Stage.choices),
        FilterSpec("evidence_strength", "Evidence strength", EvidenceStrength.choices),
    ]
    listing = build_listing(request, queryset, specs, filter_case_studies)
    attach_parents(listing.items, CouncilPage, "council", select_related=["region"])
    return listing
