"""The editors' chooser for many councils (partner councils, participating councils): about 400 checkboxes under a
box that narrows them by name as you type.

Wagtail 8 offers a searchable chooser for one page (AdminPageChooser) and MultipleChooserPanel for an inline list of
orderable links, but no widget for a many-to-many field of pages; this keeps the fields as they are.
"""

from __future__ import annotations

from django import forms


class CouncilsChooser(forms.CheckboxSelectMultiple):
    """Checkboxes under a "Find a council" box. Without JavaScript the full list shows and still works; chosen
    councils stay in view whatever is typed, and the list says how many councils match."""

    # In councils/templates: Django's form renderer reads app template folders, not the project's templates/.
    template_name = "councils/widgets/councils_chooser.html"

    class Media:
        js = ["js/councils-chooser.js"]
        css = {"all": ["css/councils-chooser.css"]}
