"""Check raw import records against the reference data, turning each into a valid record or a list of reasons."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.text import slugify

from challenges.models import ChallengeStatus, Stage
from councils.models import CouncilPage, ServiceArea
from patterns.models import Maturity
from sandbox_site.importing.parsing import RawRecord
from sandbox_site.numbers import parse_whole_number
from sandbox_site.text import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, clean_text, length_message

KINDS = ("challenge", "case_study", "pattern")
FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "council",
    "partner_councils",
    "service_area",
    "stage",
    "year",
    "tags",
)
# What "stage" means for each kind: a case study's stage, a challenge's status, a pattern's maturity.
STAGE_CHOICES: dict[str, type[TextChoices]] = {"challenge": ChallengeStatus, "case_study": Stage, "pattern": Maturity}
MAX_TAG = 100
# The page models' limits (sandbox_site/text.py): a record the page would refuse is rejected with its line.
LIMITS = {"title": MAX_TITLE_LENGTH, "summary": MAX_SUMMARY_LENGTH, "body": MAX_BODY_LENGTH}
EARLIEST_YEAR = 1990


@dataclass(frozen=True)
class ValidRecord:
    line: int
    kind: str
    title: str
    slug: str
    summary: str
    body: str
    council_id: int | None
    partner_council_ids: tuple[int, ...]
    service_area_id: int | None
    stage: str
    year: int | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class RejectedRecord:
    line: int
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"Line {self.line}: {'; '.join(self.reasons)}"


def _key(text: str) -> str:
    """Case-insensitive, '&' means 'and', spacing ignored: how people type reference names."""
    return " ".join(text.replace("&", " and ").lower().split())


_COUNCIL_WORDS = re.compile(
    r"^(london borough of|royal borough of|city of|city and county of|county of)\s+|"
    r"\s+(metropolitan borough|city|county|borough|district)?\s*council$"
)


def _plain_name(name: str) -> str:
    return _COUNCIL_WORDS.sub("", _key(name)).strip()


class ReferenceData:
    """Councils and service areas, loaded once per import so validation makes no query per record."""

    def __init__(self) -> None:
        self.councils: dict[str, int] = {}
        plain: dict[str, set[int]] = {}
        for pk, title, short_name, gss in CouncilPage.objects.values_list("pk", "title", "short_name", "gss_code"):
            for name in (title, short_name, gss):
                if name:
                    self.councils.setdefault(_key(name), pk)
                    plain.setdefault(_plain_name(name), set()).add(pk)
        # "Bristol" for "Bristol City Council", when only one council has that plain name.
        for name, pks in plain.items():
            if len(pks) == 1 and name:
                self.councils.setdefault(name, next(iter(pks)))
        self.service_areas = {_key(name): pk for pk, name in ServiceArea.objects.values_list("pk", "name")}

    def council(self, name: str) -> int | None:
        return self.councils.get(_key(name))

    def service_area(self, name: str) -> int | None:
        return self.service_areas.get(_key(name))


def _text(data: dict[str, Any], name: str, reasons: list[str]) -> str:
    """The field as text, under the content rule; an object, list, number or true/false is refused, not converted."""
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        reasons.append(f"{name} must be text, not {_json_type(value)}")
        return ""
    try:
        return clean_text(value, label=name, one_line=name != "body").strip()
    except ValidationError as error:
        reasons.extend(error.messages)
        return ""


def _required_text(data: dict[str, Any], name: str, reasons: list[str]) -> str:
    """A text field that must be present, within the page model's limit."""
    before = len(reasons)
    value = _text(data, name, reasons)
    if len(reasons) > before:
        return ""  # refused already, with its reason
    if not value:
        reasons.append(f"{name} is required")
    elif len(value) > LIMITS[name]:
        reasons.append(length_message(name, LIMITS[name], len(value)))
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", int: "a number", float: "a number"}.get(type(value), "that value")


def _list(data: dict[str, Any], name: str, reasons: list[str]) -> list[str]:
    value = data.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        reasons.append(f"{name} must be a list of names")
        return []
    names = []
    for item in value:
        try:
            names.append(clean_text(item, label=name, one_line=True).strip())
        except ValidationError as error:
            reasons.extend(error.messages)
    return [item for item in names if item]


