"""The experiments and regional centres listings: each one's base query, filters and the function applying them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from core.listing import FilterSpec, Listing, attach_parents, build_listing
from councils.listings import Filters, region_names, region_spec, service_area_names, service_area_spec
from experiments.models import ExperimentPage, ExperimentStatus, RegionalCentrePage
from search.listing_filter import engine_filter, labels_for


def filter_experiments(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # An experiment's regions in the index are its regional centre's regions.
    return engine_filter(
        queryset,
        "experiment",
        {
            "region": region_names(filters),
            "service_area": service_area_names(filters),
            "stage": labels_for(ExperimentStatus, filters["status"]),
        },
    )


def experiment_listing(request: HttpRequest) -> Listing:
    queryset = ExperimentPage.objects.live().public().select_related("service_area").order_by("-start_date", "title")
    specs = [region_spec(), service_area_spec(), FilterSpec("status", "Status", ExperimentStatus.choices)]
    listing = build_listing(request, queryset, specs, filter_experiments)
    attach_parents(listing.items, RegionalCentrePage, "centre")
    return listing


def filter_centres(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    # Regional centres are not search documents (their experiments and collections are), so no engine facet
    # can answer this: filtered in the database.
    if filters["region"]:
        queryset = queryset.filter(regions__slug__in=filters["region"]).distinct()
    return queryset


def centre_listing(request: HttpRequest) -> Listing:
    queryset = RegionalCentrePage.objects.live().public().prefetch_related("regions").order_by("title")
    return build_listing(request, queryset, [region_spec()], filter_centres)
