"""Reusable patterns and service standards that councils adopt."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.listing import ListingPageMixin
from core.pages import ContentPage
from core.text import MAX_BODY_LENGTH, CleanTextMixin
from search.documents import page_document
from search.types import SearchDocument


class Maturity(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PILOTED = "piloted", "Piloted"
    RECOMMENDED = "recommended", "Recommended"
    STANDARD = "standard", "Standard"


class PatternPageTag(TaggedItemBase):
    content_object = ParentalKey("PatternPage", related_name="tagged_items", on_delete=models.CASCADE)


class PatternIndexPage(CleanTextMixin, ListingPageMixin, Page):
    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types = ["patterns.PatternPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class PatternPage(ContentPage):
    problem = models.TextField(max_length=MAX_BODY_LENGTH, help_text="Markdown.")
    solution = models.TextField(max_length=MAX_BODY_LENGTH, help_text="Markdown.")
    when_to_use = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    when_not_to_use = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    evidence = ParentalManyToManyField(
        "challenges.CaseStudyPage",
        blank=True,
        related_name="evidence_for_patterns",
        help_text="Case studies that show this pattern working.",
    )
    maturity = models.CharField(max_length=20, choices=Maturity.choices, default=Maturity.PROPOSED)
    tags = ClusterTaggableManager(through=PatternPageTag, blank=True)

    parent_page_types = ["patterns.PatternIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        *ContentPage.summary_panels,
        FieldPanel("maturity"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        FieldPanel("when_to_use"),
        FieldPanel("when_not_to_use"),
        FieldPanel("evidence"),
        InlinePanel("criteria", label="Compliance criteria", heading="Compliance checklist"),
        FieldPanel("tags"),
        FieldPanel("last_confirmed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "pattern"

    def search_document(self) -> SearchDocument:
        return page_document(
            self,
            kind="pattern",
            body=[self.problem, self.solution, self.when_to_use, self.when_not_to_use],
            stage=self.get_maturity_display(),
            tags=self.tags.names(),
        )


class PatternCriterion(CleanTextMixin, Orderable):
    """One item of a pattern's compliance checklist, assessed by regional-centre curators."""

    pattern = ParentalKey(PatternPage, related_name="criteria", on_delete=models.CASCADE)
    text = models.CharField(max_length=300, help_text="Something an assessor can check, e.g. 'Uses the open API'.")

    panels = [FieldPanel("text")]

    def __str__(self) -> str:
        return self.text


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ADOPTED = "adopted", "Adopted"
    COMPLIANT = "compliant", "Assessed as compliant"


# Statuses that count towards the 70% adoption target.
ADOPTED_STATUSES = (AdoptionStatus.ADOPTED, AdoptionStatus.COMPLIANT)


class AdoptionRecord(CleanTextMixin, models.Model):
    """Where one council stands with one pattern. Changed only through patterns/services.py, which keeps history."""

    pattern = models.ForeignKey(PatternPage, on_delete=models.CASCADE, related_name="adoption_records")
    council = models.ForeignKey("councils.CouncilPage", on_delete=models.CASCADE, related_name="pattern_adoptions")
    status = models.CharField(max_length=20, choices=AdoptionStatus.choices)
    status_date = models.DateField(help_text="When the council reached this status.")
    evidence_url = models.URLField("evidence link", blank=True)
    assessed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assessed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pattern", "council__title"]
        constraints = [models.UniqueConstraint(fields=["pattern", "council"], name="one_adoption_record_per_council")]

    def __str__(self) -> str:
        return f"{self.council}, {self.pattern}: {self.get_status_display()}"

    @property
    def assessment_expires_on(self) -> datetime.date | None:
        if self.status != AdoptionStatus.COMPLIANT or self.assessed_on is None:
            return None
        return self.assessed_on + datetime.timedelta(days=settings.ADOPTION_ASSESSMENT_VALID_DAYS)

    @property
    def assessment_expired(self) -> bool:
        expires = self.assessment_expires_on
        return expires is not None and expires < timezone.localdate()

    @property
    def status_label(self) -> str:
        """The status as readers should see it: an expired assessment no longer vouches for compliance."""
        if self.assessment_expired:
            return "Adopted (compliance assessment expired)"
        return self.get_status_display()


class CriterionAssessment(models.Model):
    """The latest assessment of one criterion for one adoption record."""

    record = models.ForeignKey(AdoptionRecord, on_delete=models.CASCADE, related_name="criterion_assessments")
    criterion = models.ForeignKey(PatternCriterion, on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "criterion"], name="one_result_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {'met' if self.met else 'not met'}"


class AdoptionChange(CleanTextMixin, models.Model):
    """Every change to an adoption record, kept for the compliance audit."""

    record = models.ForeignKey(AdoptionRecord, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=AdoptionStatus.choices)
    status_date = models.DateField()
    evidence_url = models.URLField(blank=True)
    changed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.record}: {self.get_status_display()} ({self.changed_at:%Y-%m-%d})"
