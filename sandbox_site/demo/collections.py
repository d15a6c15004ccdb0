"""Curated collections: ordered, annotated lists of challenges, case studies, patterns and experiments."""

from __future__ import annotations

from datetime import date

from wagtail.models import Page

from experiments.models import CollectionItem, CollectionPage
from sandbox_site.demo.base import DemoContext
from sandbox_site.demo.centres import centre

# (centre, slug, title, service area, summary, intro, [(parent kind, parent key, page slug, note)])
COLLECTIONS = [
    ("north", "getting-bin-collections-right", "Getting bin collections right", "Waste and recycling",
     "Everything councils have tried to reduce missed bin collections and the calls they cause.",
     "Start with the **challenge**, then read the case studies. The pattern sums up what works.",
     [("council", "Leeds", "missed-bin-collections", "The shared challenge: join it if this is your problem too."),
      ("council", "Leeds", "bin-collection-text-alerts", "Measured results: 41% fewer calls."),
      ("patterns", "", "proactive-bin-collection-alerts", "The recommended pattern."),
      ("council", "Hackney", "open-source-waste-platform", "Open-source code you can reuse."),
      ("centre", "north", "predict-missed-bin-collections", "Running now: can we predict missed bins?")]),
    ("london-and-east", "damp-mould-and-repairs", "Damp, mould and repairs", "Housing",
     "Finding hazards early and making repairs appointments work for tenants.",
     "Collected for housing teams responding to damp and mould.",
     [("council", "Southwark", "damp-and-mould", "The challenge as Southwark describes it."),
      ("council", "Southwark", "damp-mould-triage", "Independently evaluated."),
      ("patterns", "", "damp-and-mould-risk-triage", "The pattern, with when not to use it."),
      ("council", "Swansea", "repairs-appointments", "A related challenge from Wales."),
      ("centre", "north", "damp-sensors", "An experiment with sensors.")]),
    ("midlands", "support-for-children-with-send", "Support for children with SEND", "Children's services and SEND",
     "Transport, plans and independence for children and young people with SEND.",
     "What councils across the UK have learned about SEND services.",
     [("council", "Cambridgeshire", "send-home-to-school-transport", "The cost challenge most councils share."),
      ("council", "Cambridgeshire", "independent-travel-training", "Independently evaluated."),
      ("patterns", "", "independent-travel-training", "Recommended pattern."),
      ("council", "Glasgow City", "additional-support-plans", "The Scottish perspective."),
      ("centre", "midlands", "shared-send-transport-routes", "Proposed experiment.")]),
]  # fmt: skip


def _parent(demo: DemoContext, kind: str, key: str) -> Page:
    if kind == "council":
        return demo.council(key)
    if kind == "centre":
        return centre(demo, key)
    return demo.section(kind)


def run(demo: DemoContext) -> None:
    for centre_slug, slug, title, area, summary, intro, entries in COLLECTIONS:
        items = []
        for kind, key, page_slug, note in entries:
            page = _parent(demo, kind, key).get_children().filter(slug=page_slug).first()
            if page is not None:
                items.append(CollectionItem(page=page, note=note))
        demo.ensure_page(
            centre(demo, centre_slug),
            CollectionPage,
            slug,
            title=title,
            summary=summary,
            intro=intro,
            service_area=demo.service_area(area),
            items=items,
            published=date(2026, 9, 1),
            last_confirmed=date(2026, 9, 1),
        )
    demo.write(f"  Collections: {len(COLLECTIONS)}")
