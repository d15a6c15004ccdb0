"""Regional centres for service innovation, their sandbox experiments and curated collections."""

from __future__ import annotations

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.listing import ListingPageMixin
from core.pages import ContentPage
from core.text import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, CleanTextMixin
from councils.widgets import CouncilsChooser
from search.documents import page_document
from search.types import SearchDocument


class ExperimentStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    RUNNING = "running", "Running"
    CONCLUDED = "concluded", "Concluded"


class RegionalCentreIndexPage(CleanTextMixin, ListingPageMixin, Page):
    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types = ["experiments.RegionalCentrePage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class RegionalCentrePage(CleanTextMixin, Page):
    summary = models.TextField(max_length=MAX_SUMMARY_LENGTH)
    about = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    regions = ParentalManyToManyField("councils.Region", related_name="regional_centres")
    contact_email = models.EmailField(blank=True)

    parent_page_types = ["experiments.RegionalCentreIndexPage"]
    subpage_types = ["experiments.ExperimentPage", "experiments.CollectionPage"]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("regions"),
        FieldPanel("about"),
        FieldPanel("contact_email"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "regional centre"


class ExperimentPageTag(TaggedItemBase):
    content_object = ParentalKey("ExperimentPage", related_name="tagged_items", on_delete=models.CASCADE)


class ExperimentPage(ContentPage):
    hypothesis = models.TextField(
        max_length=MAX_BODY_LENGTH, help_text="Markdown. What you believe, and what would show it is true."
    )
    what_is_tested = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    success_measures = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    participating_councils = ParentalManyToManyField("councils.CouncilPage", blank=True, related_name="experiments")
    status = models.CharField(max_length=20, choices=ExperimentStatus.choices, default=ExperimentStatus.PROPOSED)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    results = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    challenge = models.ForeignKey(
        "challenges.ChallengePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="experiments"
    )
    case_study = models.ForeignKey(
        "challenges.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiments",
        help_text="The case study written from this experiment.",
    )
    tags = ClusterTaggableManager(through=ExperimentPageTag, blank=True)

    parent_page_types = ["experiments.RegionalCentrePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        *ContentPage.summary_panels,
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("hypothesis"),
        FieldPanel("what_is_tested"),
        FieldPanel("success_measures"),
        FieldPanel("participating_councils", widget=CouncilsChooser),
        FieldPanel("results"),
        PageChooserPanel("challenge", "challenges.ChallengePage"),
        PageChooserPanel("case_study", "challenges.CaseStudyPage"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "experiment"

    def search_document(self) -> SearchDocument:
        centre = RegionalCentrePage.objects.ancestor_of(self).first()
        return page_document(
            self,
            kind="experiment",
            body=[self.hypothesis, self.what_is_tested, self.success_measures, self.results],
            stage=self.get_status_display(),
            tags=self.tags.names(),
            partner_councils=self.participating_councils.all(),
            regions=[r.name for r in centre.regions.all()] if centre else [],
            regional_centre=centre.title if centre else "",
        )


class CollectionPage(ContentPage):
    intro = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Markdown.")
    featured = models.BooleanField(default=False, help_text="Show on the home page and on the centre's page.")

    parent_page_types = ["experiments.RegionalCentrePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        *ContentPage.summary_panels,
        FieldPanel("intro"),
        FieldPanel("featured"),
        InlinePanel("items", label="Items"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = "collection"

    def search_document(self) -> SearchDocument:
        centre = RegionalCentrePage.objects.ancestor_of(self).first()
        return page_document(
            self,
            kind="collection",
            body=[self.intro, *(item.note for item in self.items.all())],
            regions=[r.name for r in centre.regions.all()] if centre else [],
            regional_centre=centre.title if centre else "",
        )


class CollectionItem(CleanTextMixin, Orderable):
    collection = ParentalKey(CollectionPage, related_name="items", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True, help_text="Why this is in the collection.")

    panels = [PageChooserPanel("page"), FieldPanel("note")]


class ExperimentIndexPage(CleanTextMixin, ListingPageMixin, Page):
    """The public finder for experiments across every regional centre."""

    intro = models.TextField(blank=True)
    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
