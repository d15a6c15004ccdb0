"""Shared challenges, published by councils across every region and nation."""

# ruff: noqa: E501 - demo prose is data, kept one field per line rather than re-wrapped.

from __future__ import annotations

from datetime import date

from challenges.models import ChallengePage
from sandbox_site.demo.base import DemoContext

# (council short name, slug, title, service area, status, published, last confirmed, tags, summary,
#  problem statement, who is affected, desired outcomes)
CHALLENGES = [
    (
        "Leeds", "missed-bin-collections", "Missed bin collections are reported too late to fix", "Waste and recycling",
        "open", date(2025, 3, 4), date(2026, 9, 14), ["bins", "waste", "bin collections", "customer contact"],
        "Residents tell us about missed bin collections days later, after crews have left the area, so putting it "
        "right costs a second trip.",
        "About 1 in 400 household bin collections is missed. Most reports arrive **two or more days** later by "
        "phone, when the crew is on another round.\n\n- Crews record blocked roads and bins not out on paper\n"
        "- The contact centre cannot see what the crew saw\n- A return trip costs around £45",
        "Households on 300,000 bin collection rounds, contact centre staff and waste crews.",
        "- Residents know the same day if their bin was not emptied, and why\n- Fewer than half as many "
        "return trips\n- Crew notes visible to the contact centre in real time",
    ),
    (
        "City of Bristol", "recycling-contamination", "Too much contamination in household recycling",
        "Waste and recycling", "being_worked_on", date(2024, 11, 20), date(2026, 6, 2),
        ["recycling", "waste", "behaviour change"],
        "One in six recycling boxes contains material we cannot recycle, which costs us gate fees and lowers the "
        "value of what we sell.",
        "Contamination in kerbside recycling rose from 9% to 16% over three years. Rejected loads are sent to "
        "energy from waste at extra cost.",
        "Households who want to recycle but are unsure what goes in which box; collection crews; the waste "
        "contract team.",
        "- Contamination back below 10%\n- Clear, picture-led guidance in the top 10 community languages",
    ),
    (
        "Southwark", "damp-and-mould", "Finding damp and mould in council homes before it harms tenants", "Housing",
        "being_worked_on", date(2024, 6, 12), date(2026, 10, 1), ["housing", "damp and mould", "repairs"],
        "We want to find homes at risk of damp and mould early, rather than waiting for tenants to complain.",
        "Damp and mould reports tripled after 2022. Many tenants do not report problems, or report them as "
        "condensation and are told to open windows. New rules mean we must investigate and fix hazards quickly.",
        "Around 37,000 council tenants and leaseholders, especially families with young children and older "
        "residents with breathing conditions.",
        "- Every high-risk home inspected within 14 days\n- Repairs records that show which homes are at risk",
    ),
    (
        "Cambridgeshire", "send-home-to-school-transport", "The rising cost of SEND home-to-school transport",
        "Children's services and SEND", "open", date(2025, 1, 15), date(2026, 8, 20),
        ["SEND", "transport", "home to school transport", "children"],
        "Spending on transport for children with special educational needs and disabilities (SEND) has doubled "
        "in five years.",
        "More children have education, health and care plans (EHCPs), and more travel to specialist schools "
        "further away. Single-occupancy taxis are common because routes are planned by hand.",
        "Children with SEND and their families, schools, and transport providers.",
        "- Routes that are safe, reliable and shared where suitable\n- More young people supported to travel "
        "independently\n- Costs that grow no faster than the number of children",
    ),
    (
        "Cardiff", "bilingual-online-forms", "Bilingual online forms that residents finish",
        "Customer contact", "open", date(2025, 5, 8), date(2026, 5, 30), ["Welsh language", "forms", "digital"],
        "Our Welsh-language forms are translated after the English ones are built, and far fewer people finish "
        "them.",
        "Welsh versions of forms launch weeks later, with awkward translations and English error messages.",
        "Welsh speakers, who have a legal right to equal service in Welsh.",
        "Welsh and English forms launched together, with the same completion rate.",
    ),
    (
        "City of Edinburgh", "temporary-accommodation", "Families staying too long in temporary accommodation",
        "Housing", "open", date(2024, 9, 3), date(2026, 3, 11), ["housing", "homelessness", "temporary accommodation"],
        "Households spend an average of 14 months in temporary accommodation, often in bed and breakfasts.",
        "Demand for homelessness support is higher than the supply of settled homes. Bed and breakfast use "
        "breaks the Unsuitable Accommodation Order for families.",
        "Homeless households, especially families with children, and the housing options team.",
        "- No families in bed and breakfasts\n- Time in temporary accommodation halved",
    ),
    (
        "Manchester", "hospital-discharge-delays", "Delays discharging older people from hospital into care",
        "Adult social care", "being_worked_on", date(2024, 4, 22), date(2026, 7, 7),
        ["adult social care", "hospital discharge", "NHS"],
        "People ready to leave hospital wait days for a care assessment and a package of support.",
        "Assessments happen on the ward, so people are assessed at their least independent. Care providers "
        "each run their own assessment again.",
        "Older people in hospital, their families, social workers and care providers.",
        "Most people home within a day of being ready, with care that fits what they can do at home.",
    ),
    (
        "Newcastle upon Tyne", "fly-tipping-hotspots", "Fly-tipping keeps returning to the same streets",
        "Waste and recycling", "open", date(2025, 7, 1), date(2026, 10, 12), ["fly-tipping", "waste", "enforcement"],
        "A small number of back lanes account for most fly-tipping, and clearing it costs over £600,000 a year.",
        "We clear fly-tips quickly, but the same places are used again within days. Few cases lead to a fine.",
        "Residents of terraced streets with back lanes, the street cleansing team and enforcement officers.",
        "Fewer repeat fly-tips at the worst 50 hotspots, and more fixed penalty notices paid.",
    ),
    (
        "Birmingham", "council-tax-reduction-take-up", "People entitled to council tax reduction do not claim it",
        "Council tax and benefits", "solved", date(2023, 10, 2), date(2025, 11, 3),
        ["council tax", "benefits", "cost of living"],
        "Thousands of low-income households who could get council tax reduction have never applied.",
        "The claim form is long and asks for information we already hold from Universal Credit data.",
        "Low-income working-age households.",
        "Everyone entitled gets council tax reduction without having to apply separately.",
    ),
    (
        "Nottingham", "pothole-reports", "Pothole reports without a location or photo",
        "Highways and transport", "solved", date(2023, 5, 17), date(2025, 2, 28), ["potholes", "highways", "reporting"],
        "A third of pothole reports cannot be found by inspectors because the location is vague.",
        "Residents describe locations in words. Inspectors drive round looking, or close the report.",
        "Road users, cyclists and highways inspectors.",
        "Every report has a map pin and, where possible, a photo.",
    ),
    (
        "Kent", "planning-validation-backlog", "Planning applications stuck at validation", "Planning and building control",
        "open", date(2025, 9, 9), date(2026, 9, 9), ["planning", "validation", "automation"],
        "Around 60% of planning applications are invalid when first submitted, which adds weeks to decisions.",
        "Most problems are simple: missing plans, wrong fee, red line boundary not shown.",
        "Householders, agents, developers and planning officers.",
        "Applicants told about common problems before they submit.",
    ),
    (
        "Belfast", "bulky-waste-booking", "Booking a bulky waste collection takes a phone call",
        "Waste and recycling", "open", date(2025, 2, 10), date(2026, 4, 18), ["bulky waste", "bins", "booking"],
        "Residents can only book a bulky waste collection by phone, during office hours.",
        "Calls peak on Monday mornings. Staff take payment by card over the phone and book slots in a spreadsheet.",
        "Residents clearing furniture and white goods; the waste contact team.",
        "Residents book and pay online at any time and choose a date.",
    ),
    (
        "Glasgow City", "additional-support-plans", "Additional support for learning plans take too long",
        "Children's services and SEND", "open", date(2025, 4, 1), date(2026, 2, 14),
        ["SEND", "additional support for learning", "schools"],
        "Coordinated support plans for children with additional support needs take months to agree.",
        "Each agency keeps its own notes. Parents repeat their child's story at every meeting.",
        "Children with additional support needs, their parents and carers, teachers and health professionals.",
        "One shared plan that families can see and agencies update.",
    ),
    (
        "Devon", "rural-library-use", "Fewer people using rural libraries", "Libraries, culture and leisure",
        "being_worked_on", date(2024, 8, 19), date(2025, 1, 10), ["libraries", "rural", "digital inclusion"],
        "Visits to our smaller rural libraries have fallen by a third since 2019.",
        "Opening hours suit commuters poorly and many residents do not know what libraries offer beyond books.",
        "Rural residents, especially older people and families without a car.",
        "Libraries used as community hubs for digital help, health checks and council services.",
    ),
    (
        "Norfolk", "weekly-food-waste", "Starting weekly food waste collections for every household",
        "Waste and recycling", "open", date(2025, 6, 23), date(2026, 10, 20),
        ["food waste", "recycling", "bins", "simpler recycling"],
        "Every household in England must have a weekly food waste collection, and our districts need a "
        "shared way to roll it out.",
        "Seven district councils collect waste and the county disposes of it. Caddies, vehicles and treatment "
        "capacity must all be ready at the same time.",
        "Every household in Norfolk, the district waste teams and the county disposal team.",
        "- Weekly food waste collection for every household\n- At least 60% of households taking part",
    ),
    (
        "Swansea", "repairs-appointments", "Residents miss housing repairs appointments", "Housing", "open",
        date(2025, 10, 6), date(2026, 10, 6), ["housing", "repairs", "appointments"],
        "One in eight repairs appointments fails because nobody is home.",
        "Appointments are all-day slots, confirmed by letter. Tenants cannot rearrange online.",
        "Council tenants and repairs operatives.",
        "Two-hour slots, reminders the day before and easy rearranging.",
    ),
]  # fmt: skip


def run(demo: DemoContext) -> None:
    for row in CHALLENGES:
        (council, slug, title, area, status, published, confirmed, tags, summary, problem, affected, outcomes) = row
        demo.ensure_page(
            demo.council(council),
            ChallengePage,
            slug,
            title=title,
            summary=summary,
            service_area=demo.service_area(area),
            status=status,
            problem_statement=problem,
            who_is_affected=affected,
            desired_outcomes=outcomes,
            tags=tags,
            published=published,
            last_confirmed=confirmed,
        )
    demo.write(f"  Challenges: {len(CHALLENGES)}")
