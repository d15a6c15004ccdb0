"""Filter groups as the search page's facet column and the listings' filters show them: checkboxes under a legend.

One presentation, so both look and behave alike; `templates/core/includes/filter_groups.html` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    selected: bool
    count: int | None = None  # results with this value, where the search engine counted them


@dataclass(frozen=True)
class FilterGroup:
    name: str  # the GET parameter
    label: str
    options: tuple[FilterOption, ...]
    collapsible: bool = False  # folds into a "details" element (open while one of its values is ticked)

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)
