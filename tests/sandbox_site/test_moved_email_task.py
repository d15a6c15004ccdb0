"""The e-mail task left the site app for core: e-mails queued under the old path before the move are still sent."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import send_email

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MOVE = importlib.import_module("sandbox_site.migrations.0005_email_task_moved_to_core")
OLD_PATH = MOVE.OLD_PATH
BEFORE_THE_MOVE = [("sandbox_site", "0004_move_page_cache_and_upkeep")]


def test_queued_emails_follow_the_task_and_finished_ones_keep_their_history(run_tasks: Any) -> None:
    MigrationExecutor(connection).migrate(BEFORE_THE_MOVE)
    queued = send_email.enqueue(subject="Queued", body="Body", to=["someone@example.gov.uk"])
    sent = send_email.enqueue(subject="Sent", body="Body", to=["someone@example.gov.uk"])
    DBTaskResult.objects.filter(pk=sent.id).update(status=TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.update(task_path=OLD_PATH)  # as the release before the move queued them

    executor = MigrationExecutor(connection)  # reloads which migrations are applied
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert DBTaskResult.objects.get(pk=queued.id).task_path == MOVE.NEW_PATH == send_email.module_path
    assert DBTaskResult.objects.get(pk=sent.id).task_path == OLD_PATH
    assert run_tasks() == 1
    assert [message.subject for message in mail.outbox] == ["Queued"]
