"""GOV.UK pagination for every paged list (the search page and the listings): which page links to show.

Callers say how many pages there are, which one is shown and how to link to a page number, so each keeps its own
parameters in its links (the search page's words and facets, a listing's filters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    """A numbered link, or an ellipsis (no number) standing for the pages left out."""

    number: int | None
    href: str = ""
    current: bool = False

    @property
    def ellipsis(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class Pagination:
    links: tuple[PageLink, ...]
    previous_href: str = ""
    next_href: str = ""


def pagination(current: int, total_pages: int, href: Callable[[int], str]) -> Pagination | None:
    """First, last, the current page and its neighbours, with ellipses between; None for a single page."""
    if total_pages <= 1:
        return None
    numbers = sorted({1, total_pages, current - 1, current, current + 1} & set(range(1, total_pages + 1)))
    links: list[PageLink] = []
    for previous, number in zip([0, *numbers], numbers, strict=False):
        if number - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, href(number), current=number == current))
    return Pagination(
        links=tuple(links),
        previous_href=href(current - 1) if current > 1 else "",
        next_href=href(current + 1) if current < total_pages else "",
    )
