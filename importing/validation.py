"""Check raw import records against the format (fields.py) and the reference data, turning each into a valid record
or a list of reasons. Every rule is read from the field tables; nothing here lists a kind's fields."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_unicode_slug
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from challenges.models import ChallengePage
from core.numbers import parse_whole_number
from core.text import MAX_TITLE_LENGTH, clean_text, length_message
from councils.models import CouncilPage, Region, ServiceArea
from experiments.models import RegionalCentreIndexPage, RegionalCentrePage
from importing.fields import (
    CRITERION_LENGTH,
    CSV_OUTPUT_SEPARATOR,
    EARLIEST_YEAR,
    FORMATS,
    ITEM_KINDS,
    KINDS,
    MAX_ITEM_NOTE,
    MAX_POSITIVE_INTEGER,
    MAX_TAG,
    OUTPUT_LICENCE_LENGTH,
    OUTPUT_TITLE_LENGTH,
    Field,
    KindFormat,
    Type,
)
from importing.parsing import RawRecord
from marketplace.models import Product
from patterns.models import PatternIndexPage

__all__ = [
    "Parent",
    "ReferenceData",
    "RejectedRecord",
    "Target",
    "ValidRecord",
    "validate_record",
    "validate_records",
]

# A page a record points at: ("page", id) for one already in the site, ("line", n) for one earlier in the file.
Target = tuple[str, int]
# Where a record's page goes: ("council", id), ("centre", id), ("patterns", None) or ("centres", None), as
# KindFormat.parent says.
Parent = tuple[str, int | None]
# A page a record names: (kind, title).
Reference = tuple[str, str]


@dataclass(frozen=True)
class Output:
    title: str
    url: str
    licence: str


@dataclass(frozen=True)
class ValidRecord:
    line: int
    kind: str
    title: str
    slug: str
    council_id: int | None
    # Model attribute -> value, for the page's own columns (text, choices, dates, numbers, service area).
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Model attribute -> several values: council or product ids, tag names, Output or criterion text.
    many: dict[str, tuple[Any, ...]] = dataclasses.field(default_factory=dict)
    # Model attribute -> (kind, title) of pages it points at (resolved into `targets` once the whole file is read).
    references: dict[str, tuple[Reference, ...]] = dataclasses.field(default_factory=dict)
    targets: dict[str, tuple[Target, ...]] = dataclasses.field(default_factory=dict)
    published: datetime.datetime | None = None
    centre_id: int | None = None

    @property
    def label(self) -> str:
        return FORMATS[self.kind].label.lower()

    @property
    def parent(self) -> Parent:
        where = FORMATS[self.kind].parent
        return (where, {"council": self.council_id, "centre": self.centre_id}.get(where))


@dataclass(frozen=True)
class RejectedRecord:
    line: int
    reasons: tuple[str, ...]
    exists: bool = False  # refused only because a page of that name is already there

    def __str__(self) -> str:
        return f"Line {self.line}: {'; '.join(self.reasons)}"


def _key(text: str) -> str:
    """Case-insensitive, '&' means 'and', spacing ignored: how people type reference names."""
    return " ".join(text.replace("&", " and ").lower().split())


_COUNCIL_WORDS = re.compile(
    r"^(london borough of|royal borough of|city of|city and county of|county of)\s+|"
    r"\s+(metropolitan borough|city|county|borough|district)?\s*council$"
)
_PRODUCT_WITH_SUPPLIER = re.compile(r"^(?P<name>.+?)\s*\((?P<supplier>[^()]+)\)$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_is_url = URLValidator(schemes=["http", "https"])


def _plain_name(name: str) -> str:
    return _COUNCIL_WORDS.sub("", _key(name)).strip()


class ReferenceData:
    """Councils, service areas, register products and existing pages, loaded once per import so validation makes no
    query per record; and, for an import made by a person, which parents that person may publish under."""

    def __init__(self, user: AbstractBaseUser | AnonymousUser | None = None) -> None:
        self.user = user
        self.councils: dict[str, int] = {}
        self.council_titles: dict[int, str] = {}
        plain: dict[str, set[int]] = {}
        council_paths: dict[str, int] = {}
        for pk, title, short_name, gss, path in CouncilPage.objects.values_list(
            "pk", "title", "short_name", "gss_code", "path"
        ):
            self.council_titles[pk] = title
            council_paths[path] = pk
            for name in (title, short_name, gss):
                if name:
                    self.councils.setdefault(_key(name), pk)
                    plain.setdefault(_plain_name(name), set()).add(pk)
        # "Bristol" for "Bristol City Council", when only one council has that plain name.
        for name, pks in plain.items():
            if len(pks) == 1 and name:
                self.councils.setdefault(name, next(iter(pks)))
        self.service_areas = {_key(name): pk for pk, name in ServiceArea.objects.values_list("pk", "name")}
        self.regions: dict[str, int] = {}
        for pk, name, slug in Region.objects.values_list("pk", "name", "slug"):
            self.regions[_key(name)] = self.regions[_key(slug)] = pk
        self.centres: dict[str, int] = {}
        self.centre_titles: dict[int, str] = {}
        for pk, title, slug in RegionalCentrePage.objects.values_list("pk", "title", "slug"):
            self.centre_titles[pk] = title
            for name in (title, slug):
                self.centres.setdefault(_key(name), pk)
        # Register products by name: (product id, supplier name) each; two suppliers may sell products of one name.
        self.products: dict[str, list[tuple[int, str]]] = {}
        self.suppliers: set[str] = set()
        for pk, name, supplier in Product.objects.values_list("pk", "name", "supplier__name"):
            self.products.setdefault(_key(name), []).append((pk, supplier))
            self.suppliers.add(_key(supplier))
        # Pages a record may point at, by kind and title: (page id, owning council or centre id) each.
        owners = {**council_paths, **{path: pk for pk, path in RegionalCentrePage.objects.values_list("pk", "path")}}
        self.pages: dict[str, dict[str, list[tuple[int, int | None]]]] = {}
        for kind in ITEM_KINDS:
            found = self.pages[kind] = {}
            for pk, title, path in FORMATS[kind].model.objects.values_list("pk", "title", "path"):
                found.setdefault(_key(title), []).append((pk, owners.get(path[: -Page.steplen])))
        self._may_publish: dict[Parent, bool] = {}

    def council(self, name: str) -> int | None:
        return self.councils.get(_key(name))

    def service_area(self, name: str) -> int | None:
        return self.service_areas.get(_key(name))

    def centre(self, name: str) -> int | None:
        return self.centres.get(_key(name))

    def region(self, name: str) -> int | None:
        return self.regions.get(_key(name))

    def may_publish_under(self, parent: Parent) -> bool:
        """Whether the importing person may add and publish pages under this council, centre or patterns section.

        Wagtail's own page permissions decide, so a council's editors import for their council only, and a centre's
        curators for their centre only."""
        if self.user is None:
            return True  # the command line: whoever runs it administers the site
        if parent not in self._may_publish:
            where, pk = parent
            sections: dict[str, type[Page]] = {"patterns": PatternIndexPage, "centres": RegionalCentreIndexPage}
            owner: type[Page] = CouncilPage if where == "council" else RegionalCentrePage
            page = sections[where].objects.first() if where in sections else owner.objects.filter(pk=pk).first()
            permissions = page.permissions_for_user(self.user) if page is not None else None
            self._may_publish[parent] = bool(
                permissions and permissions.can_add_subpage() and permissions.can_publish_subpage()
            )
        return self._may_publish[parent]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", int: "a number", float: "a number"}.get(type(value), "that value")


def _label(name: str) -> str:
    return name.replace("_", " ")


def _text(value: Any, name: str, reasons: list[str], *, one_line: bool = True) -> str:
    """The value as text, under the content rule; an object, list, number or true/false is refused, not converted."""
    if value is None:
        return ""
    if not isinstance(value, str):
        reasons.append(f"{name} must be text, not {_json_type(value)}")
        return ""
    try:
        return clean_text(value, label=name, one_line=one_line).strip()
    except ValidationError as error:
        reasons.extend(error.messages)
        return ""


def _list(value: Any, name: str, reasons: list[str]) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        reasons.append(f"{name} must be a list of names")
        return []
    names = [_text(item, name, reasons) for item in value]
    return list(dict.fromkeys(item for item in names if item))


def _choice(kind: str, field: Field, value: str, reasons: list[str]) -> str:
    choices: type[TextChoices] = field.choices  # type: ignore[assignment]
    wanted = _key(value).replace("_", " ")
    for choice in choices:
        if wanted in (_key(choice.value).replace("_", " "), _key(str(choice.label))):
            return str(choice.value)
    allowed = ", ".join(str(label).lower() for label in choices.labels)
    what = "stage" if field.name == "stage" else _label(field.name)
    reasons.append(f"{field.name} '{value}' is not a {_label(kind)} {what} (use one of: {allowed})")
    return ""


def _number(value: Any, name: str, reasons: list[str]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        reasons.append(f"{name} must be a whole number, not {_json_type(value)}")
        return None
    number = parse_whole_number(text, high=MAX_POSITIVE_INTEGER)
    if number is None:
        reasons.append(f"{name} '{text}' must be a whole number in digits from 0 to {MAX_POSITIVE_INTEGER:,}")
    return number


def _link(value: Any, name: str, limit: int | None, reasons: list[str]) -> str:
    url = _text(value, name, reasons)
    try:
        _is_url(url)
    except ValidationError:
        reasons.append(f"{name} '{url}' must be a full web address starting https:// or http://")
        return ""
    if limit and len(url) > limit:
        reasons.append(length_message(name, limit, len(url)))
        return ""
    return url


def _date(value: Any, name: str, reasons: list[str]) -> datetime.date | None:
    text = _text(value, name, reasons)
    if not text:
        return None
    try:
        day = datetime.date.fromisoformat(text) if _DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None or day.year < EARLIEST_YEAR:
        reasons.append(f"{name} '{text}' must be a date from {EARLIEST_YEAR} written YYYY-MM-DD, like 2024-03-31")
        return None
    return day


def _year(value: Any, reasons: list[str]) -> int | None:
    text = str(value).strip()
    latest = datetime.date.today().year
    year = parse_whole_number(text, low=EARLIEST_YEAR, high=latest) if len(text) == 4 else None
    if year is None:
        reasons.append(f"year '{text}' must be a 4-digit year from {EARLIEST_YEAR} to {latest}")
    return year


def _outputs(value: Any, name: str, reasons: list[str]) -> list[Output]:
    """Objects {"title", "url", "licence"} in JSON; 'title | link | licence' text in CSV (or JSON)."""
    items = value if isinstance(value, list) else [value]
    outputs: list[Output] = []
    for item in items:
        if isinstance(item, dict):
            extra = sorted(set(item) - {"title", "url", "licence"})
            if extra:
                reasons.append(f"{name} have title, url and licence only (not {', '.join(extra)})")
                continue
            title, url, licence = (_text(item.get(part), name, reasons) for part in ("title", "url", "licence"))
        elif isinstance(item, str):
            parts = [part.strip() for part in item.split(CSV_OUTPUT_SEPARATOR.strip())]
            links = [i for i, part in enumerate(parts) if part.startswith(("http://", "https://"))]
            if not links:
                reasons.append(f"{name} '{item}' needs a link: write 'title | https://… | licence'")
                continue
            at = links[0]
            title = _text(CSV_OUTPUT_SEPARATOR.join(parts[:at]), name, reasons)
            url = _text(parts[at], name, reasons)
            licence = _text(CSV_OUTPUT_SEPARATOR.join(parts[at + 1 :]), name, reasons)
        else:
            reasons.append(f"{name} must be a list of objects with title, url and licence")
            continue
        if not title:
            reasons.append(f"each of the {_label(name)} needs a title")
        elif len(title) > OUTPUT_TITLE_LENGTH:
            reasons.append(length_message(f"{name} title", OUTPUT_TITLE_LENGTH, len(title)))
        try:
            _is_url(url)
        except ValidationError:
            reasons.append(f"{name} link '{url}' must be a full web address starting https:// or http://")
        if len(licence) > OUTPUT_LICENCE_LENGTH:
            reasons.append(length_message(f"{name} licence", OUTPUT_LICENCE_LENGTH, len(licence)))
        outputs.append(Output(title, url, licence))
    return outputs


def _items(value: Any, name: str, reasons: list[str]) -> list[tuple[str, str, str]]:
    """Objects {"kind", "title", "note"} in JSON; 'kind | title | note' text in CSV (or JSON). Each page once."""
    items: dict[Reference, str] = {}
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            extra = sorted(set(item) - {"kind", "title", "note"})
            if extra:
                reasons.append(f"{name} have kind, title and note only (not {', '.join(extra)})")
                continue
            kind, title = (_text(item.get(part), name, reasons) for part in ("kind", "title"))
            note = _text(item.get("note"), name, reasons, one_line=False)
        elif isinstance(item, str):
            kind, title, note = ([*(p.strip() for p in item.split(CSV_OUTPUT_SEPARATOR.strip(), 2)), "", ""])[:3]
        else:
            reasons.append(f"{name} must be a list of objects with kind, title and note")
            continue
        kind = kind.lower().replace(" ", "_").replace("-", "_")
        if kind not in ITEM_KINDS:
            reasons.append(f"each of the {name} needs a kind: one of {', '.join(ITEM_KINDS)} (not '{kind}')")
        elif not title:
            reasons.append(f"each of the {name} needs the title of a page")
        elif len(note) > MAX_ITEM_NOTE:
            reasons.append(length_message(f"{name} note", MAX_ITEM_NOTE, len(note)))
        else:
            items.setdefault((kind, title), note)
    return [(kind, title, note) for (kind, title), note in items.items()]


def _product_candidates(name: str, reference: ReferenceData) -> list[tuple[int, str]]:
    """The register products a name may mean, (id, supplier name) each: by name, or 'Name (Supplier)'."""
    candidates = reference.products.get(_key(name), [])
    match = _PRODUCT_WITH_SUPPLIER.match(name)
    if not candidates and match:
        candidates = [
            c for c in reference.products.get(_key(match["name"]), []) if _key(c[1]) == _key(match["supplier"])
        ]
    return candidates


def _products(names: list[str], suppliers: list[str], reference: ReferenceData, reasons: list[str]) -> list[int]:
    """Register products by name; a supplier (in the name, or in the suppliers list) picks between namesakes.

    The open-data export writes each product name once and each supplier once, so a name that several of the listed
    suppliers sell means each of their products, when none of those suppliers sells another product listed."""
    unknown = [s for s in suppliers if _key(s) not in reference.suppliers]
    for supplier in unknown:
        reasons.append(f"supplier '{supplier}' is not in the marketplace register")
    named = {_key(s) for s in suppliers}
    chosen: list[int] = []
    used_suppliers: set[str] = set()
    found = [(name, _product_candidates(name, reference)) for name in names]
    for position, (name, candidates) in enumerate(found):
        if len(candidates) > 1:
            candidates = [c for c in candidates if _key(c[1]) in named] or candidates
        sellers = {_key(c[1]) for c in candidates}
        if len(candidates) > 1 and sellers <= named:
            other_sellers = {_key(c[1]) for i, (_, others) in enumerate(found) if i != position for c in others}
            if not sellers & other_sellers:
                chosen.extend(c[0] for c in candidates)
                used_suppliers |= sellers
                continue
        if not candidates:
            reasons.append(f"product '{name}' is not in the marketplace register (use its register name)")
        elif len(candidates) > 1:
            listed = ", ".join(sorted(c[1] for c in candidates))
            reasons.append(f"several suppliers sell a product called '{name}' ({listed}): write 'Name (Supplier)'")
        else:
            chosen.append(candidates[0][0])
            used_suppliers.add(_key(candidates[0][1]))
    for supplier in suppliers:
        if supplier not in unknown and _key(supplier) not in used_suppliers:
            reasons.append(f"supplier '{supplier}' supplies none of the products listed: name its products")
    return list(dict.fromkeys(chosen))


def _kinds_with(name: str) -> str:
    labels = [FORMATS[k].label.lower() for k in KINDS if FORMATS[k].field(name)]
    plural = [label[:-1] + "ies" if label.endswith("y") else label + "s" for label in labels]
    return " and ".join(plural)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass
class _Draft:
    """What validation has read from one record so far: the values it keeps, and the reasons it refuses them."""

    kind: str
    form: KindFormat
    reference: ReferenceData
    reasons: list[str]
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    many: dict[str, tuple[Any, ...]] = dataclasses.field(default_factory=dict)
    references: dict[str, tuple[Reference, ...]] = dataclasses.field(default_factory=dict)
    given: dict[str, str] = dataclasses.field(default_factory=dict)  # attribute -> the field that set it
    refused: set[str] = dataclasses.field(default_factory=set)  # so "is required" is not said as well
    council_id: int | None = None
    centre_id: int | None = None
    published: datetime.datetime | None = None
    product_names: list[str] = dataclasses.field(default_factory=list)
    supplier_names: list[str] = dataclasses.field(default_factory=list)

    @property
    def parent(self) -> Parent:
        where = self.form.parent
        return (where, {"council": self.council_id, "centre": self.centre_id}.get(where))


def _kind_and_form(data: dict[str, Any], reasons: list[str]) -> tuple[str, KindFormat]:
    """The record's kind and the format its fields are read with; unknown fields, and fields of other kinds, refused."""
    known = {f.name for k in FORMATS.values() for f in k.fields}
    unknown = sorted(set(data) - known)
    if unknown:
        reasons.append(f"unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}")
    kind = _text(data.get("kind"), "kind", reasons).lower().replace(" ", "_").replace("-", "_")
    if kind not in KINDS:
        reasons.append(f"kind must be one of: {', '.join(KINDS)}" + (f" (not '{kind}')" if kind else ""))
        # The rest is still checked against the fields every kind shares, so one pass names every problem.
        shared = tuple(f for f in FORMATS["challenge"].fields if f.name in _SHARED)
        return kind, KindFormat(kind, kind, ChallengePage, shared)
    form = FORMATS[kind]
    for name in sorted(set(data) & known):
        if form.field(name) is None and not _is_empty(data[name]):
            reasons.append(f"only {_kinds_with(name)} have {_label(name)}")
    return kind, form


