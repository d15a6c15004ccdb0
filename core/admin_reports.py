"""The base of the project's own admin report pages (search terms, interest in challenges)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminReportMixin(WagtailAdminTemplateMixin):
    """A report page headed by its own title. Wagtail's template views otherwise show only "Home" in the header
    (its listing reports add their title to the breadcrumbs the same way)."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
