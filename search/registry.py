"""What the index holds. Content apps register theirs (in AppConfig.ready), so `search` imports none of them.

- Page types: each live, public page of a registered type is one document (`search_document()`).
- Document sources: documents that are not pages (a council's systems register lines), kept by their own app.
- The owning council: who owns a page (name, type, region), looked up by the app that keeps councils.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.apps import apps
from django.db.models import Model
from wagtail.models import Page

from search.types import SearchDocument

_registered: dict[str, None] = {}


class DocumentSource(Protocol):
    """Documents that are not pages. Their ids are "<prefix>:<key>"; the owning app queues changes to them."""

    prefix: str

    def documents(self, doc_ids: Sequence[str]) -> dict[str, SearchDocument]:
        """The current public documents for these ids; an id left out must be removed from the index."""
        ...

    def doc_ids_for_pages(self, page_ids: Sequence[int]) -> list[str]:
        """Documents whose content or visibility follows these pages (a council page's register lines)."""
        ...

    def all_documents(self) -> Iterator[SearchDocument]:
        """Every public document, for a full reindex."""
        ...


_sources: dict[str, DocumentSource] = {}


def register(model_label: str) -> None:
    """Register a page model ("app_label.ModelName") whose instances have `search_document()`."""
    _registered[model_label] = None


def searchable_models() -> list[type[Page]]:
    return [apps.get_model(label) for label in _registered]


def is_searchable(model: type[Model]) -> bool:
    return any(issubclass(model, searchable) for searchable in searchable_models())


def register_source(source: DocumentSource) -> None:
    """Register a source of non-page documents; its prefix must not be "page" (page documents' prefix)."""
    if source.prefix == "page" or ":" in source.prefix:
        raise ValueError(f"A document source cannot use the prefix {source.prefix!r}")
    _sources[source.prefix] = source


def document_sources() -> list[DocumentSource]:
    return list(_sources.values())


def source_for(doc_id: str) -> DocumentSource | None:
    return _sources.get(doc_id.partition(":")[0])


@dataclass(frozen=True)
class OwningCouncil:
    """What a page's document takes from the council that owns it."""

    name: str
    region: str  # "" when the council has no region
    # Facet values the council gives all it owns, by facet name: {"council_type": ("Unitary authority",), ...}
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_owner_lookup: list[Callable[[Page], OwningCouncil | None]] = []


def register_owner_lookup(lookup: Callable[[Page], OwningCouncil | None]) -> None:
    """Register the one function that finds the council owning a page (None for a page no council owns)."""
    _owner_lookup[:] = [lookup]


def owning_council(page: Page) -> OwningCouncil | None:
    """The council that owns the page, or None (no lookup registered, or a page outside every council)."""
    return _owner_lookup[0](page) if _owner_lookup else None