def _within_limit(text: str, field: Field, draft: _Draft) -> str:
    limit = draft.form.max_length(field)
    if limit and len(text) > limit:
        draft.reasons.append(length_message(field.name, limit, len(text)))
    return text


def _one_name(value: Any, field: Field, draft: _Draft, find: Callable[[str], int | None], missing: str) -> int | None:
    """The id of the reference a name gives; `missing` is the reason when there is none, with {name} for the name."""
    name = _text(value, field.name, draft.reasons)
    found = find(name) if name else None
    if name and found is None:
        draft.reasons.append(missing.format(name=name))
    return found


def _many_names(
    value: Any, field: Field, draft: _Draft, find: Callable[[str], int | None], missing: str
) -> tuple[int, ...]:
    """The ids of the references a list of names gives, each once, in the order given."""
    ids: list[int] = []
    for name in _list(value, field.name, draft.reasons):
        pk = find(name)
        if pk is None:
            draft.reasons.append(missing.format(name=name))
        elif pk not in ids:
            ids.append(pk)
    return tuple(ids)


def _text_value(value: Any, field: Field, draft: _Draft) -> str:
    return _within_limit(_text(value, field.name, draft.reasons, one_line=field.type is Type.LINE), field, draft)


def _choice_value(value: Any, field: Field, draft: _Draft) -> str | None:
    text = _text(value, field.name, draft.reasons)
    return _choice(draft.kind, field, text, draft.reasons) if text else None


