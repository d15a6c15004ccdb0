"""Saved-search digests: newly published public matches, each sent once; drafts and private pages never."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from core.links import page_url
from following.models import SavedSearch
from following.services import save_search, send_saved_search_alerts
from following.tasks import send_saved_search_alerts as alerts_task
from tests.factories import content as make

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unavailable")


@pytest.fixture
def alice(world):
    user = get_user_model().objects.create_user("alice", "alice@leeds.example", "pw")
    saved = save_search(user, "q=bins", "Bins")
    # Everything in `world` was published before the search was saved.
    SavedSearch.objects.filter(pk=saved.pk).update(last_sent=timezone.now() + datetime.timedelta(seconds=1))
    return user


def publish_later(django_capture_on_commit_callbacks, world):
    """New content after the search was saved: one public match, and matches that must never be sent."""
    later = timezone.now() + datetime.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            "match": make.challenge(world["bristol"], "New bins rota"),
            "other": make.challenge(
                world["bristol"],
                "Library opening hours",
                tags=(),
                summary="Opening times.",
                problem_statement="Opening times.",
                who_is_affected="Library users.",
                desired_outcomes="- Longer hours",
            ),
            "draft": make.challenge(world["leeds"], "Draft bins rota", state="draft"),
            "private": make.make_private(make.challenge(world["leeds"], "Private bins rota")),
            "under_private": make.challenge(world["cardiff"], "Cardiff bins rota"),
            "unpublished": make.unpublish(make.challenge(world["leeds"], "Withdrawn bins rota")),
        }
    Page.objects.filter(pk__in=[p.pk for p in pages.values()]).update(first_published_at=later)
    return pages, later


def test_digest_has_only_new_public_matches_and_is_sent_once(world, alice, django_capture_on_commit_callbacks):
    pages, later = publish_later(django_capture_on_commit_callbacks, world)
    summary = send_saved_search_alerts(now=later + datetime.timedelta(minutes=1))
    assert (summary.emails, summary.matches) == (1, 1)
    [email] = mail.outbox
    assert email.to == ["alice@leeds.example"]
    assert "New bins rota" in email.body
    assert page_url(pages["match"]) in email.body
    html = email.alternatives[0][0]
    assert "New bins rota" in html
    for title in (
        "Library opening hours",
        "Draft bins rota",
        "Private bins rota",
        "Cardiff bins rota",
        "Withdrawn bins rota",
        "Missed bin collections",
    ):
        assert title not in email.body
        assert title not in html

    # Idempotent: a second run straight after sends nothing.
    again = send_saved_search_alerts(now=later + datetime.timedelta(minutes=2))
    assert (again.emails, again.matches) == (0, 0)
    assert len(mail.outbox) == 1


def test_next_digest_has_only_what_is_newer(world, alice, django_capture_on_commit_callbacks):
    _, later = publish_later(django_capture_on_commit_callbacks, world)
    send_saved_search_alerts(now=later + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        newer = make.challenge(world["leeds"], "Bins on collection day")
    newer.first_published_at = later + datetime.timedelta(hours=1)
    newer.save(update_fields=["first_published_at"])
    send_saved_search_alerts(now=later + datetime.timedelta(hours=2))
    assert len(mail.outbox) == 2
    assert "Bins on collection day" in mail.outbox[1].body
    assert "New bins rota" not in mail.outbox[1].body


def test_a_failed_send_is_retried_next_run(world, alice, settings, django_capture_on_commit_callbacks):
    _, later = publish_later(django_capture_on_commit_callbacks, world)
    settings.EMAIL_BACKEND = "tests.following.test_alerts.FailingBackend"
    failed = send_saved_search_alerts(now=later + datetime.timedelta(minutes=1))
    assert (failed.emails, failed.failed) == (0, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = send_saved_search_alerts(now=later + datetime.timedelta(minutes=2))
    assert retried.emails == 1
    assert "New bins rota" in mail.outbox[0].body


def test_no_email_without_new_matches(world, alice):
    assert send_saved_search_alerts().emails == 0
    assert mail.outbox == []


def test_command_prints_a_summary(world, alice, django_capture_on_commit_callbacks):
    publish_later(django_capture_on_commit_callbacks, world)
    SavedSearch.objects.update(last_sent=timezone.now() - datetime.timedelta(days=1))
    Page.objects.filter(title="New bins rota").update(first_published_at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()
    call_command("send_saved_search_alerts", stdout=out)
    assert "sent 1 digests" in out.getvalue()
    call_command("send_saved_search_alerts", stdout=out)
    assert "sent 0 digests" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_daily_task_retries_digests_the_mail_server_refused(
    world, alice, mail_server, run_tasks, settings, django_capture_on_commit_callbacks
):
    settings.TASK_RETRY_DELAYS = [0]  # the retry is due at once
    publish_later(django_capture_on_commit_callbacks, world)
    SavedSearch.objects.update(last_sent=timezone.now() - datetime.timedelta(days=1))
    Page.objects.filter(title="New bins rota").update(first_published_at=timezone.now() - datetime.timedelta(hours=1))
    alerts_task.enqueue()

    assert run_tasks(limit=1) == 1  # the mail server is down: the task fails and a retry is queued
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)) == ["FAILED", "READY"]
    mail_server.start()
    assert run_tasks() == 1

    [digest] = mail_server.messages
    assert digest["To"] == alice.email
    assert "New bins rota" in digest.get_payload(0).get_payload(decode=True).decode()
    alerts_task.enqueue()  # the next day's run sends nothing twice
    run_tasks()
    assert len(mail_server.messages) == 1
