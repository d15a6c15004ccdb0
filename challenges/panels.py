"""Admin panel on challenge and case study edit forms: the most similar published content, as the editor types.

Stops a council starting work another council has already done. The panel renders an empty, live region;
challenges/static/challenges/js/similar_content.js fills it from
challenges.before_you_start.similar_content_json (admin only).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.panels import Panel


class SimilarContentPanel(Panel):
    def __init__(self, heading: str = "Similar published content", **kwargs: Any) -> None:
        super().__init__(heading=heading, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "challenges/panels/similar_content.html"

        class Media:
            js = ["challenges/js/similar_content.js"]

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["endpoint"] = reverse("challenges-similar-content")
            context["exclude"] = self.instance.pk or ""
            context["panel_id"] = f"{self.prefix}-similar"
            return context
