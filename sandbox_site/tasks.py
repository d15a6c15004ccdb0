"""The daily background tasks, and the reminders task (the site's own upkeep).

One cron line queues them (docs/deploy.md): `manage.py queue_daily_tasks`; the worker runs them.
"""

from __future__ import annotations

import dataclasses

from django_tasks import TaskResult
from django_tasks.base import Task

from core.background import IncompleteRun, retried_task
from following.tasks import send_saved_search_alerts
from search.tasks import process_index_queue
from upkeep.services import due_for_reminder, refresh_dormant_in_search, send_reminders


@retried_task()
def send_confirmation_reminders() -> dict[str, int]:
    """Re-index newly dormant challenges, then remind owners of unconfirmed content. A reminder that failed to send
    makes the task fail and be retried; pages already reminded this period are skipped."""
    dormant = refresh_dormant_in_search()
    summary = send_reminders(due_for_reminder())
    if summary.failed:
        raise IncompleteRun(f"{summary.failed} confirmation reminder(s) not sent")
    return {**dataclasses.asdict(summary), "dormant": dormant}


DAILY_TASKS: tuple[Task, ...] = (send_saved_search_alerts, send_confirmation_reminders, process_index_queue)


def queue_daily_tasks() -> list[TaskResult]:
    return [daily.enqueue() for daily in DAILY_TASKS]
