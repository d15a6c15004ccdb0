"""Pattern pages and the pattern listing show every structured field."""

from __future__ import annotations

import pytest

from search.indexing import drain_queue
from tests.factories import content as make


@pytest.mark.django_db
def test_pattern_page_shows_all_its_fields(client, councils):
    study = make.case_study(councils["Leeds"], "Text alerts for missed bins")
    pattern = make.pattern("Tell residents about missed bins", evidence=[study])

    html = client.get(pattern.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        "Tell residents about missed bins",
        "Recommended",
        "Waste and recycling",
        "Residents find out late.",
        "Message them the same day.",
        "When to use this pattern",
        "You have in-cab devices.",
        "When not to use this pattern",
        "You cannot return the same week.",
        "Text alerts for missed bins",
        "independently evaluated evidence",
        "Last confirmed:",
        "bins",
    ):
        assert text in html, text


@pytest.mark.django_db
def test_pattern_evidence_leaves_out_draft_case_studies(client, councils):
    draft = make.case_study(councils["Leeds"], "Unpublished write-up", state="draft")
    pattern = make.pattern("A pattern", evidence=[draft])
    html = client.get(pattern.url).content.decode()
    assert "Unpublished write-up" not in html
    assert "No case studies are linked as evidence yet." in html


@pytest.mark.django_db
def test_pattern_listing_filters_by_maturity(client, home):
    make.pattern("Standard one", maturity="standard")
    make.pattern("Proposed one", maturity="proposed")
    drain_queue()  # listing filters are answered by the search index, updated after commit
    html = client.get("/patterns/?maturity=standard").content.decode()
    assert "Standard one" in html
    assert "Proposed one" not in html
