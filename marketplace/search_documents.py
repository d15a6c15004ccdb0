"""Council systems register lines as search documents: "who uses X for Y" is a search by product and service area.

Only the public part of a line reaches the index: council, service area, product and supplier. Contract dates,
cost band, satisfaction, open-API integration and notes never do (marketplace/access.py says who may see them).
A line is indexed only while its council page is live and public.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet

from core.numbers import parse_id
from marketplace.models import CouncilSystem
from search.documents import council_record_document, is_public, restricted_paths
from search.types import SearchDocument

PREFIX = "system"
KIND = "system"
# A register line is a thin document: below pages that match as well, so write-ups stay first.
BOOST = 0.5
# The council page's register section (templates/marketplace/includes/council_register_section.html).
ANCHOR = "systems-register-heading"


def doc_id(system_pk: int) -> str:
    return f"{PREFIX}:{system_pk}"


def system_document(system: CouncilSystem) -> SearchDocument:
    council, product = system.council, system.product
    supplier, area = product.supplier.name, system.service_area.name
    return council_record_document(
        council,
        doc_id=doc_id(system.pk),
        kind=KIND,
        title=f"{product.name} at {council.title}",
        summary=f"{council.title} uses {product.name} ({supplier}) for {area[:1].lower()}{area[1:]}.",
        anchor=ANCHOR,
        service_area=area,
        suppliers=[supplier],
        products=[product.name],
        boost=BOOST,
    )


def _lines() -> QuerySet[CouncilSystem]:
    return CouncilSystem.objects.select_related("council__region", "service_area", "product__supplier").order_by("pk")


class RegisterDocuments:
    """The search document source for register lines (registered in MarketplaceConfig.ready)."""

    prefix = PREFIX

    def documents(self, doc_ids: Sequence[str]) -> dict[str, SearchDocument]:
        keys = [key for key in (parse_id(d.partition(":")[2]) for d in doc_ids) if key is not None]
        public: dict[int, bool] = {}
        found = {}
        for system in _lines().filter(pk__in=keys):
            if system.council_id not in public:
                public[system.council_id] = is_public(system.council)
            if public[system.council_id]:
                found[doc_id(system.pk)] = system_document(system)
        return found

    def doc_ids_for_pages(self, page_ids: Sequence[int]) -> list[str]:
        pks = CouncilSystem.objects.filter(council_id__in=page_ids).values_list("pk", flat=True)
        return [doc_id(pk) for pk in pks]

    def all_documents(self) -> Iterator[SearchDocument]:
        private = restricted_paths()
        for system in _lines().filter(council__live=True).iterator(chunk_size=500):
            if not any(system.council.path.startswith(path) for path in private):
                yield system_document(system)
