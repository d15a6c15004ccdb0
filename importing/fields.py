"""The import format, declared once: a table of fields for each kind of page.

The validator, the CSV template and the JSON Schema for JSON Lines are all read from these tables, and each
field's limit comes from the page model's own field, so the format cannot drift from the models or from itself.
A field's name is the column name in CSV and the key in JSON Lines. Names the open-data CSV export uses
(opendata/csv_export.py) mean the same here, so an exported file imports again as it is.
"""

from __future__ import annotations

import builtins
import enum
from dataclasses import dataclass

from django.db import models
from wagtail.models import Page

from challenges.models import CaseStudyPage, ChallengePage, ChallengeStatus, EvidenceStrength, ReusableOutput, Stage
from core.text import MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH
from experiments.models import CollectionPage, ExperimentPage, ExperimentStatus, RegionalCentrePage
from patterns.models import Maturity, PatternCriterion, PatternPage

# The largest value of a PositiveIntegerField on every database Django supports.
MAX_POSITIVE_INTEGER = 2_147_483_647
EARLIEST_YEAR = 1990


class Type(enum.Enum):
    """How a field's value is written and checked. List types hold several values."""

    KIND = "kind"
    LINE = "line"  # one line of text
    MARKDOWN = "markdown"  # long text, Markdown
    CHOICE = "choice"  # one of the field's choices, by value or label
    DATE = "date"  # YYYY-MM-DD
    LINK = "link"  # a full web address, https:// or http://
    NUMBER = "number"  # a whole number, ASCII digits
    YEAR = "year"  # the year first published
    PUBLISHED = "published"  # the date first published, YYYY-MM-DD
    SLUG = "slug"  # the last part of the page's address
    COUNCIL = "council"  # a council's name or GSS code
    CENTRE = "centre"  # a regional centre's name
    REGIONS = "regions"  # list: English regions or nations, by name
    EMAIL = "email"  # an e-mail address
    SERVICE_AREA = "service_area"
    COUNCILS = "councils"  # list: councils' names or GSS codes
    TAGS = "tags"  # list
    PRODUCTS = "products"  # list: marketplace register products, "Name" or "Name (Supplier)"
    SUPPLIERS = "suppliers"  # list: marketplace register suppliers of those products
    NAMES = "names"  # list of names kept as one line of text, separated by commas (as people type them in the editor)
    CHALLENGE = "challenge"  # a shared challenge's title
    CASE_STUDY = "case_study"  # a case study's title
    CASE_STUDIES = "case_studies"  # list: case studies' titles
    ITEMS = "items"  # list of collection items: kind, title, note
    OUTPUTS = "outputs"  # list of reusable outputs: title, link, licence
    CRITERIA = "criteria"  # list: compliance checklist items
    IGNORED = "ignored"  # written by the export, read back from the site (id, url, regions): accepted and not used


LIST_TYPES = frozenset(
    {
        Type.COUNCILS,
        Type.REGIONS,
        Type.TAGS,
        Type.PRODUCTS,
        Type.SUPPLIERS,
        Type.NAMES,
        Type.CASE_STUDIES,
        Type.ITEMS,
        Type.OUTPUTS,
        Type.CRITERIA,
    }
)
# Types whose value fills one text column of the page, limited by that column's length.
TEXT_TYPES = frozenset({Type.LINE, Type.MARKDOWN, Type.NAMES, Type.LINK})
# In CSV, most list values are separated by semicolons; reusable outputs (whose links may hold a semicolon) and
# collection items (whose notes may) are one a line within the cell, written "title | link | licence" and
# "kind | title | note".
CSV_LIST_SEPARATOR = ";"
ONE_A_LINE_TYPES = frozenset({Type.OUTPUTS, Type.ITEMS})
CSV_OUTPUT_SEPARATOR = " | "


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    help: str
    attr: str = ""  # the page model's attribute it fills; "" when it is not one field of the page
    required: bool = False
    fallback: str = ""  # the field whose value is used when this one is empty
    choices: builtins.type[models.TextChoices] | None = None  # builtins: `type` here is the field above

    @property
    def is_list(self) -> bool:
        return self.type in LIST_TYPES


@dataclass(frozen=True)
class KindFormat:
    name: str
    label: str
    model: type[Page]
    fields: tuple[Field, ...]
    # Where its pages go: under their "council" or "centre", or in the "patterns" or "centres" section.
    parent: str = "council"

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def max_length(self, field: Field) -> int | None:
        """The page model's limit for the attribute the field fills (title: Wagtail's own column)."""
        if field.attr == "title":
            return MAX_TITLE_LENGTH
        if not field.attr or field.type not in TEXT_TYPES:
            return None
        return self.model._meta.get_field(field.attr).max_length


