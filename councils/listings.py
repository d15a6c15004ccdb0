"""The councils listing, and the region and service area filters every listing shares (reference data kept here).

Filter values are the engine's facets (search/listing_filter.py), so listings and /search/ agree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from core.listing import FilterSpec, Listing, build_listing
from councils.models import CouncilPage, CouncilType, Region, ServiceArea
from search.listing_filter import engine_filter, labels_for, names_for

Filters = dict[str, list[str]]


def region_spec() -> FilterSpec:
    return FilterSpec("region", "Region or nation", list(Region.objects.values_list("slug", "name")))


def service_area_spec() -> FilterSpec:
    return FilterSpec("service_area", "Service area", list(ServiceArea.objects.values_list("slug", "name")))


def region_names(filters: Filters) -> tuple[str, ...]:
    return names_for(Region, filters["region"])


def service_area_names(filters: Filters) -> tuple[str, ...]:
    return names_for(ServiceArea, filters["service_area"])


def filter_councils(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # Council pages are indexed like content (sync_councils queues every council it creates or changes).
    return engine_filter(
        queryset,
        "council",
        {"region": region_names(filters), "council_type": labels_for(CouncilType, filters["council_type"])},
    )


def council_listing(request: HttpRequest) -> Listing:
    queryset = CouncilPage.objects.live().public().select_related("region").order_by("title")
    specs = [region_spec(), FilterSpec("council_type", "Type of council", CouncilType.choices)]
    return build_listing(request, queryset, specs, filter_councils)
