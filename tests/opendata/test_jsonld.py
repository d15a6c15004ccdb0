"""schema.org JSON-LD: for live, public pages only, built from the published version, safe inside <script>."""

from __future__ import annotations

import json
import re

import pytest
from django.template import Context, Template

from core.links import page_url
from tests.factories import content as make

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'^<script type="application/ld\+json">(.*)</script>$', re.S)


def render(page) -> str:
    return Template("{% load opendata_tags %}{% jsonld page %}").render(Context({"page": page}))


def jsonld(page) -> dict:
    match = SCRIPT.match(render(page))
    assert match, render(page)
    return json.loads(match.group(1))


def test_case_study_jsonld(world):
    data = jsonld(world["case_study"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["name"] == "Bin sensor pilot"
    assert data["url"] == page_url(world["case_study"])
    assert data["publisher"]["name"] == world["leeds"].title
    assert data["publisher"]["identifier"]["value"] == world["leeds"].gss_code
    assert data["about"] == "Waste and recycling"
    assert data["datePublished"] == world["case_study"].first_published_at.date().isoformat()


def test_each_kind_has_a_schema_type(world):
    assert jsonld(world["challenge"])["@type"] == "CreativeWork"
    assert jsonld(world["pattern"])["@type"] == "HowTo"
    assert jsonld(world["experiment"])["@type"] == "ResearchProject"
    assert jsonld(world["experiment"])["publisher"]["name"] == "Yorkshire innovation centre"
    assert jsonld(world["collection"])["@type"] == "Collection"
    council = jsonld(world["leeds"])
    assert council["@type"] == "GovernmentOrganization"
    assert council["identifier"]["value"] == world["leeds"].gss_code


@pytest.mark.parametrize("key", ["draft", "unpublished", "private", "under_private", "cardiff"])
def test_no_jsonld_for_non_public_pages(world, key):
    assert render(world[key]) == ""


def test_preview_of_unpublished_changes_shows_only_the_published_version(world):
    page = type(world["challenge"]).objects.get(pk=world["challenge"].pk)  # the shared object stays untouched
    page.title = "Unpublished new title"
    page.save_revision()  # a draft revision, as a preview would render
    data = jsonld(page)
    assert data["name"] == "Missed bin collections"
    assert "Unpublished" not in json.dumps(data)


def test_jsonld_cannot_break_out_of_the_script_element(world):
    page = make.challenge(world["leeds"], "Bins </script><script>alert(1)</script> & more")
    html = render(page)
    assert html.count("</script>") == 1
    assert "<script>alert" not in html
    assert jsonld(page)["name"] == "Bins </script><script>alert(1)</script> & more"


def test_nothing_for_objects_that_are_not_pages():
    assert render(None) == ""
    assert render("a string") == ""


def test_page_head_carries_the_jsonld(client, world):
    html = client.get(world["case_study"].url).content.decode()
    head = html.split("</head>")[0]
    assert '<script type="application/ld+json">' in head
    assert '"@type": "Report"' in head
