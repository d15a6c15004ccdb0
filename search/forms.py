"""One parser for search parameters, shared by the search page and the search API.

It never raises on user input: it returns the usable query plus a list of problems. The API answers 400 when there
are problems; the HTML page shows them in an error summary and carries on with what it could use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from core.kinds import LABELS
from core.numbers import parse_whole_number
from core.text import control_character, control_character_message
from search.facets import FACET_LABELS, FACETS
from search.types import KINDS, SearchQuery

MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 200
MAX_VALUES_PER_FACET = 20
# Deep pages cost the engine more and no person reads them; crawlers should narrow their filters instead.
MAX_PAGE = 500
PAGE_SIZE = 20
MAX_API_PAGE_SIZE = 100
SORTS = ("relevance", "newest")
_WHITESPACE = re.compile(r"\s+")

KIND_LABELS: dict[str, str] = LABELS


class ParamSource(Protocol):
    """A QueryDict, or anything else that can give every value of a parameter."""

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class ParamError:
    parameter: str
    message: str


@dataclass(frozen=True)
class SearchParams:
    query: SearchQuery
    errors: tuple[ParamError, ...] = ()
    # The cleaned values, for echoing back into the form (selected checkboxes, the search box).
    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def text_is_valid(self) -> bool:
        return all(e.parameter != "q" for e in self.errors)


class _MultiDict:
    def __init__(self, data: Mapping[str, Sequence[str] | str]) -> None:
        self._data = data

    def getlist(self, key: str) -> list[str]:
        value = self._data.get(key, [])
        return [value] if isinstance(value, str) else list(value)


def normalise_text(text: str) -> str:
    """Collapse whitespace; the engine parses words, phrases, exclusions and OR itself."""
    return _WHITESPACE.sub(" ", text).strip()


def _last(source: ParamSource, key: str) -> str | None:
    values = source.getlist(key)
    return values[-1].strip() if values else None


def _int_param(
    source: ParamSource, key: str, default: int, low: int, high: int, errors: list[ParamError], label: str
) -> int:
    raw = _last(source, key)
    if raw is None or raw == "":
        return default
    value = parse_whole_number(raw, low=low, high=high)
    if value is None:
        errors.append(ParamError(key, f"{label} must be a whole number from {low} to {high}"))
        return default
    return value


def _facet_values(source: ParamSource, name: str, errors: list[ParamError]) -> tuple[str, ...]:
    label = FACET_LABELS[name]
    values: list[str] = []
    for raw in source.getlist(name):
        value = normalise_text(raw)
        if not value or value in values:
            continue
        if len(value) > MAX_VALUE_LENGTH:
            errors.append(ParamError(name, f"{label} must be {MAX_VALUE_LENGTH} characters or fewer"))
        elif (character := control_character(value)) is not None:
            # Refused here, before a NUL reaches PostgreSQL or a control character reaches a feed's XML.
            errors.append(ParamError(name, control_character_message(label, character)))
        elif name == "kind" and value not in KINDS:
            errors.append(ParamError(name, f"Type of content must be one of: {', '.join(KINDS)}"))
        elif name == "year" and (len(value) != 4 or parse_whole_number(value, low=1900, high=2100) is None):
            errors.append(ParamError(name, "Year must be a 4-digit year, like 2024"))
        else:
            values.append(value)
    if len(values) > MAX_VALUES_PER_FACET:
        errors.append(ParamError(name, f"Choose {MAX_VALUES_PER_FACET} or fewer values for {label.lower()}"))
        values = values[:MAX_VALUES_PER_FACET]
    return tuple(values)


def parse_search_params(
    data: ParamSource | Mapping[str, Sequence[str] | str], *, allow_page_size: bool = False
) -> SearchParams:
    """Validate search parameters. `allow_page_size` is for the API; the page always shows PAGE_SIZE results."""
    source: ParamSource = data if hasattr(data, "getlist") else _MultiDict(data)  # type: ignore[arg-type,assignment]
    errors: list[ParamError] = []

    text = normalise_text(_last(source, "q") or "")
    if len(text) > MAX_QUERY_LENGTH:
        errors.append(ParamError("q", f"Search terms must be {MAX_QUERY_LENGTH} characters or fewer"))
        text = ""
    elif (character := control_character(text)) is not None:
        errors.append(ParamError("q", control_character_message("Search terms", character)))
        text = ""

    filters: dict[str, tuple[str, ...]] = {}
    for name in FACETS:
        values = _facet_values(source, name, errors)
        if values:
            filters[name] = values

    sort = _last(source, "sort") or "relevance"
    if sort not in SORTS:
        errors.append(ParamError("sort", "Sort must be 'relevance' or 'newest'"))
        sort = "relevance"

    page = _int_param(source, "page", 1, 1, MAX_PAGE, errors, "Page")
    page_size = PAGE_SIZE
    if allow_page_size:
        page_size = _int_param(source, "page_size", PAGE_SIZE, 1, MAX_API_PAGE_SIZE, errors, "Page size")

    query = SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=page_size)  # type: ignore[arg-type]
    selected = {"q": (text,) if text else (), **filters}
    return SearchParams(query=query, errors=tuple(errors), selected=selected)
