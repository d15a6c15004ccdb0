"""Pattern adoption: councils record their own; curators assess compliance in their own regions; history is kept;
the pattern page shows it."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from patterns import services
from patterns.models import AdoptionChange, AdoptionRecord, AdoptionStatus, PatternCriterion
from tests.factories import content as make


def record_url(pattern) -> str:
    return reverse("adoption_record_form", args=[pattern.pk])


def adopt(client, pattern, status="adopted", **extra):
    data = {"status": status, "status_date": "2026-01-15", "evidence_url": "https://leeds.gov.uk/bins", **extra}
    return client.post(record_url(pattern), data)


def test_editor_records_own_councils_adoption_with_history(client, pattern, leeds, leeds_editor):
    client.force_login(leeds_editor)
    assert client.get(record_url(pattern)).status_code == 200
    assert adopt(client, pattern, status="in_progress").status_code == 302
    assert adopt(client, pattern).status_code == 302
    record = AdoptionRecord.objects.get()
    assert (record.council, record.status, record.evidence_url) == (leeds, "adopted", "https://leeds.gov.uk/bins")
    assert record.status_date == datetime.date(2026, 1, 15)
    history = list(record.changes.order_by("pk").values_list("status", "changed_by__username"))
    assert history == [("in_progress", "leeds-editor"), ("adopted", "leeds-editor")]


def test_council_a_cannot_record_adoption_for_council_b(pattern, leeds, bristol_editor):
    with pytest.raises(PermissionDenied):
        services.record_adoption(bristol_editor, leeds, pattern, AdoptionStatus.ADOPTED)
    assert not AdoptionRecord.objects.exists()


def test_council_parameter_is_ignored_for_council_editors(client, pattern, bristol_editor):
    # ?council= is honoured for site admins only; an editor always records for their own council.
    client.force_login(bristol_editor)
    response = client.post(
        record_url(pattern) + "?council=E08000035",
        {"status": "adopted", "status_date": "2026-01-15"},
    )
    assert response.status_code == 302
    assert list(AdoptionRecord.objects.values_list("council__short_name", flat=True)) == ["City of Bristol"]


def test_staff_without_a_council_and_members_who_are_not_editors_are_refused(client, pattern, outsider, leeds_member):
    for user in (outsider, leeds_member):
        client.force_login(user)
        assert adopt(client, pattern).status_code == 403
    client.logout()
    assert adopt(client, pattern).status_code == 302  # to sign in
    assert not AdoptionRecord.objects.exists()


def test_a_council_cannot_mark_itself_compliant(client, pattern, leeds, leeds_editor):
    client.force_login(leeds_editor)
    assert adopt(client, pattern, status="compliant").status_code == 400
    with pytest.raises(services.AdoptionError):
        services.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.COMPLIANT)
    assert not AdoptionRecord.objects.exists()


def test_future_dates_and_bad_links_are_refused(client, pattern, leeds_editor):
    client.force_login(leeds_editor)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert adopt(client, pattern, status_date=tomorrow).status_code == 400
    assert adopt(client, pattern, evidence_url="javascript:alert(1)").status_code == 400
    assert not AdoptionRecord.objects.exists()


def test_draft_patterns_cannot_be_adopted(client, home, leeds_editor):
    draft = make.pattern("Draft pattern", state="draft")
    client.force_login(leeds_editor)
    assert adopt(client, draft).status_code == 404


@pytest.fixture
def adopted(pattern, leeds, leeds_editor):
    return services.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.ADOPTED, datetime.date(2026, 1, 1))


def test_curator_assesses_compliance_in_their_region(client, adopted, yorkshire_curator):
    criteria = list(adopted.pattern.criteria.order_by("sort_order"))
    client.force_login(yorkshire_curator)
    url = reverse("adoption_assess", args=[adopted.pk])
    assert client.get(url).status_code == 200
    # One criterion missing: assessed, but not compliant.
    assert client.post(url, {"criteria": [criteria[0].pk]}).status_code == 302
    adopted.refresh_from_db()
    assert adopted.status == AdoptionStatus.ADOPTED and adopted.assessed_by == yorkshire_curator
    # All met: compliant.
    assert client.post(url, {"criteria": [c.pk for c in criteria]}).status_code == 302
    adopted.refresh_from_db()
    assert adopted.status == AdoptionStatus.COMPLIANT
    assert adopted.assessed_on == timezone.localdate()
    notes = list(AdoptionChange.objects.filter(record=adopted).order_by("pk").values_list("note", flat=True))
    assert notes[-2:] == [
        "Assessed as not compliant: 1 of 2 criteria met",
        "Assessed as compliant: 2 of 2 criteria met",
    ]
    page = client.get(reverse("adoption_record", args=[adopted.pk])).content.decode()
    assert "Assessed as compliant" in page and "yorkshire-curator" in page


def test_an_assessment_keeps_the_adoptions_own_date(client, adopted, yorkshire_curator):
    criteria = [c.pk for c in adopted.pattern.criteria.all()]
    assessed_on = datetime.date(2026, 2, 20)
    services.assess_compliance(yorkshire_curator, adopted, criteria, on=assessed_on)
    adopted.refresh_from_db()
    assert adopted.status == AdoptionStatus.COMPLIANT
    assert (adopted.status_date, adopted.assessed_on) == (datetime.date(2026, 1, 1), assessed_on)
    # A failed reassessment keeps it too.
    services.assess_compliance(yorkshire_curator, adopted, criteria[:1], on=datetime.date(2026, 3, 1))
    adopted.refresh_from_db()
    assert adopted.status_date == datetime.date(2026, 1, 1)
    client.force_login(yorkshire_curator)
    page = client.get(reverse("adoption_record", args=[adopted.pk])).content.decode()
    assert "1 January 2026" in page and "1 March 2026" in page


def test_the_adoption_forms_date_looks_like_its_hint(client, pattern, leeds_editor):
    client.force_login(leeds_editor)
    html = client.get(record_url(pattern)).content.decode()
    assert "For example, 2026-03-27." in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    # Only the hinted form is read: a day-first date is refused with a clear message, not guessed at.
    response = adopt(client, pattern, status_date="04/12/2025")
    assert response.status_code == 400
    assert "Enter the date as year, month and day" in response.content.decode()
    assert not AdoptionRecord.objects.exists()


def test_curator_cannot_assess_outside_their_centres_regions(
    client, pattern, bristol, bristol_editor, yorkshire_curator
):
    record = services.record_adoption(bristol_editor, bristol, pattern, AdoptionStatus.ADOPTED)
    client.force_login(yorkshire_curator)
    url = reverse("adoption_assess", args=[record.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"criteria": [c.pk for c in pattern.criteria.all()]}).status_code == 403
    record.refresh_from_db()
    assert record.status == AdoptionStatus.ADOPTED and record.assessed_by is None


def test_council_editor_cannot_assess_their_own_adoption(client, adopted, leeds_editor):
    client.force_login(leeds_editor)
    assert client.post(reverse("adoption_assess", args=[adopted.pk]), {"criteria": []}).status_code == 403


def test_only_adopted_records_with_a_checklist_can_be_assessed(pattern, leeds, leeds_editor, yorkshire_curator, home):
    planned = services.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.PLANNED)
    with pytest.raises(services.AdoptionError):
        services.assess_compliance(yorkshire_curator, planned, [])
    bare = make.pattern("Pattern without a checklist")
    record = services.record_adoption(leeds_editor, leeds, bare, AdoptionStatus.ADOPTED)
    with pytest.raises(services.AdoptionError, match="no compliance checklist"):
        services.assess_compliance(yorkshire_curator, record, [])
    foreign = PatternCriterion.objects.create(pattern=bare, text="Belongs to the other pattern")
    adopted = services.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.ADOPTED)
    with pytest.raises(services.AdoptionError, match="do not belong"):
        services.assess_compliance(yorkshire_curator, adopted, [foreign.pk])
    assert adopted.changes.count() == 2 and not adopted.criterion_assessments.exists()


@override_settings(ADOPTION_ASSESSMENT_VALID_DAYS=730)
def test_assessment_expires_unless_renewed(adopted, yorkshire_curator):
    all_criteria = [c.pk for c in adopted.pattern.criteria.all()]
    long_ago = timezone.localdate() - datetime.timedelta(days=731)
    services.assess_compliance(yorkshire_curator, adopted, all_criteria, on=long_ago)
    adopted.refresh_from_db()
    assert adopted.assessment_expired
    assert adopted.status_label == "Adopted (compliance assessment expired)"
    services.assess_compliance(yorkshire_curator, adopted, all_criteria)  # renewal
    adopted.refresh_from_db()
    assert not adopted.assessment_expired
    assert adopted.status_label == "Assessed as compliant"
    assert adopted.assessment_expires_on == timezone.localdate() + datetime.timedelta(days=730)


def test_changing_status_away_from_adopted_clears_the_assessment(adopted, leeds, leeds_editor, yorkshire_curator):
    services.assess_compliance(yorkshire_curator, adopted, [c.pk for c in adopted.pattern.criteria.all()])
    services.record_adoption(
        leeds_editor, leeds, adopted.pattern, AdoptionStatus.ADOPTED, evidence_url="https://x.test"
    )
    adopted.refresh_from_db()
    assert adopted.status == AdoptionStatus.COMPLIANT  # new evidence keeps a current assessment
    services.record_adoption(leeds_editor, leeds, adopted.pattern, AdoptionStatus.IN_PROGRESS)
    adopted.refresh_from_db()
    assert adopted.status == AdoptionStatus.IN_PROGRESS and adopted.assessed_on is None
    assert not adopted.criterion_assessments.exists()
    assert adopted.changes.count() == 4


def test_dates_overwritten_by_earlier_assessments_are_restored_from_the_history(adopted, yorkshire_curator):
    restore = importlib.import_module("patterns.migrations.0004_restore_adoption_dates").restore_adoption_dates
    services.assess_compliance(yorkshire_curator, adopted, [c.pk for c in adopted.pattern.criteria.all()])
    # As assessments used to leave it: the adoption's date replaced by the assessment's.
    AdoptionRecord.objects.filter(pk=adopted.pk).update(status_date=datetime.date(2026, 2, 20))
    restore(django_apps, None)
    adopted.refresh_from_db()
    assert adopted.status_date == datetime.date(2026, 1, 1)


def test_pattern_page_shows_adoption_and_checklist(client, pattern, councils):
    AdoptionRecord.objects.create(
        pattern=pattern, council=councils["Leeds"], status=AdoptionStatus.ADOPTED, status_date="2026-01-01"
    )
    html = client.get(pattern.url).content.decode()
    assert "1 of 6 councils (16.7%) have adopted this pattern" in html
    assert "Uses the open waste API" in html
