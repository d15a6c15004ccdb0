"""Shared challenges (a problem others can join) and case studies (pilot write-ups)."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db import models
from django.db.models import Count, F, Q, prefetch_related_objects
from django.db.models.functions import Length, Substr
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from challenges.panels import SimilarContentPanel
from core.listing import ListingPageMixin
from core.pages import ContentPage, is_dormant
from core.text import MAX_BODY_LENGTH, CleanTextMixin
from councils.widgets import CouncilsChooser
from search.documents import page_document
from search.types import SearchDocument


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEING_WORKED_ON = "being_worked_on", "Being worked on"
    SOLVED = "solved", "Solved"


class Stage(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"
    LIVE = "live", "Live"
    STOPPED = "stopped", "Stopped"


class EvidenceStrength(models.TextChoices):
    ANECDOTAL = "anecdotal", "Anecdotal"
    MEASURED = "measured", "Measured"
    INDEPENDENTLY_EVALUATED = "independently_evaluated", "Independently evaluated"


class RegisterFacts(NamedTuple):
    """A case study's suppliers and products, all from its linked register products."""

    products: list[Any]  # marketplace products, their suppliers loaded, by name
    suppliers: list[str]  # their suppliers' names, each once, by name


class ChallengePageTag(TaggedItemBase):
    content_object = ParentalKey("ChallengePage", related_name="tagged_items", on_delete=models.CASCADE)


