"""The typed abstract page every knowledge-base page type builds on, and the freshness rules it carries.

Two things a content page needs are kept by apps above `core`, so they reach it through hooks those apps fill in
(`AppConfig.ready()`): the page type that owns what sits beneath it (councils registers `CouncilPage`) and who must
hear that a page was confirmed (the page cache, whose cached copies show the date).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.text import MAX_SUMMARY_LENGTH, CleanTextMixin

# Sent with the page after `confirm()` has stored the date (an update() that sends no post_save).
page_confirmed = Signal()

_owner_types: list[type[Page]] = []


def register_owner_type(model: type[Page]) -> None:
    """Register the page type whose pages own the content beneath them (the tree is the ownership record)."""
    _owner_types[:] = [model]


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
        if not _owner_types:
            return None
        return _owner_types[0].objects.ancestor_of(self).first()

    def confirm(self, on: datetime.date | None = None) -> None:
        """Record that the owners have confirmed this content is still current."""
        self.last_confirmed = on or timezone.localdate()
        type(self).objects.filter(pk=self.pk).update(last_confirmed=self.last_confirmed)
        page_confirmed.send(sender=type(self), page=self)


def confirmed_on(page: ContentPage) -> datetime.date | None:
    """The date the page was last confirmed, falling back to when it was first published."""
    if page.last_confirmed:
        return page.last_confirmed
    if page.first_published_at:
        return timezone.localdate(page.first_published_at)
    return None


def is_dormant(page: ContentPage, today: datetime.date | None = None) -> bool:
    """Unconfirmed for settings.DORMANT_AFTER_DAYS: a challenge is shown as dormant and ranked lower in search."""
    reference = confirmed_on(page)
    if reference is None:
        return False
    today = today or timezone.localdate()
    return (today - reference).days >= settings.DORMANT_AFTER_DAYS


def may_be_out_of_date(page: ContentPage, today: datetime.date | None = None) -> bool:
    """Unconfirmed for longer than the confirmation interval (when owners are reminded): readers are warned."""
    reference = confirmed_on(page)
    if reference is None:
        return False
    today = today or timezone.localdate()
    return (today - reference).days > settings.CONFIRMATION_REMINDER_DAYS