def _date_value(value: Any, field: Field, draft: _Draft) -> datetime.date | None:
    day = _date(value, field.name, draft.reasons)
    if day and field.attr == "last_confirmed" and day > timezone.localdate():
        draft.reasons.append(f"last_confirmed '{day}' is in the future")
    return day


def _slug_value(value: Any, field: Field, draft: _Draft) -> str:
    slug = _text(value, field.name, draft.reasons)
    try:
        validate_unicode_slug(slug)
    except ValidationError:
        draft.reasons.append(f"slug '{slug}' must be letters, numbers, hyphens or underscores only")
    if len(slug) > MAX_TITLE_LENGTH:
        draft.reasons.append(length_message(field.name, MAX_TITLE_LENGTH, len(slug)))
    return slug


def _link_value(value: Any, field: Field, draft: _Draft) -> str:
    return _link(value, field.name, draft.form.max_length(field), draft.reasons)


def _number_value(value: Any, field: Field, draft: _Draft) -> int | None:
    return _number(value, field.name, draft.reasons)


def _year_value(value: Any, field: Field, draft: _Draft) -> datetime.datetime | None:
    year = _year(value, draft.reasons)
    return timezone.make_aware(datetime.datetime(year, 1, 1, 12)) if year else None


def _published_value(value: Any, field: Field, draft: _Draft) -> datetime.datetime | None:
    day = _date(value, field.name, draft.reasons)
    if day and day > timezone.localdate():
        draft.reasons.append(f"published '{day}' is in the future")
        return None
    # Midday, so the date reads the same in UTC and in British Summer Time.
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12)) if day else None


