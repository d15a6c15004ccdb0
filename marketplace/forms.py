"""Front-end forms for the register, the contracts-ending report and buying groups."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from wagtail.query import PageQuerySet

from councils.models import CouncilPage, ServiceArea
from marketplace.models import BuyingGroup, CouncilSystem, Product
from marketplace.services import DEFAULT_WINDOW_MONTHS, MAX_WINDOW_MONTHS


class DateInput(forms.DateInput):
    input_type = "date"


class CouncilSystemForm(forms.ModelForm):
    class Meta:
        model = CouncilSystem
        fields = [
            "service_area",
            "product",
            "contract_start",
            "contract_end",
            "annual_cost_band",
            "satisfaction",
            "integrates_via_open_api",
            "notes",
        ]
        widgets = {"contract_start": DateInput(), "contract_end": DateInput()}
        labels = {"integrates_via_open_api": "Integrates with other systems through an open API"}

    def __init__(self, *args: Any, council: CouncilPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        self.instance.council = council
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = Product.objects.select_related("supplier")
        self.fields["satisfaction"].widget = forms.Select(
            choices=[("", "Not rated"), *((n, str(n)) for n in range(1, 6))]
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        area = cleaned.get("service_area")
        taken = CouncilSystem.objects.filter(council=self.council, service_area=area).exclude(pk=self.instance.pk)
        if area and taken.exists():
            self.add_error("service_area", f"{self.council.title} already has a system recorded for {area.name}.")
        return cleaned


class EndingForm(forms.Form):
    service_area = forms.ModelChoiceField(ServiceArea.objects.all(), to_field_name="slug", empty_label=None)
    months = forms.IntegerField(
        label="Window in months",
        min_value=1,
        max_value=MAX_WINDOW_MONTHS,
        initial=DEFAULT_WINDOW_MONTHS,
        required=False,
    )


class StartGroupForm(forms.ModelForm):
    current_contract_end = forms.DateField(
        label="Your council's current contract end date",
        required=False,
        widget=DateInput(),
        help_text="Leave blank to use the date in your council's systems register.",
    )

    class Meta:
        model = BuyingGroup
        fields = ["name", "service_area", "pattern", "target_contract_date", "description"]
        widgets = {"target_contract_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pattern = cast(forms.ModelChoiceField, self.fields["pattern"])
        # A queryset of PatternPage, so Wagtail's PageQuerySet (live, public), which ships no types.
        pattern.queryset = cast(PageQuerySet, pattern.queryset).live().public().order_by("title")
        self.fields["pattern"].help_text = "A pattern or standard the purchase must meet."


class JoinGroupForm(forms.Form):
    current_contract_end = forms.DateField(
        label="Your council's current contract end date",
        required=False,
        widget=DateInput(),
        help_text="Leave blank to use the date in your council's systems register.",
    )
