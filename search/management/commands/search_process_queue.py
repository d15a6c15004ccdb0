"""Apply queued index changes (after an engine outage, or from cron as a safety net)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.indexing import drain_queue


class Command(BaseCommand):
    help = (
        "Apply every queued search index change (failed changes stay queued for the next run), then compute "
        "the embeddings new or changed documents need."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = drain_queue()
        message = f"Applied {result.applied} queued change(s); {result.failed} still queued."
        if result.embedded:
            message += f" Computed {result.embedded} embedding(s) for semantic retrieval."
        self.stdout.write(self.style.WARNING(message) if result.failed else self.style.SUCCESS(message))