def _council_value(value: Any, field: Field, draft: _Draft) -> None:
    missing = "council '{name}' not found (use its name or GSS code)"
    draft.council_id = _one_name(value, field, draft, draft.reference.council, missing)


def _centre_value(value: Any, field: Field, draft: _Draft) -> None:
    missing = "regional centre '{name}' not found (use its name)"
    draft.centre_id = _one_name(value, field, draft, draft.reference.centre, missing)


def _regions_value(value: Any, field: Field, draft: _Draft) -> tuple[int, ...]:
    missing = "region '{name}' not found (use an English region's or a nation's name)"
    return _many_names(value, field, draft, draft.reference.region, missing)


def _email_value(value: Any, field: Field, draft: _Draft) -> str:
    email = _text(value, field.name, draft.reasons)
    try:
        validate_email(email)
    except ValidationError:
        draft.reasons.append(f"{field.name} '{email}' must be an e-mail address, like name@example.org")
    return email


def _service_area_value(value: Any, field: Field, draft: _Draft) -> int | None:
    missing = "service area '{name}' is not in the list of service areas"
    return _one_name(value, field, draft, draft.reference.service_area, missing)


def _councils_value(value: Any, field: Field, draft: _Draft) -> tuple[int, ...]:
    missing = _label(field.name)[:-1] + " '{name}' not found (use its name or GSS code)"
    return _many_names(value, field, draft, draft.reference.council, missing)


