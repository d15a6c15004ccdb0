"""Form for registering interest in a shared challenge (validation only; challenges/services.py acts)."""

from __future__ import annotations

from django import forms

from challenges.models import InterestRole
from challenges.services import Pledge


class InterestForm(forms.Form):
    role = forms.ChoiceField(
        choices=InterestRole.choices,
        widget=forms.RadioSelect,
        label="What role would your council take?",
        error_messages={"required": "Select the role your council would take"},
    )
    pledge_staff_days = forms.IntegerField(label="Staff days (optional)", required=False, min_value=1, max_value=10_000)
    pledge_money = forms.IntegerField(label="Money in pounds (optional)", required=False, min_value=1, max_value=10**9)
    pledge_data = forms.BooleanField(label="Data", required=False)
    pledge_test_users = forms.BooleanField(label="Test users", required=False)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, what your council has tried already. Up to 500 characters.",
    )

    def pledge(self) -> Pledge:
        data = self.cleaned_data
        return Pledge(
            staff_days=data.get("pledge_staff_days"),
            money=data.get("pledge_money"),
            data=bool(data.get("pledge_data")),
            test_users=bool(data.get("pledge_test_users")),
        )
