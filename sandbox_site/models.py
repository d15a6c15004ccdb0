from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.text import CleanTextMixin


class HomePage(CleanTextMixin, Page):
    intro = models.TextField(blank=True, help_text="Markdown.")

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Models by label: the home page sits above every content app and must not import their internals.
        challenge = apps.get_model("challenges", "ChallengePage")
        case_study = apps.get_model("challenges", "CaseStudyPage")
        # One look-up of the private sections for every list below (each .public() would repeat it).
        private = Page.objects.private_q()
        context["counts"] = {
            "councils": apps.get_model("councils", "CouncilPage").objects.live().count(),
            "challenges": challenge.objects.live().exclude(private).count(),
            "case_studies": case_study.objects.live().exclude(private).count(),
            "patterns": apps.get_model("patterns", "PatternPage").objects.live().exclude(private).count(),
            "experiments": apps.get_model("experiments", "ExperimentPage").objects.live().exclude(private).count(),
        }
        context["latest_case_studies"] = (
            case_study.objects.live()
            .exclude(private)
            .select_related("service_area")
            .order_by("-first_published_at")[:4]
        )
        context["open_challenges"] = (
            challenge.objects.live()
            .exclude(private)
            .filter(status="open")
            .select_related("service_area")
            .order_by("-last_confirmed", "title")[:4]
        )
        context["sections"] = self.get_children().live().exclude(private).specific()
        return context
