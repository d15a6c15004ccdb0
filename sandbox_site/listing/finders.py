"""One finder per listing page: its base query, its filters and one small function applying them.

The `filter_*` functions take the base queryset and the validated filter values and return the narrowed
queryset; the search engine answers which pages match (listing/engine_filter.py), so listings and /search/ agree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage, ChallengeStatus, EvidenceStrength, Stage
from councils.models import CouncilPage, CouncilType, Region, ServiceArea
from experiments.models import ExperimentPage, ExperimentStatus, RegionalCentrePage
from patterns.models import Maturity, PatternPage
from sandbox_site.listing import FilterSpec, Listing, build_listing
from sandbox_site.listing.engine_filter import engine_filter, labels_for, names_for

Filters = dict[str, list[str]]


def _region_spec() -> FilterSpec:
    return FilterSpec("region", "Region or nation", list(Region.objects.values_list("slug", "name")))


def _service_area_spec() -> FilterSpec:
    return FilterSpec("service_area", "Service area", list(ServiceArea.objects.values_list("slug", "name")))


def attach_parents(items: list[Any], parent_model: type[Page], attribute: str, **related: Any) -> list[Any]:
    """Set `attribute` on each item to its parent page (one query for the whole page of results)."""
    paths = {item.path[: -Page.steplen] for item in items}
    parents = parent_model.objects.filter(path__in=paths)
    if related.get("select_related"):
        parents = parents.select_related(*related["select_related"])
    by_path = {parent.path: parent for parent in parents}
    for item in items:
        setattr(item, attribute, by_path.get(item.path[: -Page.steplen]))
    return items


# Challenges ---------------------------------------------------------------------------------------------------


def filter_challenges(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "challenge",
        {
            "region": names_for(Region, filters["region"]),
            "service_area": names_for(ServiceArea, filters["service_area"]),
            "stage": labels_for(ChallengeStatus, filters["status"]),
        },
    )


def challenge_listing(request: HttpRequest) -> Listing:
    queryset = ChallengePage.objects.live().public().select_related("service_area").order_by("-last_confirmed", "title")
    specs = [_region_spec(), _service_area_spec(), FilterSpec("status", "Status", ChallengeStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_challenges)
    attach_parents(listing.items, CouncilPage, "council", select_related=["region"])
    return listing


# Case studies -------------------------------------------------------------------------------------------------


def filter_case_studies(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "case_study",
        {
            "region": names_for(Region, filters["region"]),
            "service_area": names_for(ServiceArea, filters["service_area"]),
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
        _region_spec(),
        _service_area_spec(),
        FilterSpec("stage", "Stage", Stage.choices),
        FilterSpec("evidence_strength", "Evidence strength", EvidenceStrength.choices),
    ]
    listing = build_listing(request, queryset, specs, filter_case_studies)
    attach_parents(listing.items, CouncilPage, "council", select_related=["region"])
    return listing


# Patterns -----------------------------------------------------------------------------------------------------


def filter_patterns(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "pattern",
        {
            "service_area": names_for(ServiceArea, filters["service_area"]),
            "stage": labels_for(Maturity, filters["maturity"]),
        },
    )


def pattern_listing(request: HttpRequest) -> Listing:
    queryset = PatternPage.objects.live().public().select_related("service_area").order_by("title")
    specs = [_service_area_spec(), FilterSpec("maturity", "Maturity", Maturity.choices)]
    listing = build_listing(request, queryset, specs, filter_patterns)
    return listing


# Experiments --------------------------------------------------------------------------------------------------


def filter_experiments(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # An experiment's regions in the index are its regional centre's regions.
    return engine_filter(
        queryset,
        "experiment",
        {
            "region": names_for(Region, filters["region"]),
            "service_area": names_for(ServiceArea, filters["service_area"]),
            "stage": labels_for(ExperimentStatus, filters["status"]),
        },
    )


def experiment_listing(request: HttpRequest) -> Listing:
    queryset = ExperimentPage.objects.live().public().select_related("service_area").order_by("-start_date", "title")
    specs = [_region_spec(), _service_area_spec(), FilterSpec("status", "Status", ExperimentStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_experiments)
    attach_parents(listing.items, RegionalCentrePage, "centre")
    return listing


# Councils and regional centres --------------------------------------------------------------------------------


def filter_councils(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # Council pages are indexed like content (sync_councils queues every council it creates or changes).
    return engine_filter(
        queryset,
        "council",
        {
            "region": names_for(Region, filters["region"]),
            "council_type": labels_for(CouncilType, filters["council_type"]),
        },
    )


def council_listing(request: HttpRequest) -> Listing:
    queryset = CouncilPage.objects.live().public().select_related("region").order_by("title")
    specs = [_region_spec(), FilterSpec("council_type", "Type of council", CouncilType.choices)]
    listing = build_listing(request, queryset, specs, filter_councils)
    return listing


def filter_centres(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # Regional centres are not search documents (their experiments and collections are), so no engine facet
    # can answer this: filtered in the database.
    if filters["region"]:
        queryset = queryset.filter(regions__slug__in=filters["region"]).distinct()
    return queryset


def centre_listing(request: HttpRequest) -> Listing:
    queryset = RegionalCentrePage.objects.live().public().prefetch_related("regions").order_by("title")
    listing = build_listing(request, queryset, [_region_spec()], filter_centres)
    return listing