def _stage(kind: str, value: str, reasons: list[str]) -> str:
    choices = STAGE_CHOICES[kind]
    if not value:
        return str(choices.values[0])
    wanted = _key(value).replace("_", " ")
    for choice in choices:
        if wanted in (_key(choice.value).replace("_", " "), _key(str(choice.label))):
            return str(choice.value)
    allowed = ", ".join(str(label).lower() for label in choices.labels)
    reasons.append(f"stage '{value}' is not a {kind.replace('_', ' ')} stage (use one of: {allowed})")
    return ""


def _year(value: Any, reasons: list[str]) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    latest = datetime.date.today().year
    year = parse_whole_number(text, low=EARLIEST_YEAR, high=latest) if len(text) == 4 else None
    if year is None:
        reasons.append(f"year '{text}' must be a 4-digit year from {EARLIEST_YEAR} to {latest}")
    return year


def validate_record(raw: RawRecord, reference: ReferenceData) -> ValidRecord | RejectedRecord:
    if raw.data is None:
        return RejectedRecord(raw.line, (raw.error,))
    data = raw.data
    reasons: list[str] = []
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        reasons.append(f"unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")

    kind = _text(data, "kind", reasons).lower().replace(" ", "_").replace("-", "_")
    if kind not in KINDS:
        reasons.append(f"kind must be one of: {', '.join(KINDS)}" + (f" (not '{kind}')" if kind else ""))
    title, summary, body = (_required_text(data, name, reasons) for name in ("title", "summary", "body"))
    # Titles in any script have a slug (Wagtail allows Unicode slugs); "!!!" does not.
    if title and not slugify(title, allow_unicode=True):
        reasons.append("title must contain letters or numbers")

    council_name = _text(data, "council", reasons)
    council_id = reference.council(council_name) if council_name else None
    if council_name and council_id is None:
        reasons.append(f"council '{council_name}' not found (use its name or GSS code)")
    elif not council_name and kind in ("challenge", "case_study"):
        reasons.append(f"council is required for a {kind.replace('_', ' ')}")

    partner_ids: list[int] = []
    partners = _list(data, "partner_councils", reasons)
    if partners and kind != "case_study":
        reasons.append("only case studies have partner councils")
    for name in partners:
        pk = reference.council(name)
        if pk is None:
            reasons.append(f"partner council '{name}' not found (use its name or GSS code)")
        elif pk != council_id and pk not in partner_ids:
            partner_ids.append(pk)

    area_name = _text(data, "service_area", reasons)
    service_area_id = reference.service_area(area_name) if area_name else None
    if area_name and service_area_id is None:
        reasons.append(f"service area '{area_name}' is not in the list of service areas")

    stage = _stage(kind, _text(data, "stage", reasons), reasons) if kind in KINDS else ""
    year = _year(data.get("year"), reasons)
    tags = _list(data, "tags", reasons)
    if any(len(tag) > MAX_TAG for tag in tags):
        reasons.append(f"each tag must be {MAX_TAG} characters or fewer")

    if reasons:
        return RejectedRecord(raw.line, tuple(reasons))
    return ValidRecord(
        line=raw.line,
        kind=kind,
        title=title,
        slug=slugify(title, allow_unicode=True)[:MAX_TITLE_LENGTH],
        summary=summary,
        body=body,
        council_id=council_id,
        partner_council_ids=tuple(partner_ids),
        service_area_id=service_area_id,
        stage=stage,
        year=year,
        tags=tuple(dict.fromkeys(tags)),
    )


def validate_records(
    raws: Iterable[RawRecord], reference: ReferenceData, existing_slugs: Sequence[tuple[int | None, str]] = ()
) -> tuple[list[ValidRecord], list[RejectedRecord]]:
    """Validate every record. A title already used under the same parent (in the site or earlier in the file) is
    rejected, so running the same file twice does not create duplicates."""
    valid: list[ValidRecord] = []
    rejected: list[RejectedRecord] = []
    taken = set(existing_slugs)
    for raw in raws:
        result = validate_record(raw, reference)
        if isinstance(result, ValidRecord):
            place = (result.council_id if result.kind != "pattern" else None, result.slug)
            if place in taken:
                where = "this council" if result.kind != "pattern" else "the patterns section"
                result = RejectedRecord(result.line, (f"a page called '{result.title}' already exists in {where}",))
            else:
                taken.add(place)
        (valid if isinstance(result, ValidRecord) else rejected).append(result)  # type: ignore[arg-type]
    return valid, rejected
