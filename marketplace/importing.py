"""Import a council systems register from a spreadsheet (CSV): validate every row, then write all or nothing."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from core.numbers import parse_whole_number
from core.text import clean_text
from councils.models import CouncilPage, ServiceArea
from marketplace.models import CostBand, CouncilSystem, Licence, Product, Supplier

REQUIRED_COLUMNS = ("council", "service_area", "product", "supplier")
OPTIONAL_COLUMNS = (
    "contract_start",
    "contract_end",
    "annual_cost_band",
    "satisfaction",
    "integrates_via_open_api",
    "notes",
    "product_open_apis",
    "product_licence",
)
MULTILINE_COLUMNS = ("notes",)
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


class ImportFailed(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) found; nothing was imported")
        self.errors = errors


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    new_products: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    council: CouncilPage
    service_area: ServiceArea
    supplier_name: str
    product_name: str
    product_open_apis: bool | None
    product_licence: str
    values: dict[str, object]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("&", "and")).strip().casefold()


def _parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date; use YYYY-MM-DD or DD/MM/YYYY")


def _parse_yes_no(text: str, column: str) -> bool:
    value = text.strip().casefold()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(f"{column} must be yes or no, not '{text}'")


class _Lookups:
    def __init__(self) -> None:
        self.councils: dict[str, CouncilPage] = {}
        for council in CouncilPage.objects.all():
            for key in (council.gss_code, council.title, council.short_name):
                self.councils.setdefault(_normalise(key), council)
        self.areas = {_normalise(a.name): a for a in ServiceArea.objects.all()}
        self.areas.update({_normalise(a.slug.replace("-", " ")): a for a in ServiceArea.objects.all()})
        self.bands = {_normalise(v): v for v in CostBand.values}
        self.bands.update({_normalise(label): value for value, label in CostBand.choices})


# Each check reports a problem through this, which adds the row's line number.
_Fail = Callable[[str], None]


def _cells(raw: dict[str, str], fail: _Fail) -> dict[str, str]:
    """Every known column's text, cleaned and stripped ("" when absent or refused)."""
    text: dict[str, str] = {}
    for column, value in raw.items():
        try:
            # The model layer's rule (core/text.py), here so the message can name the line.
            text[column] = clean_text(value or "", label=column, one_line=column not in MULTILINE_COLUMNS)
        except ValidationError as error:
            fail(error.messages[0])
    return {key: (text.get(key) or "").strip() for key in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}


def _contract_dates(cells: dict[str, str], fail: _Fail) -> dict[str, datetime.date | None]:
    dates: dict[str, datetime.date | None] = {}
    for column in ("contract_start", "contract_end"):
        try:
            dates[column] = _parse_date(cells[column])
        except ValueError as error:
            fail(f"{column}: {error}")
    start, end = dates.get("contract_start"), dates.get("contract_end")
    if start and end and end < start:
        fail("contract_end is before contract_start")
    return dates


def _cost_band(cells: dict[str, str], lookups: _Lookups, fail: _Fail) -> str:
    if not cells["annual_cost_band"]:
        return ""
    band = lookups.bands.get(_normalise(cells["annual_cost_band"]), "")
    if not band:
        fail(f"unknown annual_cost_band '{cells['annual_cost_band']}'")
    return band


def _satisfaction(cells: dict[str, str], fail: _Fail) -> int | None:
    if not cells["satisfaction"]:
        return None
    satisfaction = parse_whole_number(cells["satisfaction"], low=1, high=5)
    if satisfaction is None:
        fail(f"satisfaction must be a whole number from 1 to 5, not '{cells['satisfaction']}'")
    return satisfaction


def _yes_no_flags(cells: dict[str, str], fail: _Fail) -> dict[str, bool | None]:
    flags: dict[str, bool | None] = {}
    for column in ("integrates_via_open_api", "product_open_apis"):
        try:
            flags[column] = _parse_yes_no(cells[column], column) if cells[column] else None
        except ValueError as error:
            fail(str(error))
    return flags


def _licence(cells: dict[str, str], fail: _Fail) -> str:
    if not cells["product_licence"]:
        return ""
    licences = {_normalise(label): value for value, label in Licence.choices} | {v: v for v in Licence.values}
    licence = licences.get(_normalise(cells["product_licence"]), "")
    if not licence:
        fail(f"product_licence must be proprietary or open source, not '{cells['product_licence']}'")
    return licence


