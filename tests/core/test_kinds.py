"""One declaration per kind of content (core/kinds.py): every list of kinds is read from it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Page

from challenges import before_you_start
from core import kinds
from following import feeds
from following.templatetags import following_tags
from importing import fields as importing
from opendata import jsonld, serializers
from opendata import kinds as opendata_kinds
from pagecache import cache as caching
from sandbox_site import site_tree
from sandbox_site.templatetags import site_tags
from search import forms, types
from tests.factories.search_corpus import publish_corpus
from upkeep import services as upkeep


def _names(flag: str) -> tuple[str, ...]:
    return tuple(kind.name for kind in kinds.REGISTRY if getattr(kind, flag))


def test_every_model_the_registry_names_exists():
    for kind in kinds.REGISTRY:
        assert issubclass(kind.model, Page) == kind.page, kind.name
        if kind.index_model_label:
            assert issubclass(apps.get_model(kind.index_model_label), Page), kind.name
    assert len({kind.plural_slug for kind in kinds.REGISTRY}) == len(kinds.REGISTRY)


def test_each_consumer_reads_its_subset_of_the_registry():
    assert types.KINDS == kinds.NAMES
    assert _names("page") == types.PAGE_KINDS and "system" not in types.PAGE_KINDS
    assert {kind.name: kind.label for kind in kinds.REGISTRY} == forms.KIND_LABELS
    assert tuple(opendata_kinds.KINDS) == _names("open_data")
    assert _names("feed") == feeds.FEED_KINDS
    assert tuple(kinds.BY_NAME[name].model_label for name in _names("reminded")) == upkeep.REMINDED_TYPES
    content_formats = {name: form for name, form in importing.FORMATS.items() if name in kinds.BY_NAME}
    assert _names("importable") == tuple(content_formats)
    assert set(importing.FORMATS) - set(content_formats) == {"regional_centre"}  # a page, not a kind of content
    assert {name: form.model._meta.label for name, form in content_formats.items()} == {
        name: kinds.BY_NAME[name].model_label for name in content_formats
    }
    assert before_you_start.SIMILAR_KINDS == _names("similar") == tuple(before_you_start.KIND_HEADINGS)
    assert set(caching.CONTENT_APPS) >= {kind.app_label for kind in kinds.REGISTRY}
    assert {
        kind.index_model_label: kind.plural_slug for kind in kinds.REGISTRY if kind.index_model_label and kind.feed
    } == following_tags.INDEX_FEEDS


def test_every_open_data_kind_has_its_fields_and_schema_org_type():
    assert set(serializers.KIND_FIELDS) == set(jsonld.SCHEMA_TYPES) == set(_names("open_data"))


def test_the_section_pages_are_the_kinds_with_a_section_then_regional_centres():
    sections = [(page_class._meta.label, title, slug) for page_class, title, slug in site_tree.SECTIONS]
    expected = [(kind.index_model_label, kind.plural_label, kind.plural_slug) for kind in kinds.sections()]
    assert sections[:-1] == expected and sections[-1][2] == "regional-centres"
    assert [slug for _, _, slug in sections[:2]] == ["councils", "challenges"]  # Home lists councils first
    # A challenge lives under its council in the tree but belongs, in the header, to the challenges section.
    assert site_tags.SECTION_OF_PAGE_TYPE["ChallengePage"] == "/challenges/"
    assert set(site_tags.SECTION_OF_PAGE_TYPE.values()) == {f"/{kind.plural_slug}/" for kind in kinds.sections()}


def test_the_search_page_shows_the_registry_label_of_a_kind(client: Client, councils, monkeypatch: pytest.MonkeyPatch):
    publish_corpus()
    monkeypatch.setitem(kinds.LABELS, "challenge", "Problem shared by councils")
    html = client.get("/search/", {"kind": "challenge"}).content.decode()
    assert "Problem shared by councils" in html
