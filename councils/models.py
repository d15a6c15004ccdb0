"""Council and region reference data, and the one page per council that owns its content."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.listing import ListingPageMixin
from core.text import MAX_BODY_LENGTH, CleanTextMixin
from search.documents import page_document
from search.registry import OwningCouncil
from search.types import SearchDocument


# The plugin cannot follow CouncilPage.region's reverse manager: CouncilPage's base (Wagtail's Page) ships no types.
class Region(CleanTextMixin, models.Model):  # type: ignore[django-manager-missing]
    """An English region, or a nation for Wales, Scotland and Northern Ireland."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    nation = models.CharField(max_length=50)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(CleanTextMixin, models.Model):
    """One entry of the controlled list of service areas used by every content type."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilType(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_DISTRICT = "metropolitan district", "Metropolitan district"
    LONDON_BOROUGH = "London borough", "London borough"
    WELSH_PRINCIPAL_AREA = "unitary (Wales)", "Welsh principal area"
    SCOTTISH_COUNCIL_AREA = "unitary (Scotland)", "Scottish council area"
    NI_DISTRICT = "district (Northern Ireland)", "Northern Ireland district"
    COMBINED_AUTHORITY = "combined authority", "Combined authority"
    STRATEGIC_REGIONAL_AUTHORITY = "strategic regional authority", "Strategic regional authority"
    CITY_CORPORATION = "city corporation", "City corporation"


class CouncilIndexPage(CleanTextMixin, ListingPageMixin, Page):
    intro = RichTextField(blank=True)

    parent_page_types = ["sandbox_site.HomePage"]
    subpage_types = ["councils.CouncilPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]


class CouncilPage(CleanTextMixin, Page):
    """One UK council. Its challenges and case studies live beneath it, so the tree grants ownership."""

    short_name = models.CharField(max_length=100)
    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    local_authority_code = models.CharField(max_length=10, blank=True)
    council_type = models.CharField(max_length=40, choices=CouncilType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    nation = models.CharField(max_length=50)
    website = models.URLField(blank=True)
    county_council_code = models.CharField(max_length=10, blank=True)
    combined_authority_code = models.CharField(max_length=10, blank=True)
    about = models.TextField(max_length=MAX_BODY_LENGTH, blank=True, help_text="Optional. Markdown.")

    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = ["challenges.ChallengePage", "challenges.CaseStudyPage"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("short_name"),
                FieldPanel("gss_code", read_only=True),
                FieldPanel("local_authority_code", read_only=True),
                FieldPanel("council_type", read_only=True),
                FieldPanel("region", read_only=True),
                FieldPanel("nation", read_only=True),
            ],
            heading="Reference data (from the national list)",
        ),
        FieldPanel("website"),
        FieldPanel("about"),
    ]
    search_fields = Page.search_fields + [index.SearchField("short_name"), index.FilterField("gss_code")]

    class Meta:
        verbose_name = "council"

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> SearchDocument:
        return page_document(
            self,
            kind="council",
            summary=f"{self.get_council_type_display()} in {self.region.name}",
            body=[self.about],
            service_area="",
        )


def search_owner(page: Page) -> OwningCouncil | None:
    """The council that owns a page (the page itself for a council page), as its search document shows it.
    Registered with search in CouncilsConfig.ready(), so that search imports no content app."""
    if isinstance(page, CouncilPage):
        council = page
    else:
        council = CouncilPage.objects.ancestor_of(page).select_related("region").first()
        if council is None:
            return None
    region = council.region.name if council.region_id else ""
    facets = {"council_type": (council.get_council_type_display(),), "nation": (council.nation,)}
    return OwningCouncil(name=council.title, region=region, facets=facets)


class CouncilMembership(models.Model):
    """A signed-in member of staff belongs to exactly one council.

    Managed by that council's editors and by site admins (see councils/membership.py).
    """

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="council_membership")
    council = models.ForeignKey(CouncilPage, on_delete=models.CASCADE, related_name="memberships")
    added_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.council})"
