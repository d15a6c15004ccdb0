"""Saved searches: a signed-in user's search, re-run for an email digest of newly published matches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.text import CleanTextMixin


class SavedSearch(CleanTextMixin, models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    # The search page's query string, validated and normalised (search.forms.parse_search_params).
    query = models.CharField(max_length=2000)
    created = models.DateTimeField(default=timezone.now)
    # Matches first published after this are "new" for the next digest; starts at creation time.
    last_sent = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="one_saved_search_per_query")]
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name
