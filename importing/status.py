"""Where a person's content import is: waiting, importing (how many of how many), imported or not imported.

Confirming gives the uploader a receipt, signed so that it cannot be forged or changed: the task's id, who
confirmed, the file's name and how many records it has. Only the person named on the receipt may see its import
(anyone else gets "not found"), which needs no look-up of the task's arguments, where the file's text is.
The state and the outcome come from django-tasks' results table; the count while importing from the progress cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

from django.core import signing
from django.template.defaultfilters import pluralize
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from importing.progress import published_so_far
from importing.tasks import Outcome, import_checked_file

SALT = "importing.status"


@dataclass(frozen=True)
class Receipt:
    task_id: str
    user_id: int
    name: str
    records: int

    def token(self) -> str:
        return signing.dumps([self.task_id, self.user_id, self.name, self.records], salt=SALT, compress=True)

    @classmethod
    def redeem(cls, token: str, user_id: int | None) -> Receipt | None:
        """The receipt, if the token is one this site signed for this user."""
        try:
            task_id, signed_for, name, records = signing.loads(token, salt=SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return cls(task_id, signed_for, name, records) if signed_for == user_id else None


class State(StrEnum):
    WAITING = "waiting"
    IMPORTING = "importing"
    IMPORTED = "imported"
    NOT_IMPORTED = "not imported"


CRASHED = (
    "Something went wrong on the site while importing. Try again later, "
    "and tell the site's administrators if it happens again."
)


@dataclass(frozen=True)
class ImportStatus:
    receipt: Receipt
    state: State
    published: int
    created: list[tuple[int, int]] = field(default_factory=list)  # (line, page id)
    problems: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state in (State.IMPORTED, State.NOT_IMPORTED)

    @property
    def message(self) -> str:
        """The one line that says where the import is: the page shows it, and the live region announces it."""
        records = self.receipt.records
        if self.state == State.WAITING:
            return f"Waiting to start: 0 of {records} record{pluralize(records)} imported"
        if self.state == State.IMPORTING:
            return f"{self.published} of {records} record{pluralize(records)} imported"
        if self.state == State.IMPORTED:
            created = len(self.created)
            return f"Imported {created} record{pluralize(created)} from {self.receipt.name}"
        return f"Nothing was imported from {self.receipt.name}"

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state.value,
            "published": self.published,
            "records": self.receipt.records,
            "finished": self.finished,
            "message": self.message,
        }


def import_status(receipt: Receipt) -> ImportStatus | None:
    """None when there is no such import (its result has been pruned)."""
    # Only the state and the result: the arguments hold the whole file.
    row = (
        DBTaskResult.objects.filter(pk=receipt.task_id, task_path=import_checked_file.module_path)
        .values_list("status", "return_value")
        .first()
    )
    if row is None:
        return None
    status, outcome = row[0], cast(Outcome, row[1])
    if status == TaskResultStatus.READY:
        return ImportStatus(receipt, State.WAITING, 0)
    if status == TaskResultStatus.RUNNING:
        return ImportStatus(receipt, State.IMPORTING, published_so_far(receipt.task_id))
    if status == TaskResultStatus.FAILED:
        return ImportStatus(receipt, State.NOT_IMPORTED, 0, problems=[CRASHED])
    created = [(line, pk) for line, pk in outcome["created"]]
    if outcome["problems"] or not created:
        return ImportStatus(receipt, State.NOT_IMPORTED, 0, problems=outcome["problems"])
    return ImportStatus(receipt, State.IMPORTED, len(created), created=created)
