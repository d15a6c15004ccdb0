"""What every demo step uses: lookups and an idempotent "create this page if missing" helper.

Pages are keyed by slug under their parent. An existing page is never changed, so running the loader again
changes nothing and loses nothing (including edits people made to demo pages).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from wagtail.models import Page

from councils.models import CouncilPage, Region, ServiceArea

P = TypeVar("P", bound=Page)


@dataclass
class DemoContext:
    """Shared state for one run of `load_demo`."""

    home: Page
    write: Callable[[str], None] = print
    debug: bool = False
    created: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    _councils: dict[str, CouncilPage] = field(default_factory=dict)
    _service_areas: dict[str, ServiceArea] = field(default_factory=dict)

    def council(self, short_name: str) -> CouncilPage:
        if not self._councils:
            self._councils = {c.short_name: c for c in CouncilPage.objects.all()}
        return self._councils[short_name]

    def councils(self, short_names: Iterable[str]) -> list[CouncilPage]:
        return [self.council(name) for name in short_names]

    def service_area(self, name: str) -> ServiceArea:
        if not self._service_areas:
            self._service_areas = {area.name: area for area in ServiceArea.objects.all()}
        return self._service_areas[name]

    def regions(self, slugs: Iterable[str]) -> list[Region]:
        return list(Region.objects.filter(slug__in=list(slugs)))

    def section(self, slug: str) -> Page:
        return self.home.get_children().get(slug=slug).specific

    def find(self, page_class: type[P], parent: Page, slug: str) -> P | None:
        """A page made by an earlier step, by its parent and slug."""
        return page_class.objects.child_of(parent).filter(slug=slug).first()

    def ensure_page(
        self,
        parent: Page,
        page_class: type[P],
        slug: str,
        *,
        published: datetime.date | None = None,
        last_confirmed: datetime.date | None = None,
        tags: Iterable[str] = (),
        live: bool = True,
        **fields: Any,
    ) -> P:
        """Create and publish `page_class` at `parent/slug` unless a page already has that slug there."""
        existing = page_class.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            self.unchanged += 1
            return existing
        page = page_class(slug=slug, **fields)
        if tags:
            page.tags.add(*tags)
        if not live:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        self._stamp(page, published, last_confirmed)
        self.created += 1
        return page_class.objects.get(pk=page.pk)

    def _stamp(self, page: Page, published: datetime.date | None, last_confirmed: datetime.date | None) -> None:
        """The given dates instead of "now", so the demo looks lived-in."""
        if published is not None:
            moment = datetime.datetime.combine(published, datetime.time(10, 0), tzinfo=datetime.UTC)
            Page.objects.filter(pk=page.pk).update(
                first_published_at=moment if page.live else None,
                last_published_at=moment if page.live else None,
                latest_revision_created_at=moment,
            )
        # Publishing stamps `last_confirmed` with today; put the demo's own date back.
        if hasattr(page, "last_confirmed"):
            type(page).objects.filter(pk=page.pk).update(last_confirmed=last_confirmed)
