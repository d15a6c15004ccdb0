"""Regional centres for service innovation (all 12 regions and nations covered).

The centres stay here rather than in data/: the importer takes the pages centres run (experiments, collections), not
the centres, which are set up with the site like the councils are."""

from __future__ import annotations

from django.utils import timezone

from experiments.models import RegionalCentrePage
from sandbox_site.demo.base import DemoContext
from sandbox_site.demo.dates import days_ago

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


def centre(demo: DemoContext, slug: str) -> RegionalCentrePage:
    return demo.find(RegionalCentrePage, demo.section("regional-centres"), slug)


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
            published=days_ago(1020, timezone.localdate()),
        )
    demo.write(f"  Regional centres: {len(CENTRES)}")
