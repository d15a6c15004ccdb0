"""Background tasks (core/background.py, core/mail.py and sandbox_site/tasks.py) on django-tasks' database backend."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import send_email
from sandbox_site.tasks import DAILY_TASKS
from tests.mailserver import MailServer

pytestmark = pytest.mark.django_db


def results() -> list[tuple[str, str]]:
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("task_path", "status"))


def test_tasks_go_to_the_database_backend_not_the_request() -> None:
    result = send_email.enqueue(subject="Hello", body="Body", to=["someone@example.gov.uk"])

    assert result.backend == settings.BACKGROUND_TASK_BACKEND
    assert results() == [("core.mail.send_email", TaskResultStatus.READY)]
    assert not mail.outbox


def test_a_task_is_retried_after_each_delay_then_left_failed(
    mail_server: MailServer, run_tasks: Any, settings: Any, caplog: Any
) -> None:
    settings.TASK_RETRY_DELAYS = [0, 0]  # retries due at once: three attempts in all
    send_email.enqueue(subject="Hello", body="Body", to=["someone@example.gov.uk"])

    assert run_tasks() == 3

    assert [status for _, status in results()] == [TaskResultStatus.FAILED] * 3
    assert "failed 3 times; giving up" in caplog.text


def test_a_retry_succeeds_once_the_server_is_back(mail_server: MailServer, run_tasks: Any, settings: Any) -> None:
    settings.TASK_RETRY_DELAYS = [0]
    send_email.enqueue(subject="Hello", body="Body", to=["someone@example.gov.uk"], html="<p>Body</p>")
    assert run_tasks(limit=1) == 1  # down: fails, retry queued
    mail_server.start()

    assert run_tasks() == 1

    assert [status for _, status in results()] == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
    [message] = mail_server.messages
    assert message["Subject"] == "Hello" and message.is_multipart()


def test_one_command_queues_the_daily_tasks_and_the_worker_runs_them(run_tasks: Any, home: Any) -> None:
    out = io.StringIO()
    call_command("queue_daily_tasks", stdout=out)

    assert sorted(path for path, _ in results()) == sorted(task.module_path for task in DAILY_TASKS)
    assert "Queued 3 daily task(s) for the worker" in out.getvalue()
    assert run_tasks() == 3
    assert {status for _, status in results()} == {TaskResultStatus.SUCCESSFUL}


def test_old_task_results_are_pruned_by_the_daily_command(run_tasks: Any, home: Any) -> None:
    send_email.enqueue(subject="Hello", body="Body", to=["someone@example.gov.uk"])
    run_tasks()
    DBTaskResult.objects.update(finished_at="2000-01-01T00:00:00Z")

    call_command("queue_daily_tasks", stdout=io.StringIO())

    assert "core.mail.send_email" not in {path for path, _ in results()}
