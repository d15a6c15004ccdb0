"""Listing pages: one shared, lenient form for filter and page parameters; the filters and page links are shown
with the search page's presenters (core/filters.py, core/pagination.py) and templates.

Unknown or malformed values (page=abc, region=<script>, repeated parameters) are ignored or clamped and
reported back to the reader; they never raise. Each listing's own query (its finder) lives in the app that keeps
its pages (`<app>/listings.py`), which registers it for its index page type in `AppConfig.ready()`: the index pages
subclass `ListingPageMixin` and the finders import those pages, so `core` looks finders up rather than importing them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from wagtail.models import Page

from core.filters import FilterGroup, FilterOption
from core.numbers import parse_whole_number
from core.pagination import Pagination, pagination

MAX_PAGE_DIGITS = 9
# A filter with more choices than this (regions, service areas) folds away unless one of them is ticked.
FOLD_AFTER = 6


@dataclass(frozen=True)
class FilterSpec:
    """One filter of a listing: a GET parameter name, its legend and its allowed values."""

    name: str
    label: str
    choices: Sequence[tuple[str, str]]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the recognised values (deduplicated, in choice order) and silently drops the rest."""

    def clean(self, value: Any) -> list[str]:
        submitted = set(self.to_python(value))
        # The choices are set from a list, so they are one; the stubs give the setter's wider type.
        return [str(key) for key, _ in self.choices if str(key) in submitted]  # type: ignore[misc, union-attr]


class ListingForm(forms.Form):
    """The GET form shared by every listing page; filters are added per listing."""

    data: QueryDict
    page = forms.CharField(required=False, max_length=MAX_PAGE_DIGITS + 1, strip=True)

    def __init__(self, data: QueryDict, specs: Sequence[FilterSpec]) -> None:
        super().__init__(data)
        self.specs = list(specs)
        for spec in self.specs:
            self.fields[spec.name] = LenientMultipleChoiceField(
                label=spec.label, required=False, choices=list(spec.choices)
            )

    def filters(self) -> dict[str, list[str]]:
        """The recognised filter values; never raises."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {spec.name: cleaned.get(spec.name, []) for spec in self.specs}

    def ignored_values(self) -> bool:
        filters = self.filters()
        return any(
            set(self.data.getlist(spec.name)) - set(filters[spec.name]) for spec in self.specs if spec.name in self.data
        )

    def requested_page(self) -> int | None:
        """The page number asked for, or None when it is missing or not a whole number."""
        return parse_whole_number(self.data.get("page"), high=10**MAX_PAGE_DIGITS - 1)


@dataclass
class Listing:
    """Everything a listing template needs."""

    page_obj: PaginatorPage
    groups: list[FilterGroup]
    selected: dict[str, list[str]]
    notices: list[str] = field(default_factory=list)
    pagination: Pagination | None = None

    @property
    def items(self) -> list[Any]:
        """This page's results, evaluated once so attributes attached to them stick."""
        if not isinstance(self.page_obj.object_list, list):
            self.page_obj.object_list = list(self.page_obj.object_list)
        return self.page_obj.object_list

    @property
    def total(self) -> int:
        return self.page_obj.paginator.count

    @property
    def is_filtered(self) -> bool:
        return any(self.selected.values())

    @property
    def clear_url(self) -> str:
        """The listing without filters, linked to only while some are applied."""
        return "?" if self.is_filtered else ""


def filter_group(spec: FilterSpec, selected: Sequence[str]) -> FilterGroup:
    """A listing's filter as the shared filter template shows it: no counts, long lists folded away."""
    options = tuple(
        FilterOption(value=str(value), label=str(label), selected=str(value) in selected)
        for value, label in spec.choices
    )
    return FilterGroup(spec.name, spec.label, options, collapsible=len(options) > FOLD_AFTER)


def querystring(selected: dict[str, list[str]], page: int | None = None) -> str:
    pairs = [(name, value) for name, values in selected.items() for value in values]
    if page and page > 1:
        pairs.append(("page", str(page)))
    return "?" + urlencode(pairs) if pairs else "?"


def paginate(queryset: QuerySet[Any], form: ListingForm, notices: list[str]) -> PaginatorPage:
    """The requested page, clamped into range; explains any correction in `notices`."""
    paginator = Paginator(queryset, settings.LISTING_PAGE_SIZE)
    requested = form.requested_page()
    raw = (form.data.get("page") or "").strip()
    if requested is None:
        if raw:
            notices.append("The page number was not recognised, so you are seeing the first page.")
        requested = 1
    if requested < 1:
        notices.append("The page number was not recognised, so you are seeing the first page.")
        requested = 1
    if requested > paginator.num_pages:
        notices.append(f"There are only {paginator.num_pages} pages of results, so you are seeing the last page.")
        requested = paginator.num_pages
    return paginator.page(requested)


def build_listing(
    request: HttpRequest,
    queryset: QuerySet[Any],
    specs: Sequence[FilterSpec],
    apply_filters: Callable[[QuerySet[Any], dict[str, list[str]]], QuerySet[Any]],
) -> Listing:
    """Validate the GET parameters, filter, paginate, and describe the filters for the template."""
    form = ListingForm(request.GET, specs)
    selected = form.filters()
    notices: list[str] = []
    if form.ignored_values():
        notices.append("Some filter values were not recognised and have been ignored.")
    page_obj = paginate(apply_filters(queryset, selected), form, notices)
    return Listing(
        page_obj=page_obj,
        groups=[filter_group(spec, selected[spec.name]) for spec in specs],
        selected=selected,
        notices=notices,
        pagination=pagination(page_obj.number, page_obj.paginator.num_pages, lambda n: querystring(selected, n)),
    )


Finder = Callable[[HttpRequest], Listing]

_finders: dict[str, Finder] = {}


def register_finder(page_type: str, finder: Finder) -> None:
    """Register the listing an index page type ("app_label.ModelName") shows; called from `AppConfig.ready()`."""
    _finders[page_type.lower()] = finder


def finder_for(page_type: str) -> Finder:
    try:
        return _finders[page_type.lower()]
    except KeyError:
        raise LookupError(f"No listing is registered for {page_type}: call register_finder() in its app") from None


def attach_parents(items: list[Any], parent_model: type[Page], attribute: str, **related: Any) -> list[Any]:
    """Set `attribute` on each item to its parent page (one query for the whole page of results)."""
    paths = {item.path[: -Page.steplen] for item in items}
    parents = parent_model.objects.filter(path__in=paths)
    if related.get("select_related"):
        parents = parents.select_related(*related["select_related"])
    by_path = {parent.path: parent for parent in parents}
    for item in items:
        setattr(item, attribute, by_path.get(item.path[: -Page.steplen]))
    return items


class ListingPageMixin:
    """For index pages: puts `listing` (filtered, paginated results) in the template context, from the finder
    registered for the page's type."""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        context["listing"] = finder_for(self._meta.label)(request)  # type: ignore[attr-defined]
        return context
