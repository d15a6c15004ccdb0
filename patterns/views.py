"""Adoption dashboard, its CSV, recording adoption and assessing compliance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from councils.membership import council_for
from councils.models import CouncilPage
from patterns import services
from patterns.dashboard import build_dashboard, chart, to_csv
from patterns.forms import AdoptionForm, AssessmentForm
from patterns.models import AdoptionRecord, PatternPage


def _public_pattern(pattern_id: int) -> PatternPage:
    return get_object_or_404(PatternPage.objects.live().public(), pk=pattern_id)


def dashboard(request: HttpRequest) -> HttpResponse:
    data = build_dashboard()
    rows = [(item.pattern.title, item.national) for item in data.patterns]
    return render(
        request,
        "patterns/adoption_dashboard.html",
        {"dashboard": data, "chart": chart(rows, data.target)},
    )


def dashboard_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(to_csv(build_dashboard()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pattern-adoption.csv"'
    return response


def pattern_adoption(request: HttpRequest, pattern_id: int) -> HttpResponse:
    pattern = _public_pattern(pattern_id)
    data = build_dashboard(pattern_ids=[pattern.pk])
    item = data.patterns[0]
    records = (
        AdoptionRecord.objects.filter(pattern=pattern, council__live=True)
        .select_related("council", "council__region")
        .order_by("council__title")
    )
    council = council_for(request.user)
    return render(
        request,
        "patterns/adoption_pattern.html",
        {
            "pattern": pattern,
            "item": item,
            "target": data.target,
            "region_chart": chart(item.by_region, data.target),
            "type_chart": chart(item.by_type, data.target),
            "records": records,
            "user_council": council,
            "can_record": council is not None and services.can_record_for(request.user, council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_adoption(request: HttpRequest, pattern_id: int) -> HttpResponse:
    pattern = _public_pattern(pattern_id)
    council = _council_to_record_for(request)
    if not services.can_record_for(request.user, council):
        raise PermissionDenied("You can only record adoption for your own council.")
    existing = AdoptionRecord.objects.filter(pattern=pattern, council=council).first()
    initial = {"status": existing.status, "evidence_url": existing.evidence_url} if existing else None
    form = AdoptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_adoption(
                request.user,
                council,
                pattern,
                form.cleaned_data["status"],
                form.cleaned_data["status_date"],
                form.cleaned_data["evidence_url"],
            )
        except services.AdoptionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Adoption of '{pattern.title}' recorded for {council.title}.")
            return redirect("adoption_pattern", pattern_id=pattern.pk)
    return render(
        request,
        "patterns/adoption_record_form.html",
        {"pattern": pattern, "council": council, "form": form, "existing": existing},
        status=400 if request.method == "POST" else 200,
    )


def _council_to_record_for(request: HttpRequest) -> CouncilPage:
    """A council editor records for their own council; a site admin may name any council (?council=<GSS code>)."""
    if request.user.is_superuser and request.GET.get("council"):
        return get_object_or_404(CouncilPage, gss_code=request.GET["council"])
    council = council_for(request.user)
    if council is None:
        raise PermissionDenied("Only council staff can record adoption.")
    return council


def adoption_record(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(AdoptionRecord.objects.select_related("pattern", "council", "assessed_by"), pk=record_id)
    if not PatternPage.objects.live().public().filter(pk=record.pattern_id).exists():
        raise Http404
    return render(
        request,
        "patterns/adoption_record.html",
        {
            "record": record,
            "changes": record.changes.select_related("changed_by"),
            "criteria": record.criterion_assessments.select_related("criterion").order_by("criterion__sort_order"),
            "can_assess": services.can_assess(request.user, record.council),
            "show_people": request.user.is_authenticated,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(AdoptionRecord.objects.select_related("pattern", "council"), pk=record_id)
    if not services.can_assess(request.user, record.council):
        raise PermissionDenied("You can only assess councils in your regional centre's regions.")
    form = AssessmentForm(request.POST or None, pattern_id=record.pattern_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.assess_compliance(request.user, record, [c.pk for c in form.cleaned_data["criteria"]])
        except services.AdoptionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Assessment of {record.council.title} saved: {record.status_label}.")
            return redirect(reverse("adoption_record", args=[record.pk]))
    return render(
        request,
        "patterns/adoption_assess_form.html",
        {"record": record, "form": form},
        status=400 if request.method == "POST" else 200,
    )
