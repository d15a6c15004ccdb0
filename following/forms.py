"""The "save this search" form on the search page, rendered with the shared GOV.UK form field."""

from __future__ import annotations

from django import forms

from following.models import SavedSearch

NAME_LENGTH = SavedSearch._meta.get_field("name").max_length


class SaveSearchForm(forms.Form):
    # The name is optional (services.save_search names the search from its words and filters) and tidied there.
    name = forms.CharField(
        label="Name this search",
        required=False,
        max_length=NAME_LENGTH,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )

    def __init__(self) -> None:
        super().__init__(auto_id="saved-search-%s")
