"""Assessments used to overwrite an adoption's own date with the assessment date: restore the council's date.

The history keeps it: the latest change the council recorded (an assessment's change notes start "Assessed").
"""

from __future__ import annotations

from django.db import migrations


def restore_adoption_dates(apps, schema_editor) -> None:
    AdoptionRecord = apps.get_model("patterns", "AdoptionRecord")
    AdoptionChange = apps.get_model("patterns", "AdoptionChange")
    for record in AdoptionRecord.objects.filter(assessed_on__isnull=False).iterator():
        recorded = (
            AdoptionChange.objects.filter(record=record, note__startswith="Recorded by the council")
            .order_by("-changed_at", "-pk")
            .first()
        )
        if recorded is not None and recorded.status_date != record.status_date:
            AdoptionRecord.objects.filter(pk=record.pk).update(status_date=recorded.status_date)


class Migration(migrations.Migration):
    dependencies = [("patterns", "0003_text_limits")]

    operations = [migrations.RunPython(restore_adoption_dates, migrations.RunPython.noop)]
