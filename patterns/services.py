"""Actions on pattern adoption: councils record their own adoption; regional-centre curators assess compliance.

Every change goes through these functions so the history table (AdoptionChange) is complete.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission

from councils.membership import AnyUser, is_council_editor
from councils.models import CouncilPage
from patterns.models import (
    AdoptionChange,
    AdoptionRecord,
    AdoptionStatus,
    CriterionAssessment,
    PatternPage,
)

# Councils record these themselves; "assessed as compliant" is only ever set by an assessment.
SELF_RECORDED_STATUSES = (AdoptionStatus.PLANNED, AdoptionStatus.IN_PROGRESS, AdoptionStatus.ADOPTED)


class AdoptionError(ValueError):
    """A change that cannot be made; the message is shown to the user."""


def can_record_for(user: AnyUser, council: CouncilPage) -> bool:
    return user.is_authenticated and (user.is_superuser or is_council_editor(user, council))


def curated_region_ids(user: AnyUser) -> set[int]:
    """Regions covered by the regional centres whose pages this user's groups may edit (their curators)."""
    if not user.is_authenticated:
        return set()
    centre_model = apps.get_model("experiments", "RegionalCentrePage")
    centre_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page", page__content_type__model="regionalcentrepage"
    ).values_list("page_id", flat=True)
    through = centre_model.regions.through
    return set(through.objects.filter(regionalcentrepage_id__in=centre_ids).values_list("region_id", flat=True))


def can_assess(user: AnyUser, council: CouncilPage) -> bool:
    return user.is_authenticated and (user.is_superuser or council.region_id in curated_region_ids(user))


def _log(record: AdoptionRecord, user: AnyUser, note: str = "") -> None:
    AdoptionChange.objects.create(
        record=record,
        status=record.status,
        status_date=record.status_date,
        evidence_url=record.evidence_url,
        changed_by=user if user.is_authenticated else None,
        note=note,
    )


def _require_public(pattern: PatternPage) -> None:
    if not PatternPage.objects.live().public().filter(pk=pattern.pk).exists():
        raise AdoptionError("This pattern is not published.")


@transaction.atomic
def record_adoption(
    user: AnyUser,
    council: CouncilPage,
    pattern: PatternPage,
    status: str,
    status_date: datetime.date | None = None,
    evidence_url: str = "",
) -> AdoptionRecord:
    """A council's editor records where their own council stands with a pattern."""
    if not can_record_for(user, council):
        raise PermissionDenied("You can only record adoption for your own council.")
    if status not in SELF_RECORDED_STATUSES:
        raise AdoptionError("Choose planned, in progress or adopted. A regional centre assesses compliance.")
    _require_public(pattern)
    status_date = status_date or timezone.localdate()
    if status_date > timezone.localdate():
        raise AdoptionError("The date must be today or in the past.")
    record = AdoptionRecord.objects.select_for_update().filter(pattern=pattern, council=council).first()
    if record is None:
        record = AdoptionRecord(pattern=pattern, council=council)
    keeps_assessment = record.status == AdoptionStatus.COMPLIANT and status == AdoptionStatus.ADOPTED
    note = "Recorded by the council"
    if keeps_assessment:
        # Updating the evidence of an assessed adoption keeps the assessment until it expires.
        record.evidence_url = evidence_url or record.evidence_url
        note = "Evidence updated by the council; compliance assessment kept"
    else:
        if record.status == AdoptionStatus.COMPLIANT:
            note = "Recorded by the council; compliance assessment no longer applies"
        record.status = status
        record.status_date = status_date
        record.evidence_url = evidence_url
        record.assessed_by = None
        record.assessed_on = None
    record.save()
    if not keeps_assessment:
        record.criterion_assessments.all().delete()
    _log(record, user, note)
    return record


@transaction.atomic
def assess_compliance(
    user: AnyUser,
    record: AdoptionRecord,
    met_criterion_ids: Iterable[int],
    on: datetime.date | None = None,
) -> AdoptionRecord:
    """A curator checks an adoption against the pattern's criteria. All met: compliant (renews an assessment)."""
    if not user.is_authenticated or not can_assess(user, record.council):
        raise PermissionDenied("You can only assess councils in your regional centre's regions.")
    if record.status not in (AdoptionStatus.ADOPTED, AdoptionStatus.COMPLIANT):
        raise AdoptionError("Only an adopted pattern can be assessed.")
    criteria = list(record.pattern.criteria.all())
    if not criteria:
        raise AdoptionError("This pattern has no compliance checklist yet.")
    met = set(met_criterion_ids)
    unknown = met - {c.pk for c in criteria}
    if unknown:
        raise AdoptionError("Those criteria do not belong to this pattern.")
    on = on or timezone.localdate()
    record.criterion_assessments.all().delete()
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(record=record, criterion=c, met=c.pk in met) for c in criteria
    )
    passed = len(met) == len(criteria)
    # The adoption's own date ("since") stays as the council recorded it; the assessment has its own date.
    record.status = AdoptionStatus.COMPLIANT if passed else AdoptionStatus.ADOPTED
    record.assessed_by = user
    record.assessed_on = on
    record.save()
    verdict = "compliant" if passed else "not compliant"
    _log(record, user, f"Assessed as {verdict}: {len(met)} of {len(criteria)} criteria met")
    return record
