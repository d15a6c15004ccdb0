"""How many pages a content import on the background worker has published so far.

The import is one transaction, so this count cannot be a database row: the web process would see nothing until the
commit. It goes to the "imports" cache (settings.CACHES: Redis, or files every process of one machine shares), which
the worker writes and every web process reads. The count only shows progress: what came of an import is the task's
result in the database (importing/status.py), so an unreachable cache costs the count, never the import
or its outcome.
"""

from __future__ import annotations

import logging

from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE_ALIAS = "imports"
KEEP_SECONDS = 24 * 3600  # long after any import has finished


def _key(task_id: str) -> str:
    return f"content-import:{task_id}"


def record_published(task_id: str, count: int) -> None:
    try:
        caches[CACHE_ALIAS].set(_key(task_id), count, KEEP_SECONDS)
    except Exception as error:  # noqa: BLE001 - an unreachable cache service must not stop the import
        logger.warning("Import progress not recorded: %s", error)


def published_so_far(task_id: str) -> int:
    try:
        count = caches[CACHE_ALIAS].get(_key(task_id), 0)
    except Exception as error:  # noqa: BLE001 - the page still shows the import's state from the database
        logger.warning("Import progress unavailable: %s", error)
        return 0
    return count if isinstance(count, int) else 0
