"""Email each user a digest of newly published matches for their saved searches. Safe to run repeatedly."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from following.services import send_saved_search_alerts


class Command(BaseCommand):
    help = "Send saved-search digests of newly published matches (run daily; running twice sends nothing twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = send_saved_search_alerts()
        self.stdout.write(
            f"Checked {summary.searches} saved searches for {summary.users} users: "
            f"sent {summary.emails} digests with {summary.matches} new matches"
            + (f", {summary.failed} failed (will retry next run)" if summary.failed else "")
            + "."
        )
