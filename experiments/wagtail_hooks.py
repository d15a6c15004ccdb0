"""Admin prompts: a concluded experiment without a case study asks its curators to link or write one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from experiments.models import ExperimentPage, ExperimentStatus

PROMPT = "This experiment has concluded. Link the case study written from it, or write one up so others can reuse it."


def experiments_needing_case_study(user: Any) -> list[ExperimentPage]:
    """Concluded experiments without a linked case study that this user may edit (its centre's curators)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return list(
        ExperimentPage.objects.filter(
            status=ExperimentStatus.CONCLUDED, case_study__isnull=True, pk__in=editable.values("pk")
        ).order_by("title")
    )


class CaseStudyPromptPanel(Component):
    name = "experiments_needing_case_study"
    order = 90

    def __init__(self, experiments: list[ExperimentPage]) -> None:
        self.experiments = experiments

    def render_html(self, parent_context: Any = None) -> str:
        return render_to_string(
            "experiments/includes/admin_case_study_prompt.html", {"experiments": self.experiments, "prompt": PROMPT}
        )


@hooks.register("construct_homepage_panels")
def add_case_study_prompt(request: HttpRequest, panels: list[Any]) -> None:
    experiments = experiments_needing_case_study(request.user)
    if experiments:
        panels.append(CaseStudyPromptPanel(experiments))


@hooks.register("before_edit_page")
def prompt_on_edit(request: HttpRequest, page: Page) -> None:
    specific = page.specific
    if (
        request.method == "GET"
        and isinstance(specific, ExperimentPage)
        and specific.status == ExperimentStatus.CONCLUDED
        and specific.case_study_id is None
    ):
        messages.warning(request, PROMPT)
