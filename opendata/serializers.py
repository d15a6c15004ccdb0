"""Live, public pages as plain dicts for the JSON API detail view and JSON-LD.

Links to other pages (partner councils, evidence, collection items...) are filtered through
`visibility` too: a public page must not reveal the title of a draft or private one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from wagtail.models import Page

from core.links import page_url
from opendata.kinds import kind_of
from opendata.visibility import public_ids

# A case study's facts that fit a table cell: suppliers and products (from its linked register products, as on the
# page and in search), also mentioned (names not in the register), cost, impact and evidence.
CASE_STUDY_FACTS: tuple[str, ...] = (
    "suppliers",
    "products",
    "also_mentioned",
    "cost_pounds",
    "money_saved_per_year",
    "staff_hours_saved_per_year",
    "residents_reached",
    "evidence_strength",
)

# Plain fields copied as they are, per kind (choices are given as their plain-English label too).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "challenge": ("status", "problem_statement", "who_is_affected", "desired_outcomes", "source"),
    "case_study": (
        "stage",
        "problem",
        "approach",
        "outcomes",
        "lessons_learned",
        "start_date",
        "end_date",
        *CASE_STUDY_FACTS,
        "source",
    ),
    "pattern": ("maturity", "problem", "solution", "when_to_use", "when_not_to_use", "source"),
    "experiment": (
        "status",
        "hypothesis",
        "what_is_tested",
        "success_measures",
        "start_date",
        "end_date",
        "results",
        "source",
    ),
    "collection": ("intro", "source"),
    "council": (
        "short_name",
        "gss_code",
        "local_authority_code",
        "council_type",
        "nation",
        "website",
        "about",
    ),
}

# Many-to-many or foreign-key links to other pages, per kind: field name -> (attribute, many).
KIND_LINKS: dict[str, dict[str, tuple[str, bool]]] = {
    "case_study": {"partner_councils": ("partner_councils", True), "challenge": ("challenge", False)},
    "pattern": {"evidence": ("evidence", True)},
    "experiment": {
        "participating_councils": ("participating_councils", True),
        "challenge": ("challenge", False),
        "case_study": ("case_study", False),
    },
}


# The CSV of a kind adds these fields as columns (part of KIND_FIELDS: the API and the CSV give the same facts), with
# the relations they read loaded once for a batch of rows.
CSV_FIELDS: dict[str, tuple[str, ...]] = {"case_study": CASE_STUDY_FACTS}
CSV_PREFETCH: dict[str, tuple[str, ...]] = {"case_study": ("product_records__supplier",)}

# Fields whose published value is worked out from the page rather than read from one attribute.
COMPUTED: dict[str, Callable[[Page], Any]] = {
    "also_mentioned": lambda page: page.also_mentioned_names,  # a list, like suppliers and products
    "source": lambda page: page.source_url,  # named as the import names it
}


def field_value(page: Page, field: str) -> Any:
    """One field of KIND_FIELDS as published: dates in ISO form, choices as value and label."""
    if field in COMPUTED:
        return COMPUTED[field](page)
    value = getattr(page, field, None)
    if isinstance(value, datetime.date):
        return value.isoformat()
    display = getattr(page, f"get_{field}_display", None)
    if display is not None and value:
        return {"value": value, "label": str(display())}
    return value


def page_ref(page: Page) -> dict[str, Any]:
    kind = kind_of(page)
    return {"id": page.pk, "title": page.title, "kind": kind.name if kind else "", "url": page_url(page)}


def _linked(pages: Iterable[Page]) -> list[dict[str, Any]]:
    pages = [p for p in pages if p is not None]
    allowed = public_ids(p.pk for p in pages)
    return [page_ref(p) for p in pages if p.pk in allowed]


def owning_council(page: Page) -> Page | None:
    return apps.get_model("councils.CouncilPage").objects.ancestor_of(page).first()


def regional_centre(page: Page) -> Page | None:
    return apps.get_model("experiments.RegionalCentrePage").objects.ancestor_of(page).first()


def council_ref(council: Page | None) -> dict[str, Any] | None:
    if council is None:
        return None
    return {"id": council.pk, "name": council.title, "gss_code": council.gss_code, "url": page_url(council)}


def _tags(page: Page) -> list[str]:
    tags = getattr(page, "tags", None)
    return sorted(t.name for t in tags.all()) if tags is not None else []


def _regions(page: Page, council: Page | None, centre: Page | None) -> list[str]:
    if council is not None:
        return [council.region.name]
    if centre is not None:
        return sorted(r.name for r in centre.regions.all())
    return []


def page_detail(page: Page) -> dict[str, Any]:
    """Everything the open data publishes about one live, public page (the caller checks visibility)."""
    page = page.specific
    kind = kind_of(page)
    if kind is None:
        raise ValueError(f"{page!r} is not an open-data content type")
    council = page if kind.name == "council" else owning_council(page)
    centre = regional_centre(page) if kind.name in ("experiment", "collection") else None
    service_area = getattr(page, "service_area", None)
    data: dict[str, Any] = {
        "id": page.pk,
        "kind": kind.name,
        "title": page.title,
        "slug": page.slug,
        "url": page_url(page),
        "summary": getattr(page, "summary", ""),
        "service_area": service_area.name if service_area else None,
        "council": council_ref(council) if kind.name != "council" else None,
        "regional_centre": page_ref(centre) if centre is not None else None,
        "regions": _regions(page, council, centre),
        "tags": _tags(page),
        "first_published": page.first_published_at.isoformat() if page.first_published_at else None,
        "last_published": page.last_published_at.isoformat() if page.last_published_at else None,
        "last_confirmed": field_value(page, "last_confirmed") if hasattr(page, "last_confirmed") else None,
    }
    for field in KIND_FIELDS.get(kind.name, ()):
        data[field] = field_value(page, field)
    for name, (attr, many) in KIND_LINKS.get(kind.name, {}).items():
        if many:
            data[name] = _linked(getattr(page, attr).all())
        else:
            linked = _linked([getattr(page, attr)])
            data[name] = linked[0] if linked else None
    if kind.name == "case_study":
        data["reusable_outputs"] = [
            {"title": o.title, "url": o.url, "licence": o.licence} for o in page.reusable_outputs.all()
        ]
    if kind.name == "collection":
        items = list(page.items.select_related("page"))
        allowed = public_ids(i.page_id for i in items)
        data["items"] = [{**page_ref(i.page.specific), "note": i.note} for i in items if i.page_id in allowed]
    if kind.name == "council":
        data["region"] = page.region.name
    return data
