"""Case studies: pilot write-ups with impact figures, evidence strength, partners and reusable outputs."""

# ruff: noqa: E501 - demo prose is data, kept one field per line rather than re-wrapped.

from __future__ import annotations

from datetime import date
from typing import Any

from challenges.models import CaseStudyPage, ChallengePage, ReusableOutput
from sandbox_site.demo.base import DemoContext

OGL = "OGL v3.0"
DEMO_REPO = "https://github.com/council-sandbox-demo"

CASE_STUDIES: list[dict[str, Any]] = [
    {
        "council": "Leeds", "slug": "bin-collection-text-alerts", "title": "Text alerts when a bin collection is missed",
        "area": "Waste and recycling", "stage": "live", "evidence": "measured",
        "published": date(2025, 9, 1), "confirmed": date(2026, 9, 14), "start": date(2024, 10, 1),
        "end": date(2025, 6, 30), "cost": 68000, "money": 84000, "hours": 3100, "residents": 120000,
        "partners": ["Bradford", "Sheffield"], "challenge": ("Leeds", "missed-bin-collections"),
        "tags": ["bins", "bin collections", "waste", "notifications"],
        "summary": "Crews mark bins they could not empty on in-cab tablets, and residents get a text the same day "
        "saying why and when we will come back.",
        "problem": "Missed bin collections were reported days later by phone, so most needed a special return trip.",
        "approach": "We connected the crews' in-cab tablets to GOV.UK Notify. When a crew records a bin as not "
        "presented, blocked or contaminated, residents who have signed up get a text within the hour.\n\n"
        "1. Discovery with crews and contact centre staff\n2. Alpha on two rounds\n3. Beta across the city",
        "outcomes": "Calls about missed bins fell by 41%. Return trips fell by 38%, saving about £84,000 a year.",
        "lessons": "Crews needed fewer, clearer buttons. Texts that explain *why* a bin was missed cut repeat calls "
        "more than texts that just apologise.",
        "outputs": [("Crew tablet reason codes", f"{DEMO_REPO}/bin-reason-codes", "OGL v3.0"),
                    ("Notify message templates", f"{DEMO_REPO}/bin-alert-templates", "MIT")],
    },
    {
        "council": "City of Bristol", "slug": "recycling-feedback-tags", "title": "Feedback tags on contaminated recycling",
        "area": "Waste and recycling", "stage": "beta", "evidence": "measured",
        "published": date(2025, 11, 12), "confirmed": date(2026, 6, 2), "start": date(2025, 2, 3),
        "cost": 22000, "money": 51000, "residents": 45000, "partners": ["Somerset"],
        "also_mentioned": "Local print supplier, Recycling feedback tags, crew app",
        "challenge": ("City of Bristol", "recycling-contamination"), "tags": ["recycling", "waste", "behaviour change"],
        "summary": "Crews leave a picture-led tag on recycling boxes with the wrong items, instead of leaving them "
        "unemptied without explanation.",
        "problem": "Contamination in household recycling had reached 16%, and residents did not know what they "
        "had got wrong.",
        "approach": "Crews tagged boxes with one of eight common mistakes. Households tagged twice got a visit.",
        "outcomes": "Contamination on trial rounds fell from 16% to 11% in four months.",
        "lessons": "Pictures worked better than words for many households. Tags in the top five community "
        "languages were needed from day one.",
        "outputs": [("Tag designs (print-ready)", f"{DEMO_REPO}/recycling-tags", "CC BY 4.0")],
    },
    {
        "council": "Southwark", "slug": "damp-mould-triage", "title": "Damp and mould triage from repairs data",
        "area": "Housing", "stage": "live", "evidence": "independently_evaluated",
        "published": date(2025, 5, 20), "confirmed": date(2026, 10, 1), "start": date(2024, 1, 8),
        "end": date(2025, 3, 31), "cost": 145000, "money": 310000, "hours": 5200, "residents": 9800,
        "partners": ["Lambeth", "Camden"], "challenge": ("Southwark", "damp-and-mould"),
        "tags": ["housing", "damp and mould", "repairs", "data"],
        "summary": "A simple risk score built from repairs history, property type and household information finds "
        "homes likely to have damp and mould, so we inspect them before tenants complain.",
        "problem": "Tenants often did not report damp and mould, and by the time they did, the hazard was serious.",
        "approach": "We combined ten years of repairs records with property data to score every home. Surveyors "
        "visited the 2,000 highest-scoring homes first.",
        "outcomes": "Two in three visited homes had a hazard needing work. An independent evaluation found the "
        "score found hazards three times faster than waiting for reports.",
        "lessons": "Involve tenants early: the letter explaining the visit mattered as much as the model.",
        "outputs": [("Risk score method", f"{DEMO_REPO}/damp-risk-score", "MIT"),
                    ("Tenant letter templates", f"{DEMO_REPO}/damp-letters", OGL)],
    },
    {
        "council": "Cambridgeshire", "slug": "independent-travel-training", "title": "Independent travel training for young people with SEND",
        "area": "Children's services and SEND", "stage": "live", "evidence": "independently_evaluated",
        "published": date(2024, 12, 2), "confirmed": date(2026, 8, 20), "start": date(2023, 9, 1),
        "end": date(2024, 7, 31), "cost": 180000, "money": 420000, "hours": 900, "residents": 260,
        "partners": ["Suffolk", "Norfolk"], "also_mentioned": "Local charity travel trainers, Travel training programme", "challenge": ("Cambridgeshire", "send-home-to-school-transport"),
        "tags": ["SEND", "transport", "independence", "young people"],
        "summary": "Trained young people with SEND to travel to school and college by bus, with their families' "
        "agreement, instead of by taxi.",
        "problem": "Home-to-school transport for children with SEND cost £32 million a year and was rising fast.",
        "approach": "Travel trainers worked one to one with each young person over 6 to 12 weeks.",
        "outcomes": "260 young people now travel independently. Families reported more confidence and "
        "independence; taxi costs fell by £420,000 a year.",
        "lessons": "Start with young people who want it. Involve schools in choosing who to offer it to.",
        "outputs": [("Travel training handbook", f"{DEMO_REPO}/travel-training", OGL)],
    },
    {
        "council": "Cardiff", "slug": "welsh-first-forms", "title": "Designing council tax forms in Welsh and English together",
        "area": "Council tax and benefits", "stage": "alpha", "evidence": "anecdotal",
        "published": date(2026, 2, 9), "confirmed": date(2026, 5, 30), "start": date(2025, 10, 1),
        "partners": ["Swansea", "Gwynedd"],         "challenge": ("Cardiff", "bilingual-online-forms"), "tags": ["Welsh language", "forms", "council tax"],
        "summary": "Content designers wrote Welsh and English versions side by side, and tested both with users.",
        "problem": "Welsh versions of forms were translated late and rarely tested.",
        "approach": "Pairs of Welsh and English content designers worked on each page together.",
        "outcomes": "Early testing suggests Welsh completion rates now match English.",
        "lessons": "Error messages and hint text need the most care.",
        "outputs": [],
    },
    {
        "council": "Manchester", "slug": "trusted-assessor-discharge", "title": "Trusted assessors for discharge to assess",
        "area": "Adult social care", "stage": "live", "evidence": "measured",
        "published": date(2025, 3, 18), "confirmed": date(2026, 7, 7), "start": date(2024, 5, 1),
        "end": date(2025, 1, 31), "cost": 95000, "money": 260000, "hours": 7400, "residents": 1900,
        "partners": ["Stockport", "Wigan"], "also_mentioned": "NHS trust, Shared assessment form",
        "challenge": ("Manchester", "hospital-discharge-delays"), "tags": ["adult social care", "hospital discharge"],
        "summary": "Care providers accept one trusted assessment, done at home, so people leave hospital sooner.",
        "problem": "People waited in hospital for several assessments by different organisations.",
        "approach": "Agreed one assessment that every local provider trusts, carried out at home within 48 hours.",
        "outcomes": "Average wait to leave hospital fell from 6 days to 2.",
        "lessons": "Providers agreed faster once they helped write the assessment.",
        "outputs": [("Trusted assessment form", f"{DEMO_REPO}/trusted-assessment", OGL)],
    },
    {
        "council": "Birmingham", "slug": "automatic-council-tax-reduction", "title": "Automatic council tax reduction for Universal Credit claimants",
        "area": "Council tax and benefits", "stage": "live", "evidence": "measured",
        "published": date(2024, 7, 1), "confirmed": date(2025, 11, 3), "start": date(2023, 11, 1),
        "end": date(2024, 4, 30), "cost": 60000, "money": 150000, "hours": 12000, "residents": 8400,
        "partners": ["Coventry", "Wolverhampton"], "challenge": ("Birmingham", "council-tax-reduction-take-up"),
        "tags": ["council tax", "benefits", "cost of living", "automation"],
        "summary": "We treat Universal Credit data as a claim for council tax reduction, so nobody has to fill "
        "in a separate form.",
        "problem": "Many households entitled to council tax reduction never claimed it.",
        "approach": "We changed our scheme so Universal Credit notifications count as a claim.",
        "outcomes": "8,400 more households receive council tax reduction. Staff spend far less time on forms.",
        "lessons": "Check the scheme rules allow it first; some councils need a consultation.",
        "outputs": [("Scheme wording", f"{DEMO_REPO}/ctr-scheme-wording", OGL)],
    },
    {
        "council": "Nottingham", "slug": "report-a-pothole", "title": "Report a pothole with a photo and a map pin",
        "area": "Highways and transport", "stage": "live", "evidence": "measured",
        "published": date(2023, 11, 30), "confirmed": date(2025, 2, 28), "start": date(2023, 3, 1),
        "end": date(2023, 9, 30), "cost": 40000, "money": 70000, "hours": 2600, "residents": 31000,
        "partners": ["Derby"],         "challenge": ("Nottingham", "pothole-reports"), "tags": ["potholes", "highways", "reporting", "maps"],
        "summary": "Residents drop a pin on a map and add a photo, so inspectors find potholes first time.",
        "problem": "A third of pothole reports could not be located.",
        "approach": "Replaced the free-text form with a map-first form that works on phones.",
        "outcomes": "Unlocatable reports fell from 33% to 4%.",
        "lessons": "Most reports come from phones at the roadside: design for that first.",
        "outputs": [("Reporting form", f"{DEMO_REPO}/report-a-problem", "AGPL-3.0")],
    },
    {
        "council": "Newcastle upon Tyne", "slug": "fly-tipping-cameras", "title": "Cameras and clear signs at fly-tipping hotspots",
        "area": "Waste and recycling", "stage": "beta", "evidence": "anecdotal",
        "published": date(2026, 1, 19), "confirmed": date(2026, 10, 12), "start": date(2025, 8, 1),
        "cost": 75000, "residents": 14000, "partners": ["Gateshead", "Sunderland"],
        "also_mentioned": "CCTV installer, Redeployable cameras",
        "challenge": ("Newcastle upon Tyne", "fly-tipping-hotspots"), "tags": ["fly-tipping", "waste", "enforcement"],
        "summary": "Redeployable cameras and signs at 20 back-lane hotspots, with residents told about free "
        "bulky waste collections.",
        "problem": "Fly-tipping kept returning to the same back lanes.",
        "approach": "Cameras moved every six weeks, alongside leaflets offering a free bulky waste collection.",
        "outcomes": "Officers report fewer repeat fly-tips, but we have not measured it yet.",
        "lessons": "Signs alone made no difference; the free collection offer did.",
        "outputs": [],
    },
    {
        "council": "Kent", "slug": "planning-validation-checks", "title": "Automated checks before a planning application is submitted",
        "area": "Planning and building control", "stage": "alpha", "evidence": "anecdotal",
        "published": date(2026, 4, 2), "confirmed": date(2026, 9, 9), "start": date(2025, 11, 1),
        "partners": ["Surrey", "Hampshire"],         "challenge": ("Kent", "planning-validation-backlog"), "tags": ["planning", "validation", "automation"],
        "summary": "An online checker tells applicants about missing plans and wrong fees before they submit.",
        "problem": "Most planning applications were invalid when first submitted.",
        "approach": "Wrote the 20 commonest validation rules as code and tested them with agents.",
        "outcomes": "Agents in testing fixed most problems before submitting.",
        "lessons": "Agents want the checker inside the tools they already use.",
        "outputs": [("Validation rules", f"{DEMO_REPO}/planning-validation-rules", "MIT")],
    },
    {
        "council": "Devon", "slug": "library-community-hubs", "title": "Rural libraries as community hubs",
        "area": "Libraries, culture and leisure", "stage": "discovery", "evidence": "anecdotal",
        "published": date(2025, 2, 3), "confirmed": date(2025, 1, 10), "start": date(2024, 9, 1),
        "partners": ["Cornwall"],         "challenge": ("Devon", "rural-library-use"), "tags": ["libraries", "rural", "digital inclusion"],
        "summary": "Discovery research with rural residents about what they would use a library for.",
        "problem": "Rural library visits have fallen by a third.",
        "approach": "Interviews with 60 residents in eight market towns and villages.",
        "outcomes": "Residents wanted digital help, health checks and a place to meet council staff.",
        "lessons": "Talk to people who never use the library, not only current users.",
        "outputs": [],
    },
    {
        "council": "City of Edinburgh", "slug": "rapid-rehousing", "title": "Rapid rehousing for families in temporary accommodation",
        "area": "Housing", "stage": "beta", "evidence": "measured",
        "published": date(2025, 10, 14), "confirmed": date(2026, 3, 11), "start": date(2024, 10, 1),
        "cost": 230000, "money": 540000, "residents": 420, "partners": ["Glasgow City", "Fife"],
        "also_mentioned": "Housing associations, Shared allocations list",
        "challenge": ("City of Edinburgh", "temporary-accommodation"),
        "tags": ["housing", "homelessness", "temporary accommodation"],
        "summary": "Housing associations offer a share of lets to families in temporary accommodation.",
        "problem": "Families stayed an average of 14 months in temporary accommodation.",
        "approach": "A shared list and weekly matching meeting with six housing associations.",
        "outcomes": "420 families moved to settled homes; bed and breakfast use for families fell to zero.",
        "lessons": "Weekly meetings mattered more than the software.",
        "outputs": [("Matching meeting guide", f"{DEMO_REPO}/rapid-rehousing", OGL)],
    },
    {
        "council": "Hackney", "slug": "open-source-waste-platform", "title": "An open-source platform for waste services",
        "area": "Waste and recycling", "stage": "live", "evidence": "measured",
        "published": date(2024, 3, 11), "confirmed": date(2024, 6, 1), "start": date(2022, 6, 1),
        "end": date(2023, 12, 31), "cost": 310000, "money": 190000, "hours": 6000, "residents": 280000,
        "partners": ["Tower Hamlets", "Greenwich"],         "tags": ["waste", "bins", "recycling", "open source"],
        "summary": "Residents check bin collection days, report missed bins and order new bins in one place.",
        "problem": "Three separate systems handled waste requests, none of them easy to use.",
        "approach": "Built an open-source service that other councils can reuse.",
        "outcomes": "Online requests rose from 30% to 78% of all waste requests.",
        "lessons": "Open source only helps others if you document how to run it.",
        "outputs": [("Waste services code", f"{DEMO_REPO}/waste-platform", "MIT"),
                    ("Service design research", f"{DEMO_REPO}/waste-research", "CC BY 4.0")],
    },
    {
        "council": "Belfast", "slug": "online-bulky-waste-booking", "title": "Book and pay for bulky waste collection online",
        "area": "Waste and recycling", "stage": "live", "evidence": "measured",
        "published": date(2025, 8, 4), "confirmed": date(2026, 4, 18), "start": date(2025, 1, 6),
        "end": date(2025, 6, 27), "cost": 35000, "money": 48000, "hours": 2100, "residents": 16000,
        "partners": ["Lisburn and Castlereagh"], "also_mentioned": "Payments provider, Online booking, card payments",
        "challenge": ("Belfast", "bulky-waste-booking"), "tags": ["bulky waste", "bins", "booking", "payments"],
        "summary": "Residents book a bulky waste collection, choose a date and pay online at any time.",
        "problem": "Bookings were phone-only and held in a spreadsheet.",
        "approach": "An online booking form linked to crew schedules and card payments.",
        "outcomes": "70% of bookings are now online; phone waiting times on Mondays halved.",
        "lessons": "Show available dates before asking for payment.",
        "outputs": [("Booking form design", f"{DEMO_REPO}/bulky-waste-booking", OGL)],
    },
    {
        "council": "Wigan", "slug": "council-tax-chatbot", "title": "A chatbot for council tax enquiries (stopped)",
        "area": "Customer contact", "stage": "stopped", "evidence": "measured",
        "published": date(2024, 2, 26), "confirmed": date(2024, 2, 26), "start": date(2023, 4, 1),
        "end": date(2023, 12, 15), "cost": 55000, "money": 0, "residents": 6000, "partners": [],
        "also_mentioned": "Chatbot vendor, Chatbot", "tags": ["chatbot", "council tax", "customer contact"],
        "summary": "We trialled a chatbot for council tax questions and stopped it, because it did not reduce calls.",
        "problem": "Council tax calls peak every March when bills go out.",
        "approach": "A chatbot on the council tax pages answered common questions.",
        "outcomes": "Calls did not fall. Most questions needed account details the chatbot could not see.",
        "lessons": "Fix the bill and the web pages first. A chatbot cannot answer questions about a person's account "
        "without secure sign-in.",
        "outputs": [],
    },
    {
        "council": "Norfolk", "slug": "food-waste-trial", "title": "Weekly food waste collection trial in three districts",
        "area": "Waste and recycling", "stage": "beta", "evidence": "measured",
        "published": date(2026, 3, 2), "confirmed": date(2026, 10, 20), "start": date(2025, 4, 7),
        "cost": 410000, "money": 120000, "residents": 38000, "partners": ["Norwich", "Suffolk"],
        "also_mentioned": "Anaerobic digestion operator, Kerbside caddies, caddy liners",
        "challenge": ("Norfolk", "weekly-food-waste"), "tags": ["food waste", "recycling", "bins", "simpler recycling"],
        "summary": "Weekly food waste collections for 38,000 homes, testing caddy liners and leaflets.",
        "problem": "Every household needs a weekly food waste collection from 2026.",
        "approach": "Compared rounds with free liners to rounds without.",
        "outcomes": "Participation was 64% where liners were free, against 41% without.",
        "lessons": "Free liners are worth the cost. Deliver caddies with a leaflet, not by post.",
        "outputs": [("Resident leaflet", f"{DEMO_REPO}/food-waste-leaflet", OGL)],
    },
    {
        "council": "Cornwall", "slug": "smart-bin-sensors", "title": "Fill-level sensors in seaside litter bins",
        "area": "Waste and recycling", "stage": "beta", "evidence": "measured",
        "published": date(2025, 12, 8), "confirmed": date(2026, 7, 1), "start": date(2025, 5, 1),
        "cost": 88000, "money": 61000, "hours": 4200, "partners": ["Devon", "Plymouth"],
        "also_mentioned": "Sensor supplier, Fill-level sensors, route planning",
        "tags": ["bins", "litter", "sensors", "tourism"],
        "summary": "Sensors tell crews which seaside litter bins are full, so they empty them before they overflow.",
        "problem": "Litter bins overflowed at busy beaches in summer while quiet ones were emptied daily.",
        "approach": "Fitted 300 bins with sensors and planned rounds from the readings.",
        "outcomes": "Overflowing bin reports fell by half; crews drove 18% fewer miles.",
        "lessons": "Sensors need a signal: check coverage before buying.",
        "outputs": [],
    },
]  # fmt: skip


