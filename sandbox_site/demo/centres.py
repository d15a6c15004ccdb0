"""Regional centres for service innovation (all 12 regions and nations covered) and their experiments."""

# ruff: noqa: E501 - demo prose is data, kept one field per line rather than re-wrapped.

from __future__ import annotations

from datetime import date
from typing import Any

from challenges.models import CaseStudyPage, ChallengePage
from experiments.models import ExperimentPage, RegionalCentrePage
from sandbox_site.demo.base import DemoContext

# (slug, title, regions, summary, about)
CENTRES = [
    ("north", "North of England Centre for Service Innovation",
     ["north-east", "north-west", "yorkshire-and-the-humber"],
     "Runs sandbox pilots with councils across the North East, North West and Yorkshire and The Humber.",
     "We help councils test ideas quickly and safely, then share what works. Our current focus is **waste "
     "services**, **housing** and **adult social care**."),
    ("midlands", "Midlands Centre for Service Innovation", ["east-midlands", "west-midlands"],
     "Supports councils in the East and West Midlands to try new ways of delivering services.",
     "We run experiments on SEND transport, benefits and local data."),
    ("london-and-east", "London and East Centre for Service Innovation", ["london", "east-of-england"],
     "Works with London boroughs and councils in the East of England.",
     "We bring boroughs and county councils together on shared challenges such as recycling in flats and "
     "planning."),
    ("south", "South Centre for Service Innovation", ["south-east", "south-west"],
     "Covers the South East and South West, with a focus on rural and coastal services.",
     "Rural and coastal councils face particular challenges: long rounds, seasonal demand and patchy signal."),
    ("wales", "Wales Centre for Service Innovation", ["wales"],
     "Supports Welsh principal councils to design bilingual, digital-first services.",
     "We work in Welsh and English and help councils share patterns across Wales."),
    ("scotland", "Scotland Centre for Service Innovation", ["scotland"],
     "Works with Scottish councils on housing, education and digital services.",
     "We support councils to test ideas in line with Scottish policy and law."),
    ("northern-ireland", "Northern Ireland Centre for Service Innovation", ["northern-ireland"],
     "Supports Northern Ireland's 11 district councils to share services and ideas.",
     "Small councils gain most from sharing: we help them build once and use many times."),
]  # fmt: skip

