"""GOV.UK Frontend rendering for Django form fields: one place decides classes and what each control is described by.

Every public form renders through templates/core/includes/form_field.html and form_error_summary.html, which
use these helpers, so forms themselves carry no presentation.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

# The GOV.UK class of each widget kind; anything else is a text-like input.
WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
)


@register.filter
def govuk_control(field: BoundField) -> str:
    """How the field is laid out: "radios", "checkboxes" (several), "checkbox" (one) or "input"."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):  # before RadioSelect, which it subclasses
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.filter
def error_target(field: BoundField) -> str:
    """The id an error summary links to: the control itself, or the first option of radios and checkboxes."""
    if govuk_control(field) in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def described_by(field: BoundField) -> str:
    """The ids of the hint and error message the template prints for this field (space-separated, maybe empty)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """The field's own widget with GOV.UK classes, described by the hint and error ids that exist on the page."""
    widget = field.field.widget
    css = next((css for kind, css in WIDGET_CLASSES if isinstance(widget, kind)), "govuk-input")
    if field.errors:
        css = f"{css} {css}--error"
    existing = widget.attrs.get("class")
    attrs: dict[str, str | bool] = {"class": f"{css} {existing}" if existing else css}
    # Always set, even empty, so Django's own "<id>_helptext" reference (to an element nobody prints) is not added.
    attrs["aria-describedby"] = described_by(field)
    html = field.as_widget(attrs=attrs)
    if not attrs["aria-describedby"]:
        html = SafeString(html.replace(' aria-describedby=""', ""))
    return html
