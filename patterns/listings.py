"""The patterns listing: its base query, filters and the function applying them (answered by the engine)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from core.listing import FilterSpec, Listing, build_listing
from councils.listings import Filters, service_area_names, service_area_spec
from patterns.models import Maturity, PatternPage
from search.listing_filter import engine_filter, labels_for


def filter_patterns(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    return engine_filter(
        queryset,
        "pattern",
        {"service_area": service_area_names(filters), "stage": labels_for(Maturity, filters["maturity"])},
    )


def pattern_listing(request: HttpRequest) -> Listing:
    queryset = PatternPage.objects.live().public().select_related("service_area").order_by("title")
    specs = [service_area_spec(), FilterSpec("maturity", "Maturity", Maturity.choices)]
    return build_listing(request, queryset, specs, filter_patterns)
