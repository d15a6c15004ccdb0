"""Background tasks for following: the daily saved-search digests."""

from __future__ import annotations

import dataclasses

from core.background import IncompleteRun, retried_task
from following import services


@retried_task()
def send_saved_search_alerts() -> dict[str, int]:
    """Daily digests. If any failed to send, the task is retried; a re-run sends nothing twice."""
    summary = services.send_saved_search_alerts()
    if summary.failed:
        raise IncompleteRun(f"{summary.failed} saved-search digest(s) not sent")
    return dataclasses.asdict(summary)