class CaseStudyPageTag(TaggedItemBase):
    content_object = ParentalKey("CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE)


class ChallengePage(ContentPage):
    problem_statement = models.TextField(max_length=MAX_BODY_LENGTH, help_text="Markdown.")
    who_is_affected = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    desired_outcomes = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    tags = ClusterTaggableManager(through=ChallengePageTag, blank=True)

    parent_page_types = ["councils.CouncilPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        *ContentPage.summary_panels,
        SimilarContentPanel(),
        FieldPanel("status"),
        FieldPanel("problem_statement"),
        FieldPanel("who_is_affected"),
        FieldPanel("desired_outcomes"),
        FieldPanel("tags"),
        FieldPanel("last_confirmed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "shared challenge"

    @staticmethod
    def partner_count() -> Count:
        """Councils interested in a challenge other than the one that published it (its parent page): the number the
        collaborative-funding threshold and the "most interested" lists count. For `.annotate()`."""
        parent_path = Substr(F("path"), 1, Length(F("path")) - Page.steplen)
        return Count("interests", filter=~Q(interests__council__path=parent_path))

    @property
    def is_dormant(self) -> bool:
        """Unconfirmed for settings.DORMANT_AFTER_DAYS: shown as dormant and ranked lower in search."""
        return is_dormant(self)  # the rule in core.pages (a module-level name: methods do not see the class's)

    def search_document(self) -> SearchDocument:
        return page_document(
            self,
            kind="challenge",
            body=[self.problem_statement, self.who_is_affected, self.desired_outcomes],
            stage=self.get_status_display(),
            tags=self.tags.names(),
        )


class CaseStudyPage(ContentPage):
    problem = models.TextField(max_length=MAX_BODY_LENGTH, help_text="Markdown.")
    approach = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    outcomes = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    lessons_learned = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DISCOVERY)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    cost_pounds = models.PositiveIntegerField("cost (£)", null=True, blank=True)
    partner_councils = ParentalManyToManyField(
        "councils.CouncilPage", blank=True, related_name="partnered_case_studies"
    )
    # The one source of a case study's suppliers and products: the page, search filters, the product's page and the
    # open data all read these links (a product brings its supplier with it).
    product_records = ParentalManyToManyField(
        "marketplace.Product",
        blank=True,
        related_name="case_studies",
        verbose_name="products",
        help_text="Products used, from the marketplace register. Their suppliers are shown with them, the product's "
        "page lists this case study, and search can filter by them.",
    )
    also_mentioned = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Optional. Other help named in the write-up that is not in the marketplace register, such as an "
        "in-house team, separated by commas. Shown on the page as 'Also mentioned'; not used by search filters.",
    )
    challenge = models.ForeignKey(
        ChallengePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text="The shared challenge this work answers, if any.",
    )
    money_saved_per_year = models.PositiveIntegerField("money saved per year (£)", null=True, blank=True)
    staff_hours_saved_per_year = models.PositiveIntegerField(null=True, blank=True)
    residents_reached = models.PositiveIntegerField(null=True, blank=True)
    evidence_strength = models.CharField(
        max_length=30, choices=EvidenceStrength.choices, default=EvidenceStrength.ANECDOTAL
    )
    tags = ClusterTaggableManager(through=CaseStudyPageTag, blank=True)

    parent_page_types = ["councils.CouncilPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        *ContentPage.summary_panels,
        SimilarContentPanel(),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("problem"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("lessons_learned"),
        MultiFieldPanel(
            [
                FieldPanel("money_saved_per_year"),
                FieldPanel("staff_hours_saved_per_year"),
                FieldPanel("residents_reached"),
                FieldPanel("evidence_strength"),
                FieldPanel("cost_pounds"),
            ],
            heading="Impact in numbers",
        ),
        FieldPanel("partner_councils", widget=CouncilsChooser),
        FieldPanel("product_records"),
        FieldPanel("also_mentioned"),
        InlinePanel("reusable_outputs", label="Reusable outputs"),
        FieldPanel("challenge"),
        FieldPanel("tags"),
        FieldPanel("last_confirmed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def register_facts(self) -> RegisterFacts:
        """The linked register products and their suppliers (a query each; in a preview too, where the links are
        held in memory)."""
        products = sorted(self.product_records.all(), key=lambda p: (p.name.lower(), p.pk))
        prefetch_related_objects(products, "supplier")
        return RegisterFacts(products, sorted({p.supplier.name for p in products}, key=str.lower))

    @property
    def suppliers(self) -> list[str]:
        """The suppliers of the linked products, each once, by name."""
        return self.register_facts().suppliers

    @property
    def products(self) -> list[str]:
        """The linked products' names."""
        return list(dict.fromkeys(p.name for p in self.register_facts().products))

    @property
    def also_mentioned_names(self) -> list[str]:
        """What the write-up names beyond the register: shown as 'Also mentioned', never a facet."""
        return [part.strip() for part in self.also_mentioned.split(",") if part.strip()]

    def search_document(self) -> SearchDocument:
        facts = self.register_facts()  # the supplier and product facets
        return page_document(
            self,
            kind="case_study",
            # Linked products and their suppliers are searchable words too ("who has used RoundSight?"); what is
            # also mentioned is searchable but never a facet value.
            body=[
                self.problem,
                self.approach,
                self.outcomes,
                self.lessons_learned,
                self.also_mentioned,
                *(f"{p.name} {p.supplier.name}" for p in facts.products),
            ],
            stage=self.get_stage_display(),
            evidence_strength=self.get_evidence_strength_display(),
            tags=self.tags.names(),
            partner_councils=self.partner_councils.all(),
            suppliers=facts.suppliers,
            products=[p.name for p in facts.products],
        )


class ReusableOutput(CleanTextMixin, Orderable):
    page = ParentalKey(CaseStudyPage, related_name="reusable_outputs", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    url = models.URLField("link")
    licence = models.CharField(max_length=100, blank=True, help_text="For example: MIT, OGL v3.0, CC BY 4.0.")

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("licence")]


class ChallengeIndexPage(CleanTextMixin, ListingPageMixin, Page):
    """The public finder for shared challenges across every council."""

    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class CaseStudyIndexPage(CleanTextMixin, ListingPageMixin, Page):
    """The public finder for case studies across every council."""

    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class InterestRole(models.TextChoices):
    LEAD = "lead", "Lead"
    PARTNER = "partner", "Partner"
    OBSERVER = "observer", "Observer"
    WOULD_ADOPT = "would_adopt", "Would adopt the result"


class ChallengeInterest(CleanTextMixin, models.Model):
    """'We have this challenge too': one council's interest in a challenge (once per council, withdrawable)."""

    challenge = models.ForeignKey(ChallengePage, on_delete=models.CASCADE, related_name="interests")
    council = models.ForeignKey("councils.CouncilPage", on_delete=models.CASCADE, related_name="challenge_interests")
    role = models.CharField(max_length=20, choices=InterestRole.choices, default=InterestRole.PARTNER)
    pledge_staff_days = models.PositiveIntegerField("staff days", null=True, blank=True)
    pledge_money = models.PositiveIntegerField("money (£)", null=True, blank=True)
    pledge_data = models.BooleanField("data", default=False)
    pledge_test_users = models.BooleanField("test users", default=False)
    note = models.TextField(max_length=500, blank=True)
    registered_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "council"], name="one_interest_per_council"),
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.challenge}"

    @property
    def pledges(self) -> list[str]:
        """The pledge as short phrases for display ('5 staff days', '£2,000', 'data', 'test users')."""
        out = []
        if self.pledge_staff_days:
            out.append(f"{self.pledge_staff_days} staff day{'s' if self.pledge_staff_days != 1 else ''}")
        if self.pledge_money:
            out.append(f"£{self.pledge_money:,}")
        if self.pledge_data:
            out.append("data")
        if self.pledge_test_users:
            out.append("test users")
        return out
