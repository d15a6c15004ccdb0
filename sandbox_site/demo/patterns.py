"""Reusable patterns and service standards, with case studies as evidence."""

# ruff: noqa: E501 - demo prose is data, kept one field per line rather than re-wrapped.

from __future__ import annotations

from datetime import date
from typing import Any

from challenges.models import CaseStudyPage
from patterns.models import PatternPage
from sandbox_site.demo.base import DemoContext

PATTERNS: list[dict[str, Any]] = [
    {
        "slug": "proactive-bin-collection-alerts", "title": "Tell residents when their bin collection is missed",
        "area": "Waste and recycling", "maturity": "recommended", "published": date(2025, 10, 1),
        "confirmed": date(2026, 9, 30), "evidence": [("Leeds", "bin-collection-text-alerts"),
                                                     ("Hackney", "open-source-waste-platform")],
        "tags": ["bins", "bin collections", "notifications", "waste"],
        "summary": "Crews record why a bin was not emptied, and residents are told the same day by text or email.",
        "problem": "Residents find out about missed bin collections late and call to report them.",
        "solution": "Give crews a short list of reasons on their in-cab device. Send a message to affected "
        "households within an hour, saying why and what happens next.",
        "when": "- You have in-cab devices or can add them\n- Missed collections are a top reason for calls",
        "when_not": "Do not send messages you cannot act on: if there is no return visit, say so plainly.",
    },
    {
        "slug": "recycling-contamination-feedback", "title": "Feedback on contaminated recycling at the kerbside",
        "area": "Waste and recycling", "maturity": "piloted", "published": date(2026, 1, 12),
        "confirmed": date(2026, 6, 15), "evidence": [("City of Bristol", "recycling-feedback-tags")],
        "tags": ["recycling", "behaviour change"],
        "summary": "Crews explain what was wrong with a recycling box, in pictures, instead of leaving it without a word.",
        "problem": "Households repeat the same recycling mistakes because nobody tells them what they were.",
        "solution": "A tag with pictures of the eight commonest mistakes, ticked by the crew. Follow up repeat cases.",
        "when": "Contamination is above 10% and you can change crew routines.",
        "when_not": "Where crews have no time on the round to tag boxes.",
    },
    {
        "slug": "report-a-problem-on-a-map", "title": "Report a problem with a map pin and a photo",
        "area": "Highways and transport", "maturity": "standard", "published": date(2024, 2, 5),
        "confirmed": date(2026, 2, 1), "evidence": [("Nottingham", "report-a-pothole"),
                                                    ("Newcastle upon Tyne", "fly-tipping-cameras")],
        "tags": ["reporting", "maps", "potholes", "fly-tipping"],
        "summary": "Ask for a location on a map first, then a photo, then a description.",
        "problem": "Street problems reported in words are hard to find.",
        "solution": "Start the form with a map centred on the user's location. Make the photo optional but easy.",
        "when": "Potholes, fly-tipping, streetlights, graffiti and other street problems.",
        "when_not": "For problems inside a home, such as repairs, use an address instead.",
    },
    {
        "slug": "damp-and-mould-risk-triage", "title": "Find damp and mould risk from repairs data",
        "area": "Housing", "maturity": "piloted", "published": date(2025, 7, 7), "confirmed": date(2026, 10, 1),
        "evidence": [("Southwark", "damp-mould-triage")], "tags": ["housing", "damp and mould", "data"],
        "summary": "Score homes for damp and mould risk and inspect the highest-risk homes first.",
        "problem": "Tenants often do not report damp and mould until it is serious.",
        "solution": "Combine repairs history and property data into a simple, explainable score. Review it yearly.",
        "when": "You hold several years of repairs data linked to property references.",
        "when_not": "Never use the score to refuse an inspection someone has asked for.",
    },
    {
        "slug": "automatic-award-from-existing-data", "title": "Award support automatically from data you already hold",
        "area": "Council tax and benefits", "maturity": "recommended", "published": date(2024, 9, 16),
        "confirmed": date(2025, 11, 3), "evidence": [("Birmingham", "automatic-council-tax-reduction")],
        "tags": ["benefits", "council tax", "automation", "cost of living"],
        "summary": "Treat data from another service as a claim, so people get what they are entitled to without a form.",
        "problem": "Separate claim forms stop eligible people getting support.",
        "solution": "Change scheme rules so a notification from Universal Credit or housing benefit counts as a claim.",
        "when": "Council tax reduction, free school meals, discretionary support.",
        "when_not": "Where the data does not show eligibility reliably.",
    },
    {
        "slug": "independent-travel-training", "title": "Independent travel training for young people with SEND",
        "area": "Children's services and SEND", "maturity": "recommended", "published": date(2025, 3, 3),
        "confirmed": date(2026, 8, 20), "evidence": [("Cambridgeshire", "independent-travel-training")],
        "tags": ["SEND", "transport", "independence"],
        "summary": "One-to-one training so young people with SEND can travel by public transport safely.",
        "problem": "Single-occupancy taxis are costly and do not build independence.",
        "solution": "Offer trained, one-to-one support over several weeks, agreed with the family and school.",
        "when": "Young people whose plans include preparing for adulthood.",
        "when_not": "Where it is not safe or the family does not agree.",
    },
    {
        "slug": "bilingual-by-default", "title": "Design Welsh and English content together",
        "area": "Customer contact", "maturity": "proposed", "published": date(2026, 5, 4),
        "confirmed": date(2026, 5, 30), "evidence": [("Cardiff", "welsh-first-forms")],
        "tags": ["Welsh language", "content design", "forms"],
        "summary": "Write and test both languages at the same time rather than translating at the end.",
        "problem": "Translated forms launch late and work less well.",
        "solution": "Pair content designers for each language from the start; test both versions with users.",
        "when": "Any service in Wales, and any council serving a large community in another language.",
        "when_not": "",
    },
    {
        "slug": "trusted-assessor", "title": "One trusted assessment for hospital discharge",
        "area": "Adult social care", "maturity": "standard", "published": date(2024, 5, 27),
        "confirmed": date(2026, 7, 7), "evidence": [("Manchester", "trusted-assessor-discharge")],
        "tags": ["adult social care", "hospital discharge", "NHS"],
        "summary": "Care providers agree to accept one assessment, done at home, instead of each doing their own.",
        "problem": "Repeated assessments keep people in hospital.",
        "solution": "Agree a shared assessment with providers and train trusted assessors to carry it out.",
        "when": "Discharge to assess, reablement and home care.",
        "when_not": "Complex nursing needs may still need a specialist assessment.",
    },
    {
        "slug": "book-bulky-waste-online", "title": "Book and pay for a bulky waste collection online",
        "area": "Waste and recycling", "maturity": "recommended", "published": date(2025, 11, 24),
        "confirmed": date(2026, 4, 18), "evidence": [("Belfast", "online-bulky-waste-booking"),
                                                     ("Hackney", "open-source-waste-platform")],
        "tags": ["bulky waste", "booking", "payments", "bins"],
        "summary": "Show available dates, take the items list, then take payment: all online.",
        "problem": "Phone-only bookings cause queues and errors.",
        "solution": "An online booking linked to crew schedules, with payment at the end.",
        "when": "Any chargeable collection.",
        "when_not": "Keep a phone route for people who cannot use the online service.",
    },
    {
        "slug": "publish-bin-collection-days", "title": "Publish bin collection days as open data",
        "area": "Data and technology", "maturity": "proposed", "published": date(2026, 7, 20),
        "confirmed": date(2026, 7, 20), "evidence": [], "tags": ["open data", "bins", "bin collections"],
        "summary": "Publish every property's collection days in a standard format so apps and assistants can use them.",
        "problem": "Every council publishes bin collection days differently, so nobody can build on them.",
        "solution": "Publish collection days by property reference in an agreed open format, updated weekly.",
        "when": "You already have collection rounds in a system.",
        "when_not": "",
    },
    {
        "slug": "plain-english-bills", "title": "Plain English council tax bills", "area": "Council tax and benefits",
        "maturity": "proposed", "published": date(2026, 8, 3), "confirmed": date(2026, 8, 3),
        "evidence": [("Wigan", "council-tax-chatbot")], "tags": ["council tax", "content design", "letters"],
        "summary": "Rewrite bills so residents understand what they owe and why, reducing calls in March.",
        "problem": "Council tax bills generate thousands of calls when they go out.",
        "solution": "Test bill wording with residents; put the amount, dates and how to pay first.",
        "when": "Before bills go out each year.",
        "when_not": "",
    },
]  # fmt: skip


def run(demo: DemoContext) -> None:
    index = demo.section("patterns")
    for item in PATTERNS:
        evidence = [demo.find(CaseStudyPage, demo.council(owner), slug) for owner, slug in item["evidence"]]
        demo.ensure_page(
            index,
            PatternPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            service_area=demo.service_area(item["area"]),
            maturity=item["maturity"],
            problem=item["problem"],
            solution=item["solution"],
            when_to_use=item["when"],
            when_not_to_use=item["when_not"],
            evidence=[page for page in evidence if page is not None],
            tags=item["tags"],
            published=item["published"],
            last_confirmed=item["confirmed"],
        )
    demo.write(f"  Patterns: {len(PATTERNS)}")
