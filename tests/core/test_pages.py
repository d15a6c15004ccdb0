"""ContentPage reaches the apps above core only through what they register."""

from __future__ import annotations

from core import pages as content_pages
from tests.factories import content as make


def test_the_owning_council_is_the_ancestor_of_the_type_councils_registers(councils, monkeypatch):
    page = make.challenge(councils["Leeds"], "Missed bin collections")
    assert page.owning_council == councils["Leeds"]
    monkeypatch.setattr(content_pages, "_owner_types", [])
    assert page.owning_council is None  # core alone knows no council


def test_confirming_tells_whoever_listens(councils):
    page = make.challenge(councils["Leeds"], "Missed bin collections")
    heard = []

    def listener(sender: type, page: content_pages.ContentPage, **kwargs: object) -> None:
        heard.append(page.pk)

    content_pages.page_confirmed.connect(listener)
    try:
        page.confirm()
    finally:
        content_pages.page_confirmed.disconnect(listener)
    assert heard == [page.pk]
