"""What the format tables (fields.py) say to people and programs: a CSV template and a JSON Schema for JSON Lines."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

from core.text import MAX_TITLE_LENGTH
from importing.fields import (
    ALL_FIELDS,
    CRITERION_LENGTH,
    EARLIEST_YEAR,
    FORMATS,
    ITEM_KINDS,
    MAX_ITEM_NOTE,
    MAX_POSITIVE_INTEGER,
    MAX_TAG,
    OUTPUT_LICENCE_LENGTH,
    OUTPUT_TITLE_LENGTH,
    Field,
    KindFormat,
    Type,
)
from importing.parsing import MAX_RECORDS

_NAMES: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}
_DATE: dict[str, Any] = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
_DIGITS: dict[str, Any] = {"type": "string", "pattern": "^ *[0-9]+ *$"}


def csv_template() -> str:
    """The header row of every field of every kind: a row fills the fields of its kind and leaves the rest empty."""
    out = io.StringIO()
    csv.writer(out).writerow(ALL_FIELDS)
    return out.getvalue()


def _list_or_text(items: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "array", "items": items}, {"type": "string"}]}


_URL: dict[str, Any] = {"type": "string", "format": "uri", "pattern": "^https?://"}
_OUTPUT = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": OUTPUT_TITLE_LENGTH},
        "url": _URL,
        "licence": {"type": "string", "maxLength": OUTPUT_LICENCE_LENGTH},
    },
    "required": ["title", "url"],
    "additionalProperties": False,
}
_ITEM = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": list(ITEM_KINDS)},
        "title": {"type": "string", "minLength": 1},
        "note": {"type": "string", "maxLength": MAX_ITEM_NOTE},
    },
    "required": ["kind", "title"],
    "additionalProperties": False,
}
# The types whose schema is the same for every field of that type.
_FIXED: dict[Type, dict[str, Any]] = {
    Type.DATE: _DATE,
    Type.PUBLISHED: _DATE,
    Type.NUMBER: {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_POSITIVE_INTEGER}, _DIGITS]},
    Type.YEAR: {"anyOf": [{"type": "integer", "minimum": EARLIEST_YEAR}, {"type": "string", "pattern": "^[0-9]{4}$"}]},
    Type.TAGS: _list_or_text({"type": "string", "maxLength": MAX_TAG}),
    Type.CRITERIA: _list_or_text({"type": "string", "maxLength": CRITERION_LENGTH}),
    Type.OUTPUTS: {"type": "array", "items": {"anyOf": [_OUTPUT, {"type": "string"}]}},
    Type.ITEMS: {"type": "array", "items": {"anyOf": [_ITEM, {"type": "string"}]}},
    Type.EMAIL: {"type": "string", "format": "email"},
    Type.SLUG: {"type": "string", "pattern": r"^[-\w]+$", "maxLength": MAX_TITLE_LENGTH},
    Type.IGNORED: {},
}


def _property(form: KindFormat, field: Field) -> dict[str, Any]:
    schema: dict[str, Any]
    if field.type in _FIXED:
        schema = copy.deepcopy(_FIXED[field.type])
    elif field.type is Type.KIND:
        schema = {"const": form.name}
    elif field.type in (Type.LINE, Type.MARKDOWN):
        schema = {"type": "string"}
        if (limit := form.max_length(field)) is not None:
            schema["maxLength"] = limit
    elif field.type is Type.LINK:
        schema = {**_URL, "maxLength": form.max_length(field)}
    elif field.type is Type.CHOICE:
        assert field.choices is not None
        schema = {"type": "string", "enum": [*field.choices.values, *map(str, field.choices.labels)]}
    elif field.type is Type.NAMES:
        # Kept as one text: the limit is on the whole, written as text.
        schema = {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
        schema["anyOf"][1]["maxLength"] = form.max_length(field)
    elif field.is_list:
        schema = _list_or_text({"type": "string"})
    else:
        schema = {"type": "string"}
    return {**schema, "description": field.help}


def _required(form: KindFormat) -> list[dict[str, Any]]:
    """Each required attribute as 'one of these fields' (a challenge's problem_statement may come as body)."""
    rules = []
    for field in form.fields:
        if field.required and not field.fallback:
            names = [f.name for f in form.fields if field.attr and f.attr == field.attr] or [field.name]
            rules.append({"anyOf": [{"required": [name]} for name in names]})
    return rules


def kind_schema(form: KindFormat) -> dict[str, Any]:
    return {
        "title": form.label,
        "type": "object",
        "properties": {field.name: _property(form, field) for field in form.fields},
        "required": ["kind"],
        "allOf": _required(form),
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema for one line of a JSON Lines import file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A line of a content import file",
        "description": (
            f"One JSON object a line, up to {MAX_RECORDS:,} lines. Council, regional centre, service area, product, "
            "supplier, challenge, case study, pattern and experiment names must match the site's; text must not "
            "hold control characters."
        ),
        "oneOf": [kind_schema(form) for form in FORMATS.values()],
    }
