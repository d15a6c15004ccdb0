"""Reusable patterns and service standards that councils adopt."""

from __future__ import annotations

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from sandbox_site.pages import ContentPage


class Maturity(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PILOTED = "piloted", "Piloted"
    RECOMMENDED = "recommended", "Recommended"
    STANDARD = "standard", "Standard"


class PatternPageTag(TaggedItemBase):
    content_object = ParentalKey("PatternPage", related_name="tagged_items", on_delete=models.CASCADE)


class PatternIndexPage(Page):
    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types = ["patterns.PatternPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class PatternPage(ContentPage):
    problem = models.TextField(help_text="Markdown.")
    solution = models.TextField(help_text="Markdown.")
    when_to_use = models.TextField(blank=True, help_text="Markdown.")
    when_not_to_use = models.TextField(blank=True, help_text="Markdown.")
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
        FieldPanel("tags"),
        FieldPanel("last_confirmed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "pattern"
