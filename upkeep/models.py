from django.db import models

from core.text import CleanTextMixin


class ConfirmationReminder(CleanTextMixin, models.Model):
    """One reminder email about one page, so `send_confirmation_reminders` sends at most one per period."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True, help_text="Addresses the reminder went to, one a line.")

    class Meta:
        db_table = "sandbox_site_confirmationreminder"  # the table it had in the site app, kept with its rows
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["page", "sent_at"])]

    def __str__(self) -> str:
        return f"Reminder for page {self.page_id} at {self.sent_at:%Y-%m-%d}"
