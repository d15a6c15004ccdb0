"""One finder per listing page: its base query, its filters and one small function applying them.

The `filter_*` functions are the seam the search engine replaces later: each takes the base queryset and the
validated filter values and returns the narrowed queryset.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Subquery
from django.db.models.functions import Substr
from django.http import HttpRequest
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage, ChallengeStatus, EvidenceStrength, Stage
from councils.models import CouncilPage, CouncilType, Region, ServiceArea
from experiments.models import ExperimentPage, ExperimentStatus, RegionalCentrePage
from patterns.models import Maturity, PatternPage
from sandbox_site.listing import FilterSpec, Listing, build_listing

Filters = dict[str, list[str]]


def _region_spec() -> FilterSpec:
    return FilterSpec("region", "Region or nation", list(Region.objects.values_list("slug", "name")))


def _service_area_spec() -> FilterSpec:
    return FilterSpec("service_area", "Service area", list(ServiceArea.objects.values_list("slug", "name")))


def _under_councils_in(queryset: QuerySet[Any], region_slugs: list[str]) -> QuerySet[Any]:
    """Pages whose owning council (their parent) is in one of the regions."""
    council_paths = CouncilPage.objects.filter(region__slug__in=region_slugs).values("path")
    council_depth = CouncilPage.objects.values_list("depth", flat=True).first() or 0
    length = council_depth * Page.steplen
    return queryset.annotate(council_path=Substr("path", 1, length)).filter(council_path__in=Subquery(council_paths))


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
    if filters["region"]:
        queryset = _under_councils_in(queryset, filters["region"])
    if filters["service_area"]:
        queryset = queryset.filter(service_area__slug__in=filters["service_area"])
    if filters["status"]:
        queryset = queryset.filter(status__in=filters["status"])
    return queryset


def challenge_listing(request: HttpRequest) -> Listing:
    queryset = ChallengePage.objects.live().public().select_related("service_area").order_by("-last_confirmed", "title")
    specs = [_region_spec(), _service_area_spec(), FilterSpec("status", "Status", ChallengeStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_challenges)
    attach_parents(listing.items, CouncilPage, "council", select_related=["region"])
    return listing


# Case studies -------------------------------------------------------------------------------------------------


def filter_case_studies(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if filters["region"]:
        queryset = _under_councils_in(queryset, filters["region"])
    if filters["service_area"]:
        queryset = queryset.filter(service_area__slug__in=filters["service_area"])
    if filters["stage"]:
        queryset = queryset.filter(stage__in=filters["stage"])
    if filters["evidence_strength"]:
        queryset = queryset.filter(evidence_strength__in=filters["evidence_strength"])
    return queryset


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
    if filters["service_area"]:
        queryset = queryset.filter(service_area__slug__in=filters["service_area"])
    if filters["maturity"]:
        queryset = queryset.filter(maturity__in=filters["maturity"])
    return queryset


def pattern_listing(request: HttpRequest) -> Listing:
    queryset = PatternPage.objects.live().public().select_related("service_area").order_by("title")
    specs = [_service_area_spec(), FilterSpec("maturity", "Maturity", Maturity.choices)]
    listing = build_listing(request, queryset, specs, filter_patterns)
    return listing


# Experiments --------------------------------------------------------------------------------------------------


def filter_experiments(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if filters["region"]:
        centre_paths = RegionalCentrePage.objects.filter(regions__slug__in=filters["region"]).values("path")
        queryset = queryset.annotate(centre_path=Substr("path", 1, _depth_of(RegionalCentrePage) * Page.steplen))
        queryset = queryset.filter(centre_path__in=Subquery(centre_paths))
    if filters["service_area"]:
        queryset = queryset.filter(service_area__slug__in=filters["service_area"])
    if filters["status"]:
        queryset = queryset.filter(status__in=filters["status"])
    return queryset


def _depth_of(model: type[Page]) -> int:
    return model.objects.values_list("depth", flat=True).first() or 0


def experiment_listing(request: HttpRequest) -> Listing:
    queryset = ExperimentPage.objects.live().public().select_related("service_area").order_by("-start_date", "title")
    specs = [_region_spec(), _service_area_spec(), FilterSpec("status", "Status", ExperimentStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_experiments)
    attach_parents(listing.items, RegionalCentrePage, "centre")
    return listing


# Councils and regional centres --------------------------------------------------------------------------------


def filter_councils(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if filters["region"]:
        queryset = queryset.filter(region__slug__in=filters["region"])
    if filters["council_type"]:
        queryset = queryset.filter(council_type__in=filters["council_type"])
    return queryset


def council_listing(request: HttpRequest) -> Listing:
    queryset = CouncilPage.objects.live().public().select_related("region").order_by("title")
    specs = [_region_spec(), FilterSpec("council_type", "Type of council", CouncilType.choices)]
    listing = build_listing(request, queryset, specs, filter_councils)
    return listing


def filter_centres(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if filters["region"]:
        queryset = queryset.filter(regions__slug__in=filters["region"]).distinct()
    return queryset


def centre_listing(request: HttpRequest) -> Listing:
    queryset = RegionalCentrePage.objects.live().public().prefetch_related("regions").order_by("title")
    listing = build_listing(request, queryset, [_region_spec()], filter_centres)
    return listing
