"""Real published, indexed pages for search page/API tests, made through the import service (the real write path)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from importing.parsing import RawRecord
from importing.validation import ReferenceData, validate_records
from importing.writing import write_records
from search.indexing import drain_queue

CORPUS: list[dict[str, Any]] = [
    {
        "kind": "challenge",
        "title": "Missed bin collections in narrow streets",
        "summary": "Crews cannot reach bins on narrow terraced streets, so waste is left uncollected.",
        "body": "Refuse lorries cannot turn in narrow streets. Residents report missed collections every week.",
        "council": "Leeds",
        "service_area": "Waste and recycling",
        "stage": "open",
        "year": 2023,
        "tags": ["bins", "access"],
    },
    {
        "kind": "case_study",
        "title": "Sensor-led bin collection routes",
        "summary": "Fill-level sensors let waste crews skip empty bins.",
        "body": "We fitted sensors to 400 communal bins and planned collection routes from their readings.",
        "council": "Bristol",
        "partner_councils": ["Leeds"],
        "service_area": "Waste and recycling",
        "stage": "beta",
        "year": 2021,
        "tags": ["sensors", "bins"],
    },
    {
        "kind": "case_study",
        "title": "Food waste recycling in flats",
        "summary": "Communal food waste caddies raised recycling rates in tower blocks.",
        "body": "Residents in flats had no food waste collection. We trialled communal caddies.",
        "council": "Southwark",
        "service_area": "Waste and recycling",
        "stage": "live",
        "year": 2024,
        "tags": ["food waste"],
    },
    {
        "kind": "pattern",
        "title": "Report a missed bin",
        "summary": "Residents need to tell the council a bin collection was missed.",
        "body": "Ask for the address first, then the bin type, then check the collection calendar.",
        "stage": "recommended",
        "service_area": "Waste and recycling",
        "year": 2022,
    },
    {
        "kind": "challenge",
        "title": "Damp and mould in council homes",
        "summary": "Tenants report damp and mould faster than surveyors can visit.",
        "body": "We need a way to triage damp and mould reports by risk to health.",
        "council": "Cardiff",
        "service_area": "Housing",
        "stage": "being worked on",
        "year": 2024,
        "tags": ["damp"],
    },
    {
        "kind": "case_study",
        "title": "Booking SEND home to school transport",
        "summary": "Parents book special educational needs transport online.",
        "body": "An online booking form replaced paper forms for SEND transport.",
        "council": "Cambridgeshire",
        "service_area": "Children's services and SEND",
        "stage": "alpha",
        "year": 2020,
        "tags": ["transport"],
    },
]


def publish(records: list[dict[str, Any]]) -> dict[str, Page]:
    """Publish the records as pages and apply the index queue. Returns the pages keyed by title."""
    raws = [RawRecord(line, data) for line, data in enumerate(records, start=1)]
    valid, rejected = validate_records(raws, ReferenceData())
    assert not rejected, [str(r) for r in rejected]
    pages = write_records(valid)
    # Tests run inside one transaction, so on_commit never fires: apply the queue the signals filled.
    drain_queue()
    return {page.title: page for page in pages}


def publish_corpus() -> dict[str, Page]:
    return publish(CORPUS)
