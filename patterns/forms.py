"""Forms for recording adoption and assessing compliance (validation only; patterns/services.py acts)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone

from patterns.models import PatternCriterion
from patterns.services import SELF_RECORDED_STATUSES

DATE_FORMAT = "%Y-%m-%d"


class AdoptionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in SELF_RECORDED_STATUSES],
        widget=forms.RadioSelect,
        label="Where is your council with this pattern?",
    )
    # Shown, hinted and read as year-month-day, so the pre-filled value looks like the hint's example.
    status_date = forms.DateField(
        label="Date",
        help_text="When your council reached this status. For example, 2026-03-27.",
        initial=timezone.localdate,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT),
        error_messages={"invalid": "Enter the date as year, month and day, for example 2026-03-27."},
    )
    evidence_url = forms.URLField(
        assume_scheme="https",
        label="Evidence link (optional)",
        required=False,
        help_text="A public page that shows the pattern in use, for example a service page or a blog post.",
    )

    def clean_status_date(self) -> datetime.date:
        value = self.cleaned_data["status_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past.")
        return value


class AssessmentForm(forms.Form):
    criteria = forms.ModelMultipleChoiceField(
        queryset=PatternCriterion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which criteria does the council meet?",
        help_text="Select all that apply. The council is compliant only if it meets every criterion.",
    )

    def __init__(self, *args: Any, pattern_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["criteria"]).queryset = PatternCriterion.objects.filter(
            pattern_id=pattern_id
        ).order_by("sort_order", "pk")
