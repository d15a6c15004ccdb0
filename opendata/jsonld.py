"""schema.org JSON-LD for public pages: what search engines and data users read from the page head."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from core.links import page_url
from opendata.kinds import kind_of
from opendata.serializers import owning_council, regional_centre
from opendata.visibility import public_pages

SCHEMA_TYPES = {
    "challenge": "CreativeWork",
    "case_study": "Report",
    "pattern": "HowTo",
    "experiment": "ResearchProject",
    "collection": "Collection",
    "council": "GovernmentOrganization",
}
GENRES = {"challenge": "Shared challenge", "case_study": "Case study", "pattern": "Reusable pattern"}


def organisation(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": page.title, "url": page_url(page)}
    if getattr(page, "gss_code", ""):
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "GSS code", "value": page.gss_code}
    return data


def page_jsonld(page: Page) -> dict[str, Any] | None:
    """The JSON-LD object for a page, or None when the page is not live and public (drafts, previews, private)."""
    # Built from the published version in the database, never from the object handed in: in a preview that
    # object carries unpublished changes.
    kind = kind_of(page)
    live = public_pages().filter(pk=page.pk).specific().first() if kind is not None and page.pk else None
    if kind is None or live is None:
        return None
    page = live
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[kind.name],
        "name": page.title,
        "url": page_url(page),
    }
    if getattr(page, "summary", ""):
        data["description"] = page.summary
    if kind.name == "council":
        data.update(organisation(page))
        data["@context"] = "https://schema.org"
        if page.website:
            data["sameAs"] = page.website
        data["areaServed"] = page.region.name
        return data
    if kind.name in GENRES:
        data["genre"] = GENRES[kind.name]
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    owner = regional_centre(page) if kind.name in ("experiment", "collection") else owning_council(page)
    if owner is not None:
        data["publisher"] = organisation(owner)
    if getattr(page, "service_area", None):
        data["about"] = page.service_area.name
    if getattr(page, "source_url", ""):
        data["isBasedOn"] = page.source_url
    tags = getattr(page, "tags", None)
    if tags is not None:
        names = sorted(t.name for t in tags.all())
        if names:
            data["keywords"] = ", ".join(names)
    return data
