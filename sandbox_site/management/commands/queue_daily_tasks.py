"""Daily (one cron line, docs/deploy.md): queue the digests, reminders and index-queue drain for the worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sandbox_site.tasks import queue_daily_tasks


class Command(BaseCommand):
    help = (
        "Queue the daily background tasks (saved-search digests, confirmation reminders, search index queue) "
        "for the worker, and prune task results older than --keep-days. Safe to run more than once a day."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--keep-days", type=int, default=30, help="Keep finished task results this long.")

    def handle(self, *args: Any, keep_days: int, **options: Any) -> None:
        queued = queue_daily_tasks()
        # Arguments as on the command line: the command converts --backend to the backend itself.
        call_command(
            "prune_db_task_results",
            f"--backend={settings.BACKGROUND_TASK_BACKEND}",
            "--queue-name=*",
            f"--min-age-days={keep_days}",
            verbosity=0,
        )
        names = ", ".join(result.task.name for result in queued)
        self.stdout.write(f"Queued {len(queued)} daily task(s) for the worker: {names}.")
