"""The "related content" panel on challenge, case study and pattern pages (engine.related via a template tag)."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from wagtail.models import Page

from search.indexing import drain_queue
from tests.factories.search_corpus import publish_corpus


@pytest.fixture
def corpus(councils) -> dict[str, Page]:
    return publish_corpus()


def related_titles(html: str) -> list[str]:
    panel = html.split('id="related-content-heading"', 1)
    if len(panel) == 1:
        return []
    return re.findall(r'<a class="govuk-link" href="[^"]*">([^<]+)</a>', panel[1].split("</aside>", 1)[0])


@pytest.mark.parametrize(
    "title", ["Sensor-led bin collection routes", "Missed bin collections in narrow streets", "Report a missed bin"]
)
def test_each_page_type_shows_related_content(client: Client, corpus, title):
    html = client.get(corpus[title].url).content.decode()

    related = related_titles(html)
    assert related, "no related content panel"
    assert title not in related
    assert set(related) & {
        "Sensor-led bin collection routes",
        "Missed bin collections in narrow streets",
        "Report a missed bin",
        "Food waste recycling in flats",
    }


def test_unpublished_pages_are_not_related(client: Client, corpus):
    corpus["Missed bin collections in narrow streets"].unpublish()
    drain_queue()

    html = client.get(corpus["Sensor-led bin collection routes"].url).content.decode()

    assert "Missed bin collections in narrow streets" not in related_titles(html)


def test_nothing_for_a_page_that_is_not_live(corpus):
    page = corpus["Report a missed bin"]
    page.live = False  # e.g. a draft preview

    html = Template("{% load search_tags %}{% related_content page %}").render(Context({"page": page}))

    assert html.strip() == ""
