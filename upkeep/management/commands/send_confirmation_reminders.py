"""Daily: remind owners of challenges, case studies and patterns that have not been confirmed for a while."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from upkeep.services import due_for_reminder, refresh_dormant_in_search, send_reminders


class Command(BaseCommand):
    help = (
        "Email owners of content not confirmed for CONFIRMATION_REMINDER_DAYS (at most once per period), "
        "and re-index challenges that have become dormant."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = send_reminders(due_for_reminder())
        dormant = refresh_dormant_in_search()
        self.stdout.write(
            f"Checked {summary.pages} unconfirmed page(s): sent {summary.emails} reminder(s), "
            f"{summary.without_owner} without anyone to remind; {dormant} dormant challenge(s) queued for search."
        )