KIND = Field(
    "kind", Type.KIND, "challenge, case_study, pattern, regional_centre, experiment or collection", required=True
)
TITLE = Field("title", Type.LINE, "The page title", attr="title", required=True)
SLUG = Field(
    "slug",
    Type.SLUG,
    "The last part of the page's web address: letters, numbers and hyphens (made from the title when empty)",
    attr="slug",
)
SUMMARY = Field("summary", Type.LINE, "One or two sentences, shown in listings", attr="summary", required=True)
SERVICE_AREA = Field("service_area", Type.SERVICE_AREA, "One of the service areas", attr="service_area_id")
TAGS = Field("tags", Type.TAGS, "Tags", attr="tags")
YEAR = Field("year", Type.YEAR, "The year it was first published (4 digits)")
PUBLISHED = Field("published", Type.PUBLISHED, "The date it was first published (YYYY-MM-DD)")
LAST_CONFIRMED = Field(
    "last_confirmed",
    Type.DATE,
    "When its owners last confirmed it is still accurate (YYYY-MM-DD; the day of the import when empty)",
    attr="last_confirmed",
)
SOURCE = Field(
    "source", Type.LINK, "The public page it summarises, if first published elsewhere (https://…)", attr="source_url"
)
# Columns of the open-data export that the site works out for itself.
EXPORT_ONLY = (
    Field("id", Type.IGNORED, "The page's id on the site it came from (not used)"),
    Field("url", Type.IGNORED, "The page's address on the site it came from (not used)"),
    Field("regions", Type.IGNORED, "The council's regions (not used: they come from the council)"),
)


def _council(kind: str) -> Field:
    return Field("council", Type.COUNCIL, f"The council that owns the {kind} (name or GSS code)", required=True)


def _centre(kind: str) -> Field:
    return Field("centre", Type.CENTRE, f"The regional centre that runs the {kind} (its name)", required=True)


def _body(attr: str, what: str) -> Field:
    return Field("body", Type.MARKDOWN, f"Another name for {attr} ({what}), Markdown", attr=attr)


def _stage(attr: str, choices: type[models.TextChoices]) -> Field:
    return Field("stage", Type.CHOICE, f"Another name for {attr}", attr=attr, choices=choices)


def _markdown(attr: str, help: str, **options: object) -> Field:
    return Field(attr, Type.MARKDOWN, f"{help}, Markdown", attr=attr, **options)  # type: ignore[arg-type]


CHALLENGE = KindFormat(
    "challenge",
    "Shared challenge",
    ChallengePage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        _council("challenge"),
        SERVICE_AREA,
        Field("status", Type.CHOICE, "open, being worked on or solved", attr="status", choices=ChallengeStatus),
        _stage("status", ChallengeStatus),
        _markdown("problem_statement", "The problem", required=True),
        _body("problem_statement", "the problem"),
        _markdown("who_is_affected", "Who is affected"),
        _markdown("desired_outcomes", "The outcomes wanted"),
        TAGS,
        YEAR,
        PUBLISHED,
        LAST_CONFIRMED,
        SOURCE,
        *EXPORT_ONLY,
    ),
)

CASE_STUDY = KindFormat(
    "case_study",
    "Case study",
    CaseStudyPage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        _council("case study"),
        Field("partner_councils", Type.COUNCILS, "Councils that took part", attr="partner_councils"),
        SERVICE_AREA,
        Field("stage", Type.CHOICE, "discovery, alpha, beta, live or stopped", attr="stage", choices=Stage),
        Field("start_date", Type.DATE, "When the work started (YYYY-MM-DD)", attr="start_date"),
        Field("end_date", Type.DATE, "When the work ended (YYYY-MM-DD)", attr="end_date"),
        # The open-data export has no problem column: the summary stands in, so an exported file imports again.
        _markdown("problem", "The problem (the summary when empty)", required=True, fallback="summary"),
        _body("problem", "the problem"),
        _markdown("approach", "What was done"),
        _markdown("outcomes", "What happened"),
        _markdown("lessons_learned", "Lessons learned"),
        Field("money_saved_per_year", Type.NUMBER, "Pounds saved a year", attr="money_saved_per_year"),
        Field("staff_hours_saved_per_year", Type.NUMBER, "Staff hours saved a year", attr="staff_hours_saved_per_year"),
        Field("residents_reached", Type.NUMBER, "Residents reached", attr="residents_reached"),
        Field(
            "evidence_strength",
            Type.CHOICE,
            "anecdotal, measured or independently evaluated",
            attr="evidence_strength",
            choices=EvidenceStrength,
        ),
        Field("cost_pounds", Type.NUMBER, "What it cost, in pounds", attr="cost_pounds"),
        Field(
            "products",
            Type.PRODUCTS,
            "Products used, by their marketplace register name ('Name', or 'Name (Supplier)' when two share a name)",
            attr="product_records",
        ),
        Field("suppliers", Type.SUPPLIERS, "Suppliers of those products, by their marketplace register name"),
        Field(
            "also_mentioned",
            Type.NAMES,
            "Other help the write-up names that is not in the marketplace register, such as an in-house team: a list, "
            "or names separated by commas (shown as 'Also mentioned', never used by search filters)",
            attr="also_mentioned",
        ),
        Field(
            "reusable_outputs",
            Type.OUTPUTS,
            "Things others can reuse: title, link and licence (in CSV one a line, 'title | link | licence')",
            attr="reusable_outputs",
        ),
        Field("challenge", Type.CHALLENGE, "The title of the shared challenge this work answers", attr="challenge_id"),
        TAGS,
        YEAR,
        PUBLISHED,
        LAST_CONFIRMED,
        SOURCE,
        *EXPORT_ONLY,
    ),
)

