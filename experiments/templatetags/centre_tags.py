"""Panels for centre, experiment and home page templates.

`{% load centre_tags %}` then `{% centre_overview page %}`, `{% experiment_extras page %}`,
`{% featured_collections %}` (home page) or `{% featured_collections centre=page %}`.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from experiments.models import CollectionPage, ExperimentPage, ExperimentStatus, RegionalCentrePage

register = template.Library()


@register.inclusion_tag("experiments/includes/centre_overview.html", takes_context=True)
def centre_overview(context: template.Context, centre: RegionalCentrePage) -> dict[str, Any]:
    experiments = list(ExperimentPage.objects.live().public().child_of(centre).order_by("-start_date", "title"))
    by_status = [
        (label, [e for e in experiments if e.status == value])
        for value, label in (
            (ExperimentStatus.RUNNING, "Running"),
            (ExperimentStatus.PROPOSED, "Proposed"),
            (ExperimentStatus.CONCLUDED, "Concluded"),
        )
    ]
    council_model = apps.get_model("councils", "CouncilPage")
    councils = (
        council_model.objects.live().filter(experiments__in=[e.pk for e in experiments]).distinct().order_by("title")
    )
    collections = CollectionPage.objects.live().public().child_of(centre).order_by("-featured", "title")
    return {
        "centre": centre,
        "experiments_by_status": by_status,
        "experiment_count": len(experiments),
        "councils": list(councils),
        "collections": list(collections),
        "request": context.get("request"),
    }


@register.inclusion_tag("experiments/includes/experiment_extras.html", takes_context=True)
def experiment_extras(context: template.Context, experiment: ExperimentPage) -> dict[str, Any]:
    case_study_model = apps.get_model("challenges", "CaseStudyPage")
    # A linked draft or private case study does not count as written up for the public.
    case_study = (
        case_study_model.objects.live().public().filter(pk=experiment.case_study_id).first()
        if experiment.case_study_id
        else None
    )
    return {
        "experiment": experiment,
        "timeline": timeline(experiment),
        "case_study": case_study,
        "needs_case_study": experiment.status == ExperimentStatus.CONCLUDED and case_study is None,
        "request": context.get("request"),
    }


def timeline(experiment: ExperimentPage) -> list[tuple[str, Any]]:
    """Dated events in order; dates not yet known are left out."""
    events = [
        ("Published", experiment.first_published_at.date() if experiment.first_published_at else None),
        ("Started" if experiment.status != ExperimentStatus.PROPOSED else "Planned start", experiment.start_date),
        ("Ended" if experiment.status == ExperimentStatus.CONCLUDED else "Planned end", experiment.end_date),
        ("Last updated", experiment.last_published_at.date() if experiment.last_published_at else None),
    ]
    return sorted(((label, date) for label, date in events if date), key=lambda e: e[1])


@register.inclusion_tag("experiments/includes/featured_collections.html", takes_context=True)
def featured_collections(
    context: template.Context, centre: RegionalCentrePage | None = None, limit: int = 6
) -> dict[str, Any]:
    collections = CollectionPage.objects.live().public().filter(featured=True)
    if centre is not None:
        collections = collections.child_of(centre)
    return {
        "collections": list(collections.order_by("title")[:limit]),
        "centre": centre,
        "request": context.get("request"),
    }