def _short_list(value: Any, field: Field, draft: _Draft, limit: int, each: str) -> tuple[str, ...]:
    """The list's items, with a reason when one is longer than `limit`; `each` names an item in that reason."""
    items = tuple(_list(value, field.name, draft.reasons))
    if any(len(item) > limit for item in items):
        draft.reasons.append(f"{each} must be {limit} characters or fewer")
    return items


def _tags_value(value: Any, field: Field, draft: _Draft) -> tuple[str, ...]:
    return _short_list(value, field, draft, MAX_TAG, "each tag")


def _products_value(value: Any, field: Field, draft: _Draft) -> None:
    draft.product_names = _list(value, field.name, draft.reasons)  # matched once the suppliers are read too


def _suppliers_value(value: Any, field: Field, draft: _Draft) -> None:
    draft.supplier_names = _list(value, field.name, draft.reasons)


def _names_value(value: Any, field: Field, draft: _Draft) -> str:
    # The page keeps them as it shows them: one line, separated by commas.
    return _within_limit(", ".join(_list(value, field.name, draft.reasons)), field, draft)


def _titles_value(value: Any, field: Field, draft: _Draft) -> tuple[Reference, ...]:
    titles = _list(value, field.name, draft.reasons) if field.is_list else [_text(value, field.name, draft.reasons)]
    return tuple((_REFERENCE_KINDS[field.type], title) for title in titles if title)