EXPERIMENTS: list[dict[str, Any]] = [
    {
        "centre": "north", "slug": "predict-missed-bin-collections", "title": "Predicting missed bin collections from crew data",
        "area": "Waste and recycling", "status": "running", "start": date(2026, 4, 1), "end": date(2027, 3, 31),
        "councils": ["Leeds", "Bradford", "Sheffield"], "challenge": ("Leeds", "missed-bin-collections"),
        "tags": ["bins", "bin collections", "data", "waste"],
        "summary": "Can crew tablet data predict which streets will have missed bin collections next week?",
        "hypothesis": "If we use the last 12 weeks of crew reports, we can predict **most** blocked-access missed "
        "collections a week ahead, and warn residents or move parked cars in time.",
        "tested": "A weekly prediction for each round, shared with round supervisors.",
        "measures": "- Share of missed collections predicted\n- Return trips avoided",
        "results": "",
    },
    {
        "centre": "north", "slug": "damp-sensors", "title": "Humidity sensors in homes at high risk of damp and mould",
        "area": "Housing", "status": "running", "start": date(2025, 11, 1), "end": date(2026, 12, 31),
        "councils": ["Manchester", "Wigan", "Stockport"], "challenge": ("Southwark", "damp-and-mould"),
        "tags": ["housing", "damp and mould", "sensors"],
        "summary": "Testing whether low-cost humidity sensors warn us about damp and mould before tenants report it.",
        "hypothesis": "Sensors in 500 high-risk homes will find damp conditions weeks before a repair is reported.",
        "tested": "Sensors, alerts to the repairs team, and a follow-up visit within 10 days.",
        "measures": "Days between alert and report; tenant satisfaction; cost per home.",
        "results": "Interim: 40 homes flagged; 29 had a hazard confirmed on inspection.",
    },
    {
        "centre": "midlands", "slug": "shared-send-transport-routes", "title": "Shared SEND transport routes across council borders",
        "area": "Children's services and SEND", "status": "proposed", "start": date(2027, 1, 4),
        "councils": ["Nottingham", "Derby", "Leicestershire"],
        "challenge": ("Cambridgeshire", "send-home-to-school-transport"), "tags": ["SEND", "transport", "routing"],
        "summary": "Could neighbouring councils share SEND home-to-school transport routes to special schools?",
        "hypothesis": "Planning routes together will cut single-occupancy taxi journeys by a fifth.",
        "tested": "Route planning software run on three councils' anonymised data.",
        "measures": "Vehicle miles, cost per pupil, journey times, parent satisfaction.",
        "results": "",
    },
    {
        "centre": "midlands", "slug": "auto-award-council-tax-reduction", "title": "Automatic award of council tax reduction",
        "area": "Council tax and benefits", "status": "concluded", "start": date(2023, 9, 1), "end": date(2024, 5, 31),
        "councils": ["Birmingham", "Coventry", "Wolverhampton"], "challenge": ("Birmingham", "council-tax-reduction-take-up"),
        "case_study": ("Birmingham", "automatic-council-tax-reduction"), "tags": ["council tax", "benefits"],
        "summary": "Tested treating Universal Credit data as a claim for council tax reduction.",
        "hypothesis": "Automatic awards will reach at least 5,000 more households across three councils.",
        "tested": "Scheme rule changes and a data feed from Universal Credit notifications.",
        "measures": "Households reached, staff time, appeals.",
        "results": "Reached 8,400 more households in Birmingham alone. Two councils have adopted it.",
    },
    {
        "centre": "london-and-east", "slug": "recycling-in-flats", "title": "Recycling nudges in blocks of flats",
        "area": "Waste and recycling", "status": "running", "start": date(2026, 2, 2), "end": date(2026, 11, 30),
        "councils": ["Southwark", "Camden", "Hackney", "Lambeth"], "challenge": ("City of Bristol", "recycling-contamination"),
        "tags": ["recycling", "flats", "behaviour change"],
        "summary": "Testing signs, feedback and bin store redesign to cut recycling contamination in flats.",
        "hypothesis": "Clear signs and regular feedback will cut contamination in flats by a third.",
        "tested": "Three designs of bin store signs in 60 blocks, with 60 comparison blocks.",
        "measures": "Contamination rate by block; recycling tonnage.",
        "results": "",
    },
    {
        "centre": "london-and-east", "slug": "planning-validation-assistant", "title": "A validation assistant for planning agents",
        "area": "Planning and building control", "status": "proposed", "start": date(2027, 2, 1),
        "councils": ["Essex", "Hertfordshire", "Peterborough"], "challenge": ("Kent", "planning-validation-backlog"),
        "tags": ["planning", "validation"],
        "summary": "Would agents use a shared validation checker built into their drawing tools?",
        "hypothesis": "Agents using the checker will submit valid applications nine times in ten.",
        "tested": "A plug-in version of Kent's validation rules.",
        "measures": "Valid-on-first-submission rate.",
        "results": "",
    },
    {
        "centre": "south", "slug": "smart-litter-bins", "title": "Sensor-led litter bin rounds on the coast",
        "area": "Waste and recycling", "status": "concluded", "start": date(2025, 5, 1), "end": date(2025, 9, 30),
        "councils": ["Cornwall", "Devon", "Plymouth"], "case_study": ("Cornwall", "smart-bin-sensors"),
        "tags": ["bins", "litter", "sensors"],
        "summary": "Tested whether fill-level sensors reduce overflowing litter bins at busy beaches.",
        "hypothesis": "Sensor-led rounds will halve overflowing bins without extra crew time.",
        "tested": "300 sensors on seaside litter bins over one summer.",
        "measures": "Overflow reports, crew miles, cost.",
        "results": "Overflow reports fell by half and crews drove 18% fewer miles.",
    },
    {
        "centre": "south", "slug": "rural-pothole-reporting", "title": "Pothole reporting in rural areas",
        "area": "Highways and transport", "status": "concluded", "start": date(2024, 3, 1), "end": date(2024, 10, 31),
        "councils": ["Hampshire", "Devon"], "case_study": ("Nottingham", "report-a-pothole"),
        "challenge": ("Nottingham", "pothole-reports"), "tags": ["potholes", "rural", "reporting"],
        "summary": "Tested Nottingham's map-first reporting form on rural roads with poor signal.",
        "hypothesis": "An offline-capable form will raise rural reports with usable locations to 90%.",
        "tested": "The form with offline saving, on 400 miles of rural roads.",
        "measures": "Share of reports with usable locations.",
        "results": "92% of rural reports had usable locations, up from 61%.",
    },
    {
        "centre": "wales", "slug": "welsh-language-webchat", "title": "Welsh-language webchat for council services",
        "area": "Customer contact", "status": "running", "start": date(2026, 6, 1), "end": date(2027, 5, 31),
        "councils": ["Cardiff", "Swansea", "Gwynedd", "Wrexham"], "challenge": ("Cardiff", "bilingual-online-forms"),
        "tags": ["Welsh language", "webchat", "customer contact"],
        "summary": "A shared Welsh-language webchat team serving four councils.",
        "hypothesis": "Sharing a Welsh-speaking team makes Welsh webchat available all day at no extra cost.",
        "tested": "A shared team answering webchat for four councils.",
        "measures": "Welsh chats answered, waiting times, satisfaction.",
        "results": "",
    },
    {
        "centre": "scotland", "slug": "rapid-rehousing-matching", "title": "Rapid rehousing matching with housing associations",
        "area": "Housing", "status": "concluded", "start": date(2024, 10, 1), "end": date(2025, 9, 30),
        "councils": ["City of Edinburgh", "Glasgow City", "Fife"], "challenge": ("City of Edinburgh", "temporary-accommodation"),
        "case_study": ("City of Edinburgh", "rapid-rehousing"), "tags": ["housing", "homelessness"],
        "summary": "Weekly matching of families in temporary accommodation with housing association lets.",
        "hypothesis": "A shared list and weekly meeting will halve time in temporary accommodation.",
        "tested": "Shared list, weekly meeting, agreed share of lets.",
        "measures": "Time in temporary accommodation; bed and breakfast use.",
        "results": "Time in temporary accommodation for families fell from 14 to 6 months.",
    },
    {
        "centre": "northern-ireland", "slug": "shared-bulky-waste-booking", "title": "A shared bulky waste booking service",
        "area": "Waste and recycling", "status": "proposed", "start": date(2027, 4, 1),
        "councils": ["Belfast", "Derry City and Strabane", "Lisburn and Castlereagh"],
        "challenge": ("Belfast", "bulky-waste-booking"), "tags": ["bulky waste", "shared services", "bins"],
        "summary": "Could three councils share one online bulky waste booking service?",
        "hypothesis": "One shared service costs each council less than half of building its own.",
        "tested": "Belfast's booking service configured for two more councils.",
        "measures": "Cost per council, bookings online, satisfaction.",
        "results": "",
    },
]  # fmt: skip


