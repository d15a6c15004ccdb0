"""Wagtail hooks of the site app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView


@hooks.register("construct_reports_menu")
def hide_page_types_usage_report(request: HttpRequest, menu_items: list[Any]) -> None:
    """The report names the latest edited page of each type, drafts included, whoever owns it: site admins only."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


def page_types_usage_for_site_admins(results_only: bool = False) -> Callable[..., HttpResponse]:
    """Wagtail's report view, refused to everyone but site admins (it shows other councils' draft titles)."""
    view = PageTypesUsageReportView.as_view(results_only=results_only)

    @require_admin_access
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied("Only site administrators can see the page types usage report.")
        return view(request, *args, **kwargs)

    return guarded