def _items_value(value: Any, field: Field, draft: _Draft) -> tuple[str, ...]:
    items = _items(value, field.name, draft.reasons)
    draft.references[field.attr] = tuple((kind, title) for kind, title, _ in items)
    return tuple(note for _, _, note in items)


def _outputs_value(value: Any, field: Field, draft: _Draft) -> tuple[Output, ...]:
    return tuple(_outputs(value, field.name, draft.reasons))


def _criteria_value(value: Any, field: Field, draft: _Draft) -> tuple[str, ...]:
    return _short_list(value, field, draft, CRITERION_LENGTH, "each of the criteria")


def _keep(field: Field, parsed: Any, draft: _Draft) -> None:
    """Store a field's value where the page takes it, refusing a second field for the same attribute."""
    if parsed in (None, "", ()):
        return
    target = field.attr or field.type.value
    if target in draft.given:
        draft.reasons.append(f"give {draft.given[target]} or {field.name}, not both")
        return
    draft.given[target] = field.name
    if field.type in (Type.YEAR, Type.PUBLISHED):
        draft.published = parsed
    elif field.type in _REFERENCE_KINDS:
        draft.references[field.attr] = parsed
    elif field.is_list and field.type is not Type.NAMES:
        draft.many[field.attr] = parsed
    else:
        draft.values[field.attr] = parsed


def _read_fields(data: dict[str, Any], draft: _Draft) -> None:
    order = {name: position for position, name in enumerate(data)}
    # Reasons come in the order the record gives its fields.
    for field in sorted(draft.form.fields, key=lambda f: order.get(f.name, len(order))):
        value = data.get(field.name)
        if field.type in (Type.KIND, Type.IGNORED) or _is_empty(value):
            continue
        before = len(draft.reasons)
        parsed = READERS[field.type](value, field, draft)
        if len(draft.reasons) > before:
            draft.refused.add(field.attr or field.name)
        else:
            _keep(field, parsed, draft)


