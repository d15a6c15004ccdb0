"""The published content types the open data and feeds expose, keyed like the search port's KINDS."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Page


@dataclass(frozen=True)
class Kind:
    name: str  # as in search.types.KINDS
    model_label: str  # string reference: no content app imports another's internals
    plural_slug: str  # used in URLs: /api/v1/<plural_slug>/, /feeds/<plural_slug>/
    label: str  # plain English, plural

    @property
    def model(self) -> type[Page]:
        return apps.get_model(self.model_label)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("challenge", "challenges.ChallengePage", "challenges", "Shared challenges"),
        Kind("case_study", "challenges.CaseStudyPage", "case-studies", "Case studies"),
        Kind("pattern", "patterns.PatternPage", "patterns", "Patterns and standards"),
        Kind("experiment", "experiments.ExperimentPage", "experiments", "Experiments"),
        Kind("collection", "experiments.CollectionPage", "collections", "Collections"),
        Kind("council", "councils.CouncilPage", "councils", "Councils"),
    )
}

BY_SLUG: dict[str, Kind] = {k.plural_slug: k for k in KINDS.values()}


def kind_of(page: Page) -> Kind | None:
    """The kind of a (specific) page, or None for pages the open data does not describe."""
    label = page.specific_class._meta.label if page.specific_class else ""
    return next((k for k in KINDS.values() if k.model_label == label), None)
