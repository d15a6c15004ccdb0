"""The confirmed import, run by the background worker (`manage.py db_worker`), so a large file never holds a web
request open and its editor can watch the count rise (importing/status.py).

The file's text travels as the task's argument: the row django-tasks writes to the database when the editor
confirms. The worker may run on another machine, so the web host's temporary folder is out of reach; the database
is the one store both certainly share, the row is written in the same step as the task is queued (no file can go
missing between the two), and nothing else needs cleaning up. The text is at most MAX_FILE_BYTES, stays only as
long as task results are kept (pruned after 30 days, docs/deploy.md) and holds only what the editor asked to
publish. The task's path, `importing.tasks.import_checked_file`, is what queued rows name.
"""

from __future__ import annotations

from functools import partial
from typing import TypedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django_tasks import TaskContext, task

from importing.parsing import parse_records
from importing.progress import record_published
from importing.services import UnsupportedFile, import_records


class Outcome(TypedDict):
    """What came of an import, as the task's result: every page created as [line, page id], or why none was."""

    created: list[list[int]]
    problems: list[str]


# Not retried: a failure rolls every page back and its editor is told; they can upload the file again.
@task(backend=settings.BACKGROUND_TASK_BACKEND, takes_context=True)
def import_checked_file(context: TaskContext, *, user_id: int, name: str, text: str) -> Outcome:
    """Check the file again as this user (the site may have changed since) and import it, all or nothing."""
    published = partial(record_published, str(context.task_result.id))
    try:
        user = get_user_model().objects.get(pk=user_id)
        result = import_records(parse_records(text, name), user=user, written=published)
    except (UnsupportedFile, ObjectDoesNotExist, ValidationError) as exc:
        return {"created": [], "problems": list(getattr(exc, "messages", [str(exc)]))}
    if result.rejected:
        return {"created": [], "problems": [str(rejected) for rejected in result.rejected]}
    return {
        "created": [[record.line, page.pk] for record, page in zip(result.valid, result.created, strict=True)],
        "problems": [],
    }
