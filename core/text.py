"""Text from people and files: one rule for control characters, and the stated length limits.

Every model of the project takes `CleanTextMixin`, which applies `clean_text_fields` in `clean_fields()`: the part of
`full_clean()` that model forms (the admin, its inline panels, snippets and the front-end forms) and Wagtail's
`Page.save()` run, so they all agree. Services that build a record from a plain form call `full_clean()` before
saving; the importers check records with the same functions first so they can name the line.
`tests/sandbox_site/test_text_everywhere.py` walks every text field of every project model, so a new one without the
rule fails.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

MAX_TITLE_LENGTH = 255  # Wagtail's own title column
MAX_SUMMARY_LENGTH = 600
MAX_BODY_LENGTH = 20_000  # each long Markdown field (about 3,000 words); pages have up to four

# Word's manual line break (vertical tab) and page break (form feed), and Unicode's line and paragraph separators,
# come in with pasted text: they become an ordinary line break (a space in one-line fields such as titles).
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Every other C0 and C1 control character (tab, newline and carriage return are text), DEL, and the two
# non-characters: none has a use in prose, XML feeds cannot carry them, and PostgreSQL refuses NUL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """The first character the rule refuses, if any."""
    match = _CONTROL.search(text)
    return match.group() if match else None


def control_character_message(label: str, character: str) -> str:
    if character == "\x00":
        return f"{label} must not contain a null character (U+0000)"
    return f"{label} must not contain control characters: remove U+{ord(character):04X}"


def clean_text(text: str, *, label: str, one_line: bool = False) -> str:
    """Pasted line breaks become whitespace; any other control character is refused with a ValidationError."""
    text = _LINE_BREAKS.sub(" " if one_line else "\n", text)
    if (character := control_character(text)) is not None:
        raise ValidationError(control_character_message(label, character), code="control_character")
    return text


def strip_control_characters(text: str) -> str:
    """For output that must never fail on text saved before the rule (feeds): drop what XML cannot carry."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))


def length_message(label: str, limit: int, length: int) -> str:
    return f"{label} must be {limit:,} characters or fewer (it has {length:,})"


def clean_text_fields(instance: models.Model, exclude: Collection[str] = ()) -> None:
    """Apply the rule to every text field of `instance` (but those in `exclude`), and TextField limits (Django
    checks only CharField's)."""
    errors: dict[str, list[ValidationError]] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.name in exclude:
            continue
        if not isinstance(field, models.CharField | models.TextField) or not isinstance(value, str):
            continue
        label = capfirst(str(field.verbose_name))
        try:
            value = clean_text(value, label=label, one_line=not isinstance(field, models.TextField))
        except ValidationError as error:
            errors[field.name] = error.error_list
            continue
        if isinstance(field, models.TextField) and field.max_length and len(value) > field.max_length:
            message = length_message(label, field.max_length, len(value))
            errors[field.name] = [ValidationError(message, code="max_length")]
        setattr(instance, field.attname, value)
    if errors:
        raise ValidationError(errors)


class CleanTextMixin:
    """For every model: the rule on every `full_clean()`, before Django's own field checks, so a control character
    gets this message rather than, say, "Enter a valid URL". Fields a model form leaves out (`exclude`) are left
    alone, as Django leaves them: the form could not show their errors."""

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        exclude = set(exclude or ())
        errors: dict[str, list[ValidationError]] = {}
        try:
            clean_text_fields(self, exclude)  # type: ignore[arg-type]
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            super().clean_fields(exclude=exclude | set(errors))  # type: ignore[misc]
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