PATTERN = KindFormat(
    "pattern",
    "Pattern",
    PatternPage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        SERVICE_AREA,
        Field("maturity", Type.CHOICE, "proposed, piloted, recommended or standard", attr="maturity", choices=Maturity),
        _stage("maturity", Maturity),
        # A pattern's summary states the problem it solves, unless the problem is given.
        _markdown("problem", "The problem it solves (the summary when empty)", required=True, fallback="summary"),
        _markdown("solution", "The solution", required=True),
        _body("solution", "the solution"),
        _markdown("when_to_use", "When to use it"),
        _markdown("when_not_to_use", "When not to use it"),
        Field("evidence", Type.CASE_STUDIES, "Titles of case studies that show it working", attr="evidence"),
        Field("criteria", Type.CRITERIA, "The compliance checklist, one item each", attr="criteria"),
        TAGS,
        YEAR,
        PUBLISHED,
        LAST_CONFIRMED,
        SOURCE,
        *EXPORT_ONLY,
    ),
    parent="patterns",
)

REGIONAL_CENTRE = KindFormat(
    "regional_centre",
    "Regional centre",
    RegionalCentrePage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        Field(
            "regions",
            Type.REGIONS,
            "The English regions and nations it serves, by name or short name (like 'North East' or 'north-east')",
            attr="regions",
            required=True,
        ),
        _markdown("about", "What the centre does"),
        Field("contact_email", Type.EMAIL, "An e-mail address for the centre", attr="contact_email"),
        YEAR,
        PUBLISHED,
    ),
    parent="centres",
)

EXPERIMENT = KindFormat(
    "experiment",
    "Experiment",
    ExperimentPage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        _centre("experiment"),
        SERVICE_AREA,
        Field("status", Type.CHOICE, "proposed, running or concluded", attr="status", choices=ExperimentStatus),
        _stage("status", ExperimentStatus),
        Field("start_date", Type.DATE, "When it starts or started (YYYY-MM-DD)", attr="start_date"),
        Field("end_date", Type.DATE, "When it ends or ended (YYYY-MM-DD)", attr="end_date"),
        _markdown("hypothesis", "What you believe, and what would show it is true", required=True),
        _body("hypothesis", "what you believe"),
        _markdown("what_is_tested", "What is tested"),
        _markdown("success_measures", "How success is measured"),
        _markdown("results", "What happened"),
        Field(
            "participating_councils",
            Type.COUNCILS,
            "Councils taking part (names or GSS codes)",
            attr="participating_councils",
        ),
        Field(
            "challenge", Type.CHALLENGE, "The title of the shared challenge it tests an answer to", attr="challenge_id"
        ),
        Field("case_study", Type.CASE_STUDY, "The title of the case study written from it", attr="case_study_id"),
        TAGS,
        YEAR,
        PUBLISHED,
        LAST_CONFIRMED,
        SOURCE,
    ),
    parent="centre",
)

COLLECTION = KindFormat(
    "collection",
    "Collection",
    CollectionPage,
    (
        KIND,
        TITLE,
        SLUG,
        SUMMARY,
        _centre("collection"),
        SERVICE_AREA,
        _markdown("intro", "What the collection is for"),
        Field(
            "items",
            Type.ITEMS,
            "The pages in it, in order: each a kind (challenge, case_study, pattern or experiment), a title and a "
            "note saying why it is there (in CSV one a line, 'kind | title | note')",
            attr="items",
        ),
        YEAR,
        PUBLISHED,
        LAST_CONFIRMED,
        SOURCE,
    ),
    parent="centre",
)

FORMATS: dict[str, KindFormat] = {
    f.name: f for f in (CHALLENGE, CASE_STUDY, PATTERN, REGIONAL_CENTRE, EXPERIMENT, COLLECTION)
}
# In the order records are written (a record may name a page of a kind above it). The kinds the registry marks
# importable (core/kinds.py) are these, bar the regional centres, which are pages but not a kind of content.
KINDS = tuple(FORMATS)
# Every field name of any kind, in a stable order: the CSV template's header.
ALL_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f.name for kind in FORMATS.values() for f in kind.fields))

# Limits of list items, from the models they become.
OUTPUT_TITLE_LENGTH = ReusableOutput._meta.get_field("title").max_length
OUTPUT_LICENCE_LENGTH = ReusableOutput._meta.get_field("licence").max_length
CRITERION_LENGTH = PatternCriterion._meta.get_field("text").max_length
# The kinds of page a collection item may point at: every kind a collection can hold, by its title.
ITEM_KINDS = ("challenge", "case_study", "pattern", "experiment")
MAX_ITEM_NOTE = MAX_SUMMARY_LENGTH  # the note is shown beside the page, like a summary
MAX_TAG = 100
