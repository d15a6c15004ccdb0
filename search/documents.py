"""The one place search documents are built: page -> SearchDocument.

Each searchable page type has one method, `search_document(self) -> SearchDocument`, which calls
`page_document()` here with its own fields; everything shared (council, regions, dates, URL,
boost) is worked out here so every engine indexes exactly the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from wagtail.models import Page, PageViewRestriction

from core.markdown import markdown_to_text
from search.ranking import ranking
from search.registry import OwningCouncil, document_sources, is_searchable, owning_council, searchable_models
from search.types import MAX_INDEXED_BODY, SearchDocument


def doc_id(page_pk: int) -> str:
    return f"page:{page_pk}"


def page_document(
    page: Page,
    *,
    kind: str,
    body: Iterable[str] = (),
    summary: str = "",
    stage: str = "",
    evidence_strength: str = "",
    tags: Iterable[str] = (),
    partner_councils: Iterable[Page] = (),
    regions: Iterable[str] | None = None,
    regional_centre: str = "",
    service_area: object = None,
    suppliers: Iterable[str] = (),
    products: Iterable[str] = (),
    facets: Mapping[str, Iterable[str]] | None = None,
) -> SearchDocument:
    """Build a page's document. `body` holds Markdown fields; `regions` defaults to the owning council's region;
    `facets` adds the page's own values of facets with no field (search/facets.py) to its council's."""
    council = owning_council(page)
    if regions is None:
        regions = [council.region] if council is not None else []
    first = page.first_published_at
    last = page.last_published_at or first
    # Unconfirmed content still shows, lower down (ranking.yml: dormant_boost).
    boost = ranking().dormant_boost if getattr(page, "is_dormant", False) else 1.0
    return SearchDocument(
        id=doc_id(page.pk),
        kind=kind,
        title=page.title,
        url=page.url or "",
        summary=summary or getattr(page, "summary", "") or "",
        body=" ".join(markdown_to_text(text) for text in body if text)[:MAX_INDEXED_BODY],
        council=council.name if council is not None else "",
        partner_councils=tuple(dict.fromkeys(c.title for c in partner_councils if c.live)),
        regions=tuple(dict.fromkeys(r for r in regions if r)),
        service_area=str(service_area if service_area is not None else getattr(page, "service_area", None) or ""),
        stage=stage,
        evidence_strength=evidence_strength,
        tags=tuple(dict.fromkeys(tags)),
        suppliers=tuple(dict.fromkeys(s for s in suppliers if s)),
        products=tuple(dict.fromkeys(p for p in products if p)),
        regional_centre=regional_centre,
        published=first.date() if first else None,
        updated=last,
        boost=boost,
        facets=_facets(council, facets or {}),
    )


def _facets(council: OwningCouncil | None, own: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    merged = {**(council.facets if council is not None else {}), **own}
    return {name: tuple(dict.fromkeys(v for v in values if v)) for name, values in merged.items()}


def council_record_document(
    council: Page,
    *,
    doc_id: str,
    kind: str,
    title: str,
    summary: str,
    anchor: str = "",
    service_area: str = "",
    suppliers: Iterable[str] = (),
    products: Iterable[str] = (),
    boost: float = 1.0,
) -> SearchDocument:
    """A document for a council's record that is not a page (a register line): council, region and the council's
    facets from the council page, the URL that page's section. No dates: a record has no publication date of its own."""
    return SearchDocument(
        id=doc_id,
        kind=kind,
        title=title,
        url=f"{council.url or ''}{'#' + anchor if anchor else ''}",
        summary=summary,
        council=council.title,
        regions=(council.region.name,) if council.region_id else (),
        service_area=service_area,
        suppliers=tuple(dict.fromkeys(s for s in suppliers if s)),
        products=tuple(dict.fromkeys(p for p in products if p)),
        boost=boost,
        facets=_facets(owning_council(council), {}),
    )


def is_public(page: Page) -> bool:
    """Live, and no view restriction (password, login, groups) on the page or any ancestor."""
    return bool(page.live) and not page.get_view_restrictions().exists()


def build_document(page: Page) -> SearchDocument | None:
    """The page's document if it is a searchable type and live and public; otherwise None (never indexed)."""
    page = page.specific
    if not is_searchable(type(page)) or not is_public(page):
        return None
    return page.search_document()


def restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def live_public_pages() -> Iterator[Page]:
    """Every live, public page of a registered type, specific, in tree order (for a full reindex)."""
    private = restricted_paths()
    for model in searchable_models():
        for page in model.objects.live().order_by("path").iterator(chunk_size=500):
            if not any(page.path.startswith(path) for path in private):
                yield page


def all_documents() -> Iterator[SearchDocument]:
    """Every document a full reindex writes: live, public pages, then each registered source's documents."""
    for page in live_public_pages():
        yield page.search_document()
    for source in document_sources():
        yield from source.all_documents()


def source_document_count() -> int:
    """How many documents the registered sources put in the index (search_status adds them to the pages)."""
    return sum(sum(1 for _ in source.all_documents()) for source in document_sources())
