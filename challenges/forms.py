"""Form for registering interest in a shared challenge (validation only; challenges/services.py acts)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from challenges.models import InterestRole
from challenges.services import Pledge
from core.text import control_character, control_character_message, strip_control_characters

MAX_PROBLEM_LENGTH = 300
SHOWN_BACK_LENGTH = 1000


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


class ShownBackField(forms.CharField):
    """Text shown back in its box as typed, less the characters no page may hold (the error message names them)."""

    def prepare_value(self, value: object) -> object:
        return strip_control_characters(value) if isinstance(value, str) else value


class ProblemForm(forms.Form):
    """The one-sentence problem on the "before you start" page (a GET form: unbound until it is submitted)."""

    problem = ShownBackField(
        label="Describe your problem in a sentence",
        help_text="For example: residents keep missing bin collections after the rounds changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe your problem in a sentence"},
    )

    def __init__(self, query: QueryDict) -> None:
        # Bounded, so a huge value costs nothing: the length limit is reported, not enforced by cutting.
        raw = query.get("problem")
        super().__init__(None if raw is None else {"problem": raw[:SHOWN_BACK_LENGTH]}, auto_id="%s")

    def clean_problem(self) -> str:
        problem = " ".join(self.cleaned_data["problem"].split())
        if len(problem) > MAX_PROBLEM_LENGTH:
            raise forms.ValidationError(f"Describe your problem in {MAX_PROBLEM_LENGTH} characters or fewer")
        if (character := control_character(problem)) is not None:
            raise forms.ValidationError(control_character_message("Your problem", character))
        return problem
