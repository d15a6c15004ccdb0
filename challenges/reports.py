"""Admin report for council teams: which councils joined our challenges, and which challenges we joined.

Registered by challenges/wagtail_hooks.py. A council's editors and members see their own council's rows only;
site administrators see every council's. People with no council get a clear refusal.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem

from challenges.models import ChallengeInterest, ChallengePage
from core.admin_reports import AdminReportMixin
from councils.membership import council_for


def interests_in_challenges_of(council: Any | None) -> QuerySet[ChallengeInterest]:
    """Interest registered in the council's own challenges (every council's when None: site administrators)."""
    interests = ChallengeInterest.objects.select_related("challenge", "council").order_by("-registered_at", "pk")
    if council is None:
        return interests
    return interests.filter(challenge__in=ChallengePage.objects.descendant_of(council))


def interests_registered_by(council: Any) -> QuerySet[ChallengeInterest]:
    return ChallengeInterest.objects.filter(council=council).select_related("challenge").order_by("-registered_at")


class InterestReportView(AdminReportMixin, TemplateView):
    template_name = "challenges/admin/interest_report.html"
    page_title = "Interest in challenges"
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_superuser and council_for(request.user) is None:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        council = council_for(self.request.user)
        if self.request.user.is_superuser and council is None:
            context.update(council=None, joined_ours=interests_in_challenges_of(None), we_joined=None)
        else:
            context.update(
                council=council,
                joined_ours=interests_in_challenges_of(council),
                we_joined=interests_registered_by(council),
            )
        return context


class InterestReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or council_for(request.user) is not None


@hooks.register("register_admin_urls")
def register_interest_report_url() -> list:
    return [path("challenge-interest/", InterestReportView.as_view(), name="challenge_interest_report")]


@hooks.register("register_reports_menu_item")
def register_interest_report_menu_item() -> MenuItem:
    return InterestReportMenuItem(
        "Interest in challenges",
        reverse("challenge_interest_report"),
        name="challenge-interest",
        icon_name="group",
        order=1320,
    )