def _validate_row(line: int, raw: dict[str, str], lookups: _Lookups) -> tuple[_Row | None, list[str]]:
    errors: list[str] = []

    def fail(message: str) -> None:
        errors.append(f"Line {line}: {message}")

    if None in raw:
        # csv.DictReader puts cells beyond the header under None: dropping them would cut a note short silently.
        fail("this row has more cells than the header has columns (put a value that contains commas in double quotes)")
        return None, errors
    cells = _cells(raw, fail)
    for column in REQUIRED_COLUMNS:
        if not cells[column]:
            fail(f"{column} is required")
    council = lookups.councils.get(_normalise(cells["council"])) if cells["council"] else None
    if cells["council"] and council is None:
        fail(f"unknown council '{cells['council']}' (use its GSS code or name)")
    area = lookups.areas.get(_normalise(cells["service_area"])) if cells["service_area"] else None
    if cells["service_area"] and area is None:
        fail(f"unknown service area '{cells['service_area']}'")
    dates = _contract_dates(cells, fail)
    band = _cost_band(cells, lookups, fail)
    satisfaction = _satisfaction(cells, fail)
    flags = _yes_no_flags(cells, fail)
    licence = _licence(cells, fail)
    if errors or council is None or area is None:
        return None, errors
    values: dict[str, object] = {
        "contract_start": dates["contract_start"],
        "contract_end": dates["contract_end"],
        "annual_cost_band": band,
        "satisfaction": satisfaction,
        "integrates_via_open_api": bool(flags.get("integrates_via_open_api")),
        "notes": cells["notes"],
    }
    row = _Row(
        line, council, area, cells["supplier"], cells["product"], flags.get("product_open_apis"), licence, values
    )
    return row, []


def validate(text: str) -> list[_Row]:
    """Check every row; raise ImportFailed listing every problem with its line number (the header is line 1)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [(h or "").strip().casefold() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        raise ImportFailed([f"Line 1: missing column(s): {', '.join(missing)}"])
    reader.fieldnames = headers
    lookups = _Lookups()
    rows: list[_Row] = []
    errors: list[str] = []
    seen: dict[tuple[int, int], int] = {}
    for raw in reader:
        line = reader.line_num
        row, row_errors = _validate_row(line, raw, lookups)
        errors.extend(row_errors)
        if row is None:
            continue
        key = (row.council.pk, row.service_area.pk)
        if key in seen:
            errors.append(
                f"Line {line}: {row.council.title} and {row.service_area.name} already appear on line {seen[key]}"
            )
            continue
        seen[key] = line
        rows.append(row)
    if not rows and not errors:
        errors.append("Line 2: the file has no rows")
    if errors:
        raise ImportFailed(errors)
    return rows


@transaction.atomic
def apply(rows: list[_Row]) -> ImportSummary:
    """Write validated rows in one transaction: suppliers and products are created as needed."""
    summary = ImportSummary()
    suppliers: dict[str, Supplier] = {}
    for row in rows:
        key = _normalise(row.supplier_name)
        if key not in suppliers:
            suppliers[key] = Supplier.objects.filter(name__iexact=row.supplier_name).first() or Supplier.objects.create(
                name=row.supplier_name
            )
        supplier = suppliers[key]
        product = Product.objects.filter(supplier=supplier, name__iexact=row.product_name).first()
        if product is None:
            product = Product.objects.create(
                supplier=supplier,
                name=row.product_name,
                open_apis=bool(row.product_open_apis),
                licence=row.product_licence or Licence.PROPRIETARY,
            )
            summary.new_products.append(str(product))
        product.service_areas.add(row.service_area)
        _, created = CouncilSystem.objects.update_or_create(
            council=row.council, service_area=row.service_area, defaults={"product": product, **row.values}
        )
        if created:
            summary.created += 1
        else:
            summary.updated += 1
    return summary


def import_file(path: Path) -> ImportSummary:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed([f"The file is not UTF-8 text ({error.reason}); save it as CSV UTF-8"]) from error
    return apply(validate(text))
