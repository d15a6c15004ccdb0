"""Every kind of content declared once: its names, labels, model and what the site does with it.

Search, open data, feeds, the section pages, the page cache, confirmation reminders, the importer and the
similar-content check all read this list; none keeps a list of its own. Models are named by string
("app_label.ModelName") because `core` imports no other package of the project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model


@dataclass(frozen=True)
class Kind:
    name: str  # the search document's kind and the `kind` filter value
    label: str  # singular, in plain English: "Case study"
    plural_label: str  # "Case studies": open data, feeds and section pages
    plural_slug: str  # in URLs: /api/v1/<plural_slug>/, /feeds/<plural_slug>/, /<plural_slug>/
    model_label: str
    page: bool = True  # False for a kind that is not a page (a line of a council's systems register)
    index_model_label: str = ""  # the section listing page under Home; "" when the kind has none
    section: int = 0  # position of that section page under Home
    feed: bool = False  # has an Atom feed of its own
    open_data: bool = False  # has an open-data list, CSV export and JSON-LD
    reminded: bool = False  # owners are asked to confirm it is still current
    importable: bool = False  # can be uploaded in a bulk import file
    similar: bool = False  # offered when someone describes a problem or writes a challenge or case study

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    @property
    def app_label(self) -> str:
        return self.model_label.partition(".")[0]


# In the order search and the API list them.
REGISTRY: tuple[Kind, ...] = (
    Kind(
        "challenge",
        "Shared challenge",
        "Shared challenges",
        "challenges",
        "challenges.ChallengePage",
        index_model_label="challenges.ChallengeIndexPage",
        section=2,
        feed=True,
        open_data=True,
        reminded=True,
        importable=True,
        similar=True,
    ),
    Kind(
        "case_study",
        "Case study",
        "Case studies",
        "case-studies",
        "challenges.CaseStudyPage",
        index_model_label="challenges.CaseStudyIndexPage",
        section=3,
        feed=True,
        open_data=True,
        reminded=True,
        importable=True,
        similar=True,
    ),
    Kind(
        "pattern",
        "Pattern",
        "Patterns and standards",
        "patterns",
        "patterns.PatternPage",
        index_model_label="patterns.PatternIndexPage",
        section=4,
        feed=True,
        open_data=True,
        reminded=True,
        importable=True,
        similar=True,
    ),
    Kind(
        "experiment",
        "Experiment",
        "Experiments",
        "experiments",
        "experiments.ExperimentPage",
        index_model_label="experiments.ExperimentIndexPage",
        section=5,
        feed=True,
        open_data=True,
        similar=True,
    ),
    Kind(
        "collection",
        "Collection",
        "Collections",
        "collections",
        "experiments.CollectionPage",
        feed=True,
        open_data=True,
    ),
    Kind(
        "council",
        "Council",
        "Councils",
        "councils",
        "councils.CouncilPage",
        index_model_label="councils.CouncilIndexPage",
        section=1,
        open_data=True,
    ),
    # One public line of a council's systems register (a product used for a service area).
    Kind("system", "Council system", "Council systems", "council-systems", "marketplace.CouncilSystem", page=False),
)
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in REGISTRY}
NAMES: tuple[str, ...] = tuple(BY_NAME)
LABELS: dict[str, str] = {kind.name: kind.label for kind in REGISTRY}


def kinds_where(test: Callable[[Kind], bool]) -> tuple[Kind, ...]:
    return tuple(kind for kind in REGISTRY if test(kind))


def names_where(test: Callable[[Kind], bool]) -> tuple[str, ...]:
    return tuple(kind.name for kind in kinds_where(test))


def sections() -> tuple[Kind, ...]:
    """The kinds with a section listing page under Home, in the order Home lists them."""
    return tuple(sorted(kinds_where(lambda k: bool(k.index_model_label)), key=lambda k: k.section))


def app_labels() -> tuple[str, ...]:
    """The apps that hold the content models, in registry order."""
    return tuple(dict.fromkeys(kind.app_label for kind in REGISTRY))