def centre(demo: DemoContext, slug: str) -> RegionalCentrePage:
    found = demo.find(RegionalCentrePage, demo.section("regional-centres"), slug)
    if found is None:
        raise LookupError(f"The demo regional centre '{slug}' has not been made yet")
    return found


def run(demo: DemoContext) -> None:
    index = demo.section("regional-centres")
    for slug, title, regions, summary, about in CENTRES:
        demo.ensure_page(
            index,
            RegionalCentrePage,
            slug,
            title=title,
            summary=summary,
            about=about,
            regions=demo.regions(regions),
            contact_email=f"{slug}@innovation-centres.example.org",
            published=date(2024, 1, 15),
        )
    for item in EXPERIMENTS:
        challenge = case_study = None
        if item.get("challenge"):
            challenge = demo.find(ChallengePage, demo.council(item["challenge"][0]), item["challenge"][1])
        if item.get("case_study"):
            case_study = demo.find(CaseStudyPage, demo.council(item["case_study"][0]), item["case_study"][1])
        demo.ensure_page(
            centre(demo, item["centre"]),
            ExperimentPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            service_area=demo.service_area(item["area"]),
            status=item["status"],
            start_date=item.get("start"),
            end_date=item.get("end"),
            hypothesis=item["hypothesis"],
            what_is_tested=item["tested"],
            success_measures=item["measures"],
            results=item["results"],
            participating_councils=demo.councils(item["councils"]),
            challenge=challenge,
            case_study=case_study,
            tags=item["tags"],
            published=item["start"] if item["start"] < date(2026, 10, 1) else date(2026, 10, 1),
            last_confirmed=None,
        )
    demo.write(f"  Regional centres: {len(CENTRES)}, experiments: {len(EXPERIMENTS)}")
