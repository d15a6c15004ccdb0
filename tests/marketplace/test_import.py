"""manage.py import_systems: line-numbered errors, and nothing half-imported."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marketplace.models import CouncilSystem, Product, Supplier

pytestmark = pytest.mark.django_db

HEADER = (
    "council,service_area,product,supplier,contract_start,contract_end,annual_cost_band,satisfaction,"
    "integrates_via_open_api,notes,product_open_apis,product_licence\n"
)
GOOD = HEADER + (
    "E08000035,Waste & recycling,BinTrack,Civic Routes Ltd,2022-04-01,2027-03-31,100k_250k,4,yes,,yes,proprietary\n"
    'City of Bristol,housing,Homes360,Tenancy Tech,01/04/2021,31/03/2026,"£50,000 to £100,000",2,no,Slow,no,\n'
    "Cardiff,Waste and recycling,bintrack,civic routes ltd,,,,,,,,\n"
)


def run(tmp_path, text: str) -> tuple[str, str]:
    path = tmp_path / "systems.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_systems", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_register_entries_suppliers_and_products(tmp_path, councils):
    out, _ = run(tmp_path, GOOD)
    assert "3 created, 0 updated, 2 new products" in out
    leeds = CouncilSystem.objects.get(council=councils["Leeds"])
    assert (leeds.product.name, leeds.contract_end, leeds.satisfaction) == ("BinTrack", datetime.date(2027, 3, 31), 4)
    assert leeds.integrates_via_open_api and leeds.product.open_apis
    bristol = CouncilSystem.objects.get(council=councils["City of Bristol"])
    assert (bristol.annual_cost_band, bristol.contract_start) == ("50k_100k", datetime.date(2021, 4, 1))
    # Product and supplier names match case-insensitively: Cardiff uses the same BinTrack.
    assert CouncilSystem.objects.get(council=councils["Cardiff"]).product == leeds.product
    assert Supplier.objects.count() == 2
    assert sorted(a.name for a in leeds.product.service_areas.all()) == ["Waste and recycling"]


def test_reimport_updates_in_place(tmp_path, councils):
    run(tmp_path, GOOD)
    out, _ = run(tmp_path, GOOD.replace("2027-03-31", "2029-03-31"))
    assert "0 created, 3 updated, 0 new products" in out
    assert CouncilSystem.objects.get(council=councils["Leeds"]).contract_end == datetime.date(2029, 3, 31)
    assert CouncilSystem.objects.count() == 3


def test_errors_are_listed_by_line_and_nothing_is_imported(tmp_path, councils):
    bad = GOOD + (
        "Nowhere Council,Housing,X,Y,,,,,,,,\n"
        "Leeds,Waste and recycling,Other,Z,,,,,,,,\n"
        "Southwark,Housing,X,Y,2026-13-01,2025-01-01,cheap,7,maybe,,,\n"
        ",Housing,,Y,,,,,,,,\n"
    )
    path = tmp_path / "systems.csv"
    path.write_text(bad, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_systems", str(path), stdout=StringIO(), stderr=err)
    errors = err.getvalue()
    assert "Line 5: unknown council 'Nowhere Council'" in errors
    assert "Line 6: Leeds City Council and Waste and recycling already appear on line 2" in errors
    assert "Line 7: contract_start: '2026-13-01' is not a date" in errors
    assert "Line 7: unknown annual_cost_band 'cheap'" in errors
    assert "Line 7: satisfaction must be a whole number from 1 to 5, not '7'" in errors
    assert "Line 7: integrates_via_open_api must be yes or no, not 'maybe'" in errors
    assert "Line 8: council is required" in errors and "Line 8: product is required" in errors
    assert not CouncilSystem.objects.exists()
    assert not Product.objects.exists() and not Supplier.objects.exists()


def test_end_before_start_is_an_error(tmp_path, councils):
    with pytest.raises(CommandError):
        run(tmp_path, HEADER + "Leeds,Housing,X,Y,2026-01-01,2025-01-01,,,,,,\n")
    assert not CouncilSystem.objects.exists()


def test_missing_columns_are_reported_on_line_one(tmp_path, councils):
    err = StringIO()
    path = tmp_path / "systems.csv"
    path.write_text("council,product\nLeeds,X\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_systems", str(path), stdout=StringIO(), stderr=err)
    assert "Line 1: missing column(s): service_area, supplier" in err.getvalue()


def test_missing_file_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_systems", str(tmp_path / "absent.csv"))


def test_cells_beyond_the_header_reject_the_row_rather_than_vanish(tmp_path, councils):
    """An unquoted comma in a note used to cut the note short, and the command still said it had imported."""
    bad = HEADER + "Leeds,Housing,X,Y,,,,,,Works well, mostly,,\n" + "Cardiff,Housing,X,Y,,,,5\x01,,,,\n"
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_systems", str(_write(tmp_path, bad)), stdout=StringIO(), stderr=err)
    assert "Line 2: this row has more cells than the header has columns" in err.getvalue()
    assert "Line 3: satisfaction must not contain control characters: remove U+0001" in err.getvalue()
    assert not CouncilSystem.objects.exists()


def test_satisfaction_in_unicode_digits_is_refused(tmp_path, councils):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_systems",
            str(_write(tmp_path, HEADER + "Leeds,Housing,X,Y,,,,²,,,,\n")),
            stdout=StringIO(),
            stderr=err,
        )
    assert "Line 2: satisfaction must be a whole number from 1 to 5, not '²'" in err.getvalue()


def _write(tmp_path, text: str):
    path = tmp_path / "systems.csv"
    path.write_text(text, encoding="utf-8")
    return path
