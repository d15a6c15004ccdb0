"""Background tasks for search: draining the index queue after an engine outage, and daily as a safety net."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from core.background import IncompleteRun, retried_task
from search.indexing import drain_queue, index_update_failed


@retried_task()
def process_index_queue() -> dict[str, int]:
    """Apply every queued index change. While the engine is still down the task fails and is retried later."""
    result = drain_queue()
    if result.failed:
        raise IncompleteRun(f"{result.failed} index change(s) still queued: the search engine is not answering")
    return {"applied": result.applied, "failed": result.failed}


def _retry_after_outage(sender: Any, outage_started: bool, **kwargs: Any) -> None:
    if outage_started:
        first_delay = datetime.timedelta(seconds=settings.TASK_RETRY_DELAYS[0])
        process_index_queue.using(run_after=timezone.now() + first_delay).enqueue()


def connect() -> None:
    index_update_failed.connect(_retry_after_outage, dispatch_uid="search_retry_after_outage")
