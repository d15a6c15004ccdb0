"""Notifications go through the background worker: a request never waits for the mail server, and a mail server
outage loses nothing (the task fails, is retried, and the message is sent once the server is back)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.mailserver import MailServer

FORM = {"role": "partner", "note": "We have the same backlog."}


def register_interest(client: Client, challenge: Any) -> None:
    response = client.post(reverse("register_interest", args=[challenge.pk]), FORM)
    assert response.status_code == 302


def run_worker() -> int:
    """The worker's own loop (`manage.py db_worker --batch`): every due task, then stop. Returns how many ran.

    Not the `run_tasks` fixture: this is the one test of the loop production runs, with its locking transaction
    and its default queue only, so a task queued where the deployed worker never looks fails here.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name=settings.BACKGROUND_TASK_BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    worker.run()
    return worker._run_tasks


def time_passes() -> None:
    """Every waiting retry becomes due."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def statuses() -> list[str]:
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))


def test_a_request_does_not_wait_for_the_mail_server(
    client: Client,
    challenge: Any,
    bristol_member: Any,
    leeds_editor: Any,
    mail_server: MailServer,
    run_tasks: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mail_server.hang = True  # accepts connections and never answers: a request that sent mail would hang for 10 s
    mail_server.start()
    client.force_login(bristol_member)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # everything a committed request would run
        register_interest(client, challenge)

    assert time.monotonic() - started < 5
    assert mail_server.connections == 0
    assert statuses() == [TaskResultStatus.READY]

    mail_server.hang = False
    assert run_tasks() == 1
    assert [m["To"] for m in mail_server.messages] == [leeds_editor.email]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker opens its own transactions
def test_a_mail_server_outage_loses_no_notification(
    client: Client, challenge: Any, bristol_member: Any, leeds_editor: Any, leeds_member: Any, mail_server: MailServer
) -> None:
    client.force_login(bristol_member)
    register_interest(client, challenge)  # the mail server is down

    assert run_worker() == 1
    first = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in first.traceback
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now()  # waits for the first retry delay
    assert run_worker() == 0  # not due yet

    time_passes()
    assert run_worker() == 1  # still down: fails again, and is retried again
    assert statuses() == [TaskResultStatus.FAILED, TaskResultStatus.FAILED, TaskResultStatus.READY]
    assert not mail_server.messages

    mail_server.start()  # the server is back
    time_passes()
    assert run_worker() == 1

    assert statuses()[-1] == TaskResultStatus.SUCCESSFUL
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    [message] = mail_server.messages
    assert sorted(message["To"].split(", ")) == sorted([leeds_editor.email, leeds_member.email])
    assert "is interested in 'Missed bin collections'" in message["Subject"]
    assert "Note: We have the same backlog." in message.get_payload()