def _check_required(data: dict[str, Any], draft: _Draft) -> None:
    """Fields the kind needs (a fallback fills an empty one first); any kind needs a title and a summary."""
    kind, form, values = draft.kind, draft.form, draft.values
    if kind not in KINDS:
        draft.reasons.extend(
            f"{name} is required" for name in ("title", "summary") if name not in values and name not in draft.refused
        )
        return
    for field in form.fields:
        if field.attr and field.attr not in values and field.fallback and field.fallback in values:
            values[field.attr] = values[field.fallback]
        missing = field.attr not in values and field.attr not in draft.many
        if field.required and field.attr and missing and field.attr not in draft.refused:
            # Name the field people write, as the rest of the format does (a challenge's body, not its attr).
            aliases = [f.name for f in form.fields if f.attr == field.attr and f.name != field.name]
            draft.reasons.append(f"{' or '.join([*aliases, field.name]) if aliases else field.name} is required")
    if form.field("council") and draft.council_id is None and _is_empty(data.get("council")):
        draft.reasons.append(f"council is required for a {_label(kind)}")
    if form.field("centre") and draft.centre_id is None and _is_empty(data.get("centre")):
        draft.reasons.append(f"centre is required for {'an' if kind[0] in 'aeiou' else 'a'} {_label(kind)}")


def _check_across_fields(draft: _Draft) -> None:
    """Rules that read several fields: partners besides the lead, products with their suppliers, dates in order."""
    partners = draft.many.get("partner_councils")
    if partners and draft.council_id in partners:
        draft.many["partner_councils"] = tuple(pk for pk in partners if pk != draft.council_id)
    if draft.product_names or draft.supplier_names:
        if not draft.product_names:
            draft.reasons.append("suppliers are taken from the products: name the products used")
        else:
            products = _products(draft.product_names, draft.supplier_names, draft.reference, draft.reasons)
            draft.many["product_records"] = tuple(products)
    start, end = draft.values.get("start_date"), draft.values.get("end_date")
    if start and end and end < start:
        draft.reasons.append(f"end_date {end} is before start_date {start}")


def _refused_permission(draft: _Draft) -> str:
    """Why the importing person may not publish where the record's page would go."""
    where = draft.form.parent
    if where in ("patterns", "centres"):
        return f"you do not have permission to publish {_label(draft.kind)}s"
    if where == "centre":
        return (
            f"you cannot publish pages for {draft.reference.centre_titles[draft.centre_id]}: "  # type: ignore[index]
            "import content for the regional centres you curate only"
        )
    return (
        f"you cannot publish pages for {draft.reference.council_titles[draft.council_id]}: "  # type: ignore[index]
        "import content for the councils you edit only"
    )


def validate_record(raw: RawRecord, reference: ReferenceData) -> ValidRecord | RejectedRecord:
    if raw.data is None:
        return RejectedRecord(raw.line, (raw.error,))
    reasons: list[str] = []
    kind, form = _kind_and_form(raw.data, reasons)
    draft = _Draft(kind, form, reference, reasons)
    _read_fields(raw.data, draft)
    _check_required(raw.data, draft)
    _check_across_fields(draft)

    title = draft.values.get("title", "")
    slug = draft.values.pop("slug", "") or slugify(title, allow_unicode=True)[:MAX_TITLE_LENGTH]
    # Titles in any script have a slug (Wagtail allows Unicode slugs); "!!!" does not.
    if title and not slug:
        reasons.append("title must contain letters or numbers")
    if kind in KINDS and not reasons and not reference.may_publish_under(draft.parent):
        reasons.append(_refused_permission(draft))

    if reasons:
        return RejectedRecord(raw.line, tuple(reasons))
    return ValidRecord(
        line=raw.line,
        kind=kind,
        title=title,
        slug=slug,
        council_id=draft.council_id if form.parent == "council" else None,
        centre_id=draft.centre_id if form.parent == "centre" else None,
        values=draft.values,
        many=draft.many,
        references=draft.references,
        published=draft.published,
    )


# What each reference field points at.
_REFERENCE_KINDS = {Type.CHALLENGE: "challenge", Type.CASE_STUDY: "case_study", Type.CASE_STUDIES: "case_study"}

_SHARED = ("title", "summary", "council", "service_area", "tags", "year", "published")

