"""The curators' search report in the Wagtail admin: top search terms and terms that found nothing.

Registered by search/wagtail_hooks.py importing this module. Only users with the "view daily search term"
permission (given to a group in Settings > Groups) see the menu item and the report.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem

from core.admin_reports import AdminReportMixin
from search import analytics


class SearchReportView(AdminReportMixin, TemplateView):
    template_name = "search/admin/search_report.html"
    page_title = "Search terms and unmet needs"
    header_icon = "search"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm(analytics.PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            days=analytics.REPORT_DAYS,
            top_terms=analytics.top_terms(),
            zero_result_terms=analytics.zero_result_terms(),
        )
        return context


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(analytics.PERMISSION)


@hooks.register("register_admin_urls")
def register_search_report_url() -> list:
    return [path("search-report/", SearchReportView.as_view(), name="search_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item() -> MenuItem:
    return SearchReportMenuItem(
        "Search terms and unmet needs", reverse("search_report"), name="search-report", icon_name="search", order=1310
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    """Wagtail's own "Search terms" report counts its promotions app's queries, which the site never records
    (search/analytics.py does): it would sit empty beside this one."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_search_report_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(content_type__app_label="search", codename="view_dailysearchterm")
