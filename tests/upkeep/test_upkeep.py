"""Keeping content alive: reminders, re-confirming, dormancy."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from challenges.models import ChallengePage
from sandbox_site.tasks import send_confirmation_reminders as reminders_task
from tests.factories import content as make
from upkeep.models import ConfirmationReminder


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def set_confirmed(page, on: datetime.date) -> None:
    type(page).objects.filter(pk=page.pk).update(last_confirmed=on)
    page.refresh_from_db()


@override_settings(CONFIRMATION_REMINDER_DAYS=180)
def test_reminders_go_to_owners_once_per_period(challenge, leeds, leeds_editor, leeds_member, bristol, capsys):
    fresh = make.challenge(leeds, "Recently confirmed")
    draft = make.challenge(bristol, "Old draft", state="draft")
    set_confirmed(challenge, days_ago(200))
    set_confirmed(fresh, days_ago(10))
    set_confirmed(draft, days_ago(400))
    call_command("send_confirmation_reminders")
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == [leeds_editor.email, leeds_member.email]
    assert "Missed bin collections" in mail.outbox[0].subject
    assert "sent 1 reminder(s)" in capsys.readouterr().out
    call_command("send_confirmation_reminders")  # same period: nothing new
    assert len(mail.outbox) == 1
    assert ConfirmationReminder.objects.count() == 1


@override_settings(CONFIRMATION_REMINDER_DAYS=180)
def test_reminder_is_sent_again_in_the_next_period(challenge, leeds_editor):
    set_confirmed(challenge, days_ago(400))
    ConfirmationReminder.objects.create(page=challenge)
    ConfirmationReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=181))
    call_command("send_confirmation_reminders")
    assert len(mail.outbox) == 1


@override_settings(CONFIRMATION_REMINDER_DAYS=180)
def test_patterns_without_a_council_remind_their_wagtail_owner(home, leeds_editor):
    pattern = make.pattern("Old pattern")
    type(pattern).objects.filter(pk=pattern.pk).update(owner=leeds_editor, last_confirmed=days_ago(365))
    call_command("send_confirmation_reminders")
    assert [m.to for m in mail.outbox] == [[leeds_editor.email]]


def test_owner_reconfirms_with_a_post(client, challenge, leeds_editor):
    set_confirmed(challenge, days_ago(500))
    client.force_login(leeds_editor)
    page_html = client.get(challenge.url).content.decode()
    assert "Confirm this is still accurate" in page_html
    response = client.post(reverse("confirm_page", args=[challenge.pk]))
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.last_confirmed == timezone.localdate()


def test_only_owners_can_reconfirm(client, challenge, bristol_editor, leeds_member):
    set_confirmed(challenge, days_ago(500))
    for user in (bristol_editor, leeds_member):  # another council's editor; a member who cannot edit pages
        client.force_login(user)
        assert "Confirm this is still accurate" not in client.get(challenge.url).content.decode()
        assert client.post(reverse("confirm_page", args=[challenge.pk])).status_code == 403
    client.logout()
    assert client.post(reverse("confirm_page", args=[challenge.pk])).status_code == 302
    assert client.get(reverse("confirm_page", args=[challenge.pk])).status_code in (302, 405)
    challenge.refresh_from_db()
    assert challenge.last_confirmed == days_ago(500)


@override_settings(DORMANT_AFTER_DAYS=365)
def test_unconfirmed_challenges_become_dormant_until_confirmed(client, challenge, leeds_editor):
    set_confirmed(challenge, days_ago(364))
    assert not challenge.is_dormant
    set_confirmed(challenge, days_ago(366))
    assert ChallengePage.objects.get(pk=challenge.pk).is_dormant
    assert "Dormant: this challenge has not been confirmed since" in client.get(challenge.url).content.decode()
    client.force_login(leeds_editor)
    client.post(reverse("confirm_page", args=[challenge.pk]))
    assert not ChallengePage.objects.get(pk=challenge.pk).is_dormant
    client.logout()
    assert "Dormant:" not in client.get(challenge.url).content.decode()


@override_settings(DORMANT_AFTER_DAYS=365)
def test_dormant_challenges_rank_lower_in_search_documents(challenge):
    from search.documents import build_document

    set_confirmed(challenge, days_ago(366))
    dormant = build_document(ChallengePage.objects.get(pk=challenge.pk))
    set_confirmed(challenge, days_ago(1))
    active = build_document(ChallengePage.objects.get(pk=challenge.pk))
    assert dormant.boost < active.boost


@override_settings(DORMANT_AFTER_DAYS=365)
def test_daily_command_and_confirming_queue_dormant_challenges_for_search(client, challenge, leeds, leeds_editor):
    from search.models import IndexChange

    active = make.challenge(leeds, "Recently confirmed challenge")
    set_confirmed(challenge, days_ago(400))
    IndexChange.objects.all().delete()  # in a test transaction the queue is not applied on commit
    call_command("send_confirmation_reminders")
    assert list(IndexChange.objects.values_list("page_id", flat=True)) == [challenge.pk]
    assert active.pk not in IndexChange.objects.values_list("page_id", flat=True)
    IndexChange.objects.all().delete()
    client.force_login(leeds_editor)
    client.post(reverse("confirm_page", args=[challenge.pk]))
    assert list(IndexChange.objects.values_list("page_id", flat=True)) == [challenge.pk]


@override_settings(CONFIRMATION_REMINDER_DAYS=180, TASK_RETRY_DELAYS=[0])
def test_the_daily_task_retries_reminders_the_mail_server_refused(challenge, leeds_editor, mail_server, run_tasks):
    set_confirmed(challenge, days_ago(200))
    reminders_task.enqueue()

    assert run_tasks(limit=1) == 1  # the mail server is down: nothing recorded as reminded, a retry is queued
    assert not ConfirmationReminder.objects.exists()
    mail_server.start()
    assert run_tasks() == 1

    [reminder] = mail_server.messages
    assert "Missed bin collections" in reminder["Subject"]
    assert ConfirmationReminder.objects.filter(page=challenge).count() == 1
    reminders_task.enqueue()  # the next day's run: already reminded this period
    run_tasks()
    assert len(mail_server.messages) == 1


@override_settings(CONFIRMATION_REMINDER_DAYS=180)
def test_pages_past_the_confirmation_interval_warn_that_they_may_be_out_of_date(client, challenge, leeds, pattern):
    study = make.case_study(leeds, "Sensors in communal bins")
    for page in (challenge, study, pattern):
        set_confirmed(page, days_ago(180))
        assert "may be out of date" not in client.get(page.url).content.decode()
        set_confirmed(page, days_ago(181))
        html = client.get(page.url).content.decode()
        assert 'class="govuk-warning-text" id="out-of-date-warning"' in html
        assert f"It was last confirmed on {days_ago(181):%-d %B %Y}." in html
