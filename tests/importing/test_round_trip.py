"""Done when: the open-data case studies CSV re-imports through the admin into an empty site with every field equal.

The columns compared are the ones the export writes (read from its header row), so a column added to the export is
compared too, and fails here until the importer reads it.
"""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.models import CaseStudyPage
from search.indexing import drain_queue
from tests.factories import open_content
from tests.factories.marketplace import ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db

# A page id is the database's own, so it cannot survive a move to another site; every other column must.
SITE_SPECIFIC = {"id"}


def _export(client) -> tuple[list[str], list[dict[str, str]], bytes]:
    response = client.get("/api/v1/case-studies.csv")
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    reader = csv.DictReader(io.StringIO(data.decode()))
    rows = sorted(reader, key=lambda row: row["title"])
    return list(reader.fieldnames or []), rows, data


def _noon(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_the_case_studies_csv_reimports_through_the_admin_with_every_field_equal(
    client, councils, run_tasks, superuser
):
    leeds, bristol, cardiff = councils["Leeds"], councils["City of Bristol"], councils["Cardiff"]
    binsense, civic = SupplierFactory(name="Binsense Ltd"), SupplierFactory(name="Civic Software")
    roundsight = ProductFactory(name="RoundSight", supplier=binsense)
    # Two suppliers sell a product of one name: the export writes the name once and both suppliers.
    portals = [ProductFactory(name="Portal", supplier=binsense), ProductFactory(name="Portal", supplier=civic)]
    open_content.case_study(
        leeds,
        "Bin sensor pilot",
        product_records=[roundsight],
        also_mentioned="In-house data team, Leeds Beckett University",
        summary="Fill-level sensors let crews skip empty bins.",
        partner_councils=[bristol, cardiff],
        stage="live",
        evidence_strength="measured",
        money_saved_per_year=120_000,
        staff_hours_saved_per_year=900,
        residents_reached=40_000,
        cost_pounds=35_000,
        start_date=datetime.date(2022, 4, 1),
        end_date=datetime.date(2023, 3, 31),
        first_published_at=_noon(2023, 6, 14),
    )
    open_content.case_study(
        bristol,
        "Damp reports triage",
        summary="=Triage damp reports by risk to health",  # a formula-like start, escaped by the export
        service_area=open_content.service_area("Housing"),
        product_records=portals,
        stage="beta",
        evidence_strength="independently_evaluated",
        first_published_at=_noon(2021, 11, 2),
    )
    drain_queue()
    columns, before, data = _export(client)
    assert len(before) == 2
    assert [(row["products"], row["suppliers"], row["also_mentioned"]) for row in before] == [
        ("RoundSight", "Binsense Ltd", "In-house data team; Leeds Beckett University"),
        ("Portal", "Binsense Ltd; Civic Software", ""),
    ]

    # An empty site: the councils and reference lists stay; the content goes.
    for page in CaseStudyPage.objects.all():
        page.delete()
    drain_queue()
    assert _export(client)[1] == []

    client.force_login(superuser)
    checked = client.post("/admin/import-content/", {"file": SimpleUploadedFile("case-studies.csv", data)})
    assert checked.status_code == 200, checked.context["result"].rejected
    assert not CaseStudyPage.objects.exists()  # the check wrote nothing
    confirmed = client.post("/admin/import-content/confirm/", {"token": checked.context["token"]})
    assert confirmed.status_code == 302 and run_tasks() == 1
    assert CaseStudyPage.objects.filter(live=True).count() == 2
    # The apostrophe the export puts before a formula-like start is the export's, not the text's.
    assert CaseStudyPage.objects.get(title="Damp reports triage").summary.startswith("=Triage")
    assert set(CaseStudyPage.objects.get(title="Damp reports triage").product_records.all()) == set(portals)
    assert CaseStudyPage.objects.get(title="Bin sensor pilot").also_mentioned == (
        "In-house data team, Leeds Beckett University"
    )
    drain_queue()
    client.logout()

    after_columns, after, _ = _export(client)
    assert after_columns == columns
    for column in columns:
        if column in SITE_SPECIFIC:
            continue
        assert [row[column] for row in after] == [row[column] for row in before], column