# How each type of field is read: its value (None when the reader keeps it on the draft itself, or refuses it).
READERS: dict[Type, Callable[[Any, Field, _Draft], Any]] = {
    Type.LINE: _text_value,
    Type.MARKDOWN: _text_value,
    Type.CHOICE: _choice_value,
    Type.DATE: _date_value,
    Type.LINK: _link_value,
    Type.NUMBER: _number_value,
    Type.YEAR: _year_value,
    Type.PUBLISHED: _published_value,
    Type.SLUG: _slug_value,
    Type.COUNCIL: _council_value,
    Type.CENTRE: _centre_value,
    Type.REGIONS: _regions_value,
    Type.EMAIL: _email_value,
    Type.SERVICE_AREA: _service_area_value,
    Type.COUNCILS: _councils_value,
    Type.TAGS: _tags_value,
    Type.PRODUCTS: _products_value,
    Type.SUPPLIERS: _suppliers_value,
    Type.NAMES: _names_value,
    Type.CHALLENGE: _titles_value,
    Type.CASE_STUDY: _titles_value,
    Type.CASE_STUDIES: _titles_value,
    Type.ITEMS: _items_value,
    Type.OUTPUTS: _outputs_value,
    Type.CRITERIA: _criteria_value,
}


def _resolve(
    record: ValidRecord, reference: ReferenceData, in_file: dict[str, dict[str, list[tuple[int, int | None]]]]
) -> ValidRecord | RejectedRecord:
    """Each title the record points at, as one page of the site or one record of the file."""
    reasons: list[str] = []
    targets: dict[str, tuple[Target, ...]] = {}
    owner = record.council_id or record.centre_id
    for attr, named in record.references.items():
        found: list[Target] = []
        for kind, title in named:
            label = FORMATS[kind].label.lower()
            candidates = [("page", pk, parent) for pk, parent in reference.pages[kind].get(_key(title), [])]
            candidates += [("line", line, parent) for line, parent in in_file[kind].get(_key(title), [])]
            if len(candidates) > 1:
                candidates = [c for c in candidates if c[2] == owner] or candidates
            if not candidates:
                reasons.append(f"no {label} is called '{title}' (give the title of one in the site or in this file)")
            elif len(candidates) > 1:
                reasons.append(f"several {label}s are called '{title}': rename one, or link it after the import")
            else:
                found.append(candidates[0][:2])  # type: ignore[arg-type]
        # A collection's items stay one for one with their notes; other links name each page once.
        targets[attr] = tuple(found) if attr == "items" else tuple(dict.fromkeys(found))
    if reasons:
        return RejectedRecord(record.line, tuple(reasons))
    return dataclasses.replace(record, targets=targets)


_PLACES = {
    "council": "this council",
    "centre": "this regional centre",
    "patterns": "the patterns section",
    "centres": "the regional centres section",
}


def validate_records(
    raws: Iterable[RawRecord], reference: ReferenceData, existing_slugs: Sequence[tuple[Parent, str]] = ()
) -> tuple[list[ValidRecord], list[RejectedRecord]]:
    """Validate every record. A title already used under the same parent (in the site or earlier in the file) is
    rejected, so running the same file twice does not create duplicates. Titles a record points at (a case study's
    challenge, a pattern's evidence) must name one page, in the site or in the file."""
    results: list[ValidRecord | RejectedRecord] = []
    taken = set(existing_slugs)
    for raw in raws:
        result = validate_record(raw, reference)
        if isinstance(result, ValidRecord):
            place = (result.parent, result.slug)
            if place in taken:
                where = _PLACES[result.parent[0]]
                reason = f"a page called '{result.title}' already exists in {where}"
                result = RejectedRecord(result.line, (reason,), exists=True)
            else:
                taken.add(place)
        results.append(result)
    in_file: dict[str, dict[str, list[tuple[int, int | None]]]] = {kind: {} for kind in KINDS}
    for result in results:
        if isinstance(result, ValidRecord):
            owner = result.council_id or result.centre_id
            in_file[result.kind].setdefault(_key(result.title), []).append((result.line, owner))
    valid: list[ValidRecord] = []
    rejected: list[RejectedRecord] = []
    for result in results:
        if isinstance(result, ValidRecord) and result.references:
            result = _resolve(result, reference, in_file)
        (valid if isinstance(result, ValidRecord) else rejected).append(result)  # type: ignore[arg-type]
    return valid, rejected
