"""Where a write-up comes from: the "source" link is imported, shown on the page, published in the open data and
JSON-LD, and a demonstration site labels every write-up without one as invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from challenges.models import CaseStudyPage
from importing.template import json_schema
from tests.opendata.test_jsonld import jsonld

pytestmark = pytest.mark.django_db

SOURCE = "https://www.localdigital.gov.uk/funded-project/digital-waste-service/"
RECORD = {
    "kind": "case_study",
    "title": "Digital waste service on low-code components",
    "summary": "Resident bin requests flow straight into the back office.",
    "body": "A beta of a low-code waste platform.",
    "council": "Leeds",
    "source": SOURCE,
}


def _import(tmp_path: Path, *records: dict) -> None:
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    call_command("import_content", str(path), verbosity=0)


def test_import_keeps_the_source_link_and_the_page_shows_it(councils, tmp_path, client, settings):
    settings.DEMO_NOTICE = True
    _import(tmp_path, RECORD)
    page = CaseStudyPage.objects.get(title=RECORD["title"])
    assert page.source_url == SOURCE

    html = client.get(page.url).content.decode()

    assert f'href="{SOURCE}"' in html and 'data-testid="source"' in html
    assert 'data-testid="demo-data"' not in html  # a real write-up is never labelled invented


@pytest.mark.parametrize(
    "source",
    ["javascript:alert(1)", "www.example.org/no-scheme", "https://example.org/\x00", "https://" + "a" * 600 + ".org"],
)
def test_a_source_that_is_not_a_web_address_is_refused(councils, tmp_path, source):
    with pytest.raises(CommandError):
        _import(tmp_path, {**RECORD, "source": source})
    assert not CaseStudyPage.objects.filter(title=RECORD["title"]).exists()


def test_a_demonstration_site_labels_write_ups_without_a_source(councils, tmp_path, client, settings):
    _import(tmp_path, {k: v for k, v in RECORD.items() if k != "source"})
    page = CaseStudyPage.objects.get(title=RECORD["title"])

    settings.DEMO_NOTICE = True
    shown = client.get(page.url).content.decode()
    settings.DEMO_NOTICE = False
    live = client.get(page.url).content.decode()

    assert 'data-testid="demo-data"' in shown and 'data-testid="demo-notice"' in shown
    assert 'data-testid="demo-data"' not in live and 'data-testid="demo-notice"' not in live


def test_open_data_and_jsonld_carry_the_source(councils, tmp_path, client):
    _import(tmp_path, RECORD)
    page = Page.objects.get(title=RECORD["title"]).specific

    detail = client.get(f"/api/v1/case-studies/{page.pk}/").json()

    assert detail["source"] == SOURCE
    assert jsonld(page)["isBasedOn"] == SOURCE


def test_the_json_schema_describes_the_source_as_a_web_address():
    schema = json_schema()
    case_study = next(s for s in schema["oneOf"] if s["properties"]["kind"]["const"] == "case_study")
    assert case_study["properties"]["source"]["pattern"] == "^https?://"
