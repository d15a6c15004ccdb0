"""The typed abstract page every knowledge-base page type builds on."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.text import MAX_SUMMARY_LENGTH, CleanTextMixin


class ContentPage(CleanTextMixin, Page):
    """Fields every challenge, case study, pattern, experiment and collection shares."""

    summary = models.TextField(
        max_length=MAX_SUMMARY_LENGTH, help_text="One or two sentences, shown in listings and search results."
    )
    service_area = models.ForeignKey(
        "councils.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_url = models.URLField(
        "Source",
        max_length=500,
        blank=True,
        help_text="The public page this write-up summarises, if it was first published elsewhere.",
    )
    last_confirmed = models.DateField(
        null=True,
        blank=True,
        help_text="When the owners last confirmed this is still accurate. Set on every publish.",
    )

    summary_panels = [FieldPanel("summary"), FieldPanel("service_area"), FieldPanel("source_url")]

    class Meta:
        abstract = True

    @property
    def owning_council(self) -> Page | None:
        """The council this page sits under, if any (the tree is the ownership record)."""
        from councils.models import CouncilPage

        return CouncilPage.objects.ancestor_of(self).first()

    def confirm(self, on: datetime.date | None = None) -> None:
        """Record that the owners have confirmed this content is still current."""
        self.last_confirmed = on or timezone.localdate()
        type(self).objects.filter(pk=self.pk).update(last_confirmed=self.last_confirmed)
        # update() sends no post_save: tell the page cache the page has changed (the date shows on it).
        from sandbox_site.caching import bump_generation

        bump_generation()
