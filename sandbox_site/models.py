from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="Markdown.")

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Models by label: the home page sits above every content app and must not import their internals.
        challenge = apps.get_model("challenges", "ChallengePage")
        case_study = apps.get_model("challenges", "CaseStudyPage")
        context["counts"] = {
            "councils": apps.get_model("councils", "CouncilPage").objects.live().count(),
            "challenges": challenge.objects.live().public().count(),
            "case_studies": case_study.objects.live().public().count(),
            "patterns": apps.get_model("patterns", "PatternPage").objects.live().public().count(),
            "experiments": apps.get_model("experiments", "ExperimentPage").objects.live().public().count(),
        }
        context["latest_case_studies"] = (
            case_study.objects.live().public().select_related("service_area").order_by("-first_published_at")[:4]
        )
        context["open_challenges"] = (
            challenge.objects.live()
            .public()
            .filter(status="open")
            .select_related("service_area")
            .order_by("-last_confirmed", "title")[:4]
        )
        context["sections"] = self.get_children().live().public().specific()
        return context


class ConfirmationReminder(models.Model):
    """One reminder email about one page, so `send_confirmation_reminders` sends at most one per period."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True, help_text="Addresses the reminder went to, one a line.")

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["page", "sent_at"])]

    def __str__(self) -> str:
        return f"Reminder for page {self.page_id} at {self.sent_at:%Y-%m-%d}"