def run(demo: DemoContext) -> None:
    for item in CASE_STUDIES:
        challenge = None
        if item.get("challenge"):
            owner, slug = item["challenge"]
            challenge = demo.find(ChallengePage, demo.council(owner), slug)
        demo.ensure_page(
            demo.council(item["council"]),
            CaseStudyPage,
            item["slug"],
            title=item["title"],
            summary=item["summary"],
            service_area=demo.service_area(item["area"]),
            stage=item["stage"],
            evidence_strength=item["evidence"],
            start_date=item.get("start"),
            end_date=item.get("end"),
            cost_pounds=item.get("cost"),
            money_saved_per_year=item.get("money"),
            staff_hours_saved_per_year=item.get("hours"),
            residents_reached=item.get("residents"),
            partner_councils=demo.councils(item["partners"]),
            also_mentioned=item.get("also_mentioned", ""),
            challenge=challenge,
            problem=item["problem"],
            approach=item["approach"],
            outcomes=item["outcomes"],
            lessons_learned=item["lessons"],
            reusable_outputs=[
                ReusableOutput(title=title, url=url, licence=licence) for title, url, licence in item["outputs"]
            ],
            tags=item["tags"],
            published=item["published"],
            last_confirmed=item["confirmed"],
        )
    demo.write(f"  Case studies: {len(CASE_STUDIES)}")
