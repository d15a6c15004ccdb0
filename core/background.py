"""Background work on django-tasks' database backend: tasks that retry.

Nothing here runs in a request: a request enqueues (a row in the same transaction as its own writes, so a
notification is queued exactly when the change it reports is saved) and the worker (`manage.py db_worker`,
started by `make run`, docs/deploy.md) runs it. django-tasks has no retries of its own: a task made with
`retried_task` that raises is enqueued again after the next of settings.TASK_RETRY_DELAYS, and the failed
attempt stays in the results table with its traceback.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

T = TypeVar("T")


class IncompleteRun(Exception):
    """Some items of an idempotent batch failed: the task is retried, and a re-run skips what was done."""


def retried_task(*, delays: Sequence[int] | None = None, **options: Any) -> Callable[[Callable[..., T]], Task[..., T]]:
    """A django-tasks task that, when it raises, is enqueued again after the next delay (seconds) in `delays`
    (default settings.TASK_RETRY_DELAYS); after the last, the failure is logged as an error and left for a person.

    The attempt number travels as the `_attempt` keyword argument; callers never pass it. Tasks go to the
    database backend that the worker reads (settings.BACKGROUND_TASK_BACKEND) unless `backend` says otherwise.
    """
    options.setdefault("backend", settings.BACKGROUND_TASK_BACKEND)

    def decorate(func: Callable[..., T]) -> Task[..., T]:
        def run(*args: Any, _attempt: int = 1, **kwargs: Any) -> T:
            try:
                return func(*args, **kwargs)
            except Exception as error:
                schedule = settings.TASK_RETRY_DELAYS if delays is None else delays
                if _attempt > len(schedule):
                    logger.error("Task %s failed %d times; giving up: %r", func.__qualname__, _attempt, error)
                    raise
                run_after = timezone.now() + datetime.timedelta(seconds=schedule[_attempt - 1])
                created.using(run_after=run_after).enqueue(*args, _attempt=_attempt + 1, **kwargs)
                logger.warning(
                    "Task %s failed (attempt %d), retrying at %s: %r", func.__qualname__, _attempt, run_after, error
                )
                raise

        # The worker finds a task by its function's module and name: make those the decorated function's.
        # (Not functools.wraps: django-tasks would then read the wrapped function's signature.)
        run.__module__, run.__name__, run.__qualname__ = func.__module__, func.__name__, func.__qualname__
        run.__doc__ = func.__doc__
        created: Task[..., T] = task(**options)(run)
        return created

    return decorate
