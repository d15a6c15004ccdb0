"""Keeping content alive: confirmation reminders, re-confirming and dormancy.

Earlier sector registers failed because content was "added and forgotten". Owners confirm their pages are still
accurate (publishing counts as confirming); after settings.CONFIRMATION_REMINDER_DAYS they are reminded by email,
and a challenge unconfirmed for settings.DORMANT_AFTER_DAYS is shown as dormant and ranked lower in search.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.utils import timezone
from wagtail.models import Page

from core.kinds import kinds_where
from core.links import page_url, site_base_url
from core.pages import ContentPage, confirmed_on, is_dormant
from councils.membership import staff_emails
from search.indexing import enqueue
from upkeep.models import ConfirmationReminder

logger = logging.getLogger(__name__)

# The page types whose owners are asked to confirm them.
REMINDED_TYPES = tuple(kind.model_label for kind in kinds_where(lambda kind: kind.reminded))


def can_confirm(user: AbstractBaseUser | AnonymousUser, page: Page) -> bool:
    """Owners are the people who may edit the page (Wagtail's tree permissions say who they are)."""
    return user.is_authenticated and page.permissions_for_user(user).can_edit()


def confirm(page: ContentPage, user: AbstractBaseUser | AnonymousUser) -> datetime.date:
    if not can_confirm(user, page):
        raise PermissionDenied("Only the page's owners can confirm it.")
    today = timezone.localdate()
    page.confirm(today)
    # A confirmed challenge is no longer dormant, so its search ranking must be recomputed.
    enqueue([page.pk])
    return today


def refresh_dormant_in_search(today: datetime.date | None = None) -> int:
    """Queue every dormant challenge for re-indexing: time alone makes a challenge dormant, with no page event.

    Run daily with the reminders; re-indexing an unchanged document is harmless, so this is idempotent.
    """
    model = apps.get_model("challenges", "ChallengePage")
    dormant = [page.pk for page in model.objects.live().order_by("pk") if is_dormant(page, today)]
    enqueue(dormant)
    return len(dormant)


def owner_emails(page: ContentPage) -> list[str]:
    """Who to remind: the owning council's editors and members; otherwise the page's owner in Wagtail."""
    council = page.owning_council
    emails = set(staff_emails(council)) if council is not None else set()
    if not emails and page.owner_id and page.owner.email and page.owner.is_active:
        emails.add(page.owner.email)
    return sorted(emails)


def due_for_reminder(today: datetime.date | None = None) -> Iterator[ContentPage]:
    """Live pages not confirmed within the reminder period and not already reminded since."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.CONFIRMATION_REMINDER_DAYS)
    period_start = timezone.now() - datetime.timedelta(days=settings.CONFIRMATION_REMINDER_DAYS)
    recently_reminded = set(
        ConfirmationReminder.objects.filter(sent_at__gte=period_start).values_list("page_id", flat=True)
    )
    for label in REMINDED_TYPES:
        model = apps.get_model(label)
        for page in model.objects.live().select_related("owner").order_by("pk"):
            reference = confirmed_on(page)
            if reference is None or reference > cutoff or page.pk in recently_reminded:
                continue
            yield page


@dataclass(frozen=True)
class ReminderSummary:
    pages: int
    emails: int
    without_owner: int
    failed: int = 0


def send_reminders(pages: Iterable[ContentPage]) -> ReminderSummary:
    """A reminder is recorded only once it is sent, so a page whose email failed is reminded on the next run."""
    sent = pages_count = without_owner = failed = 0
    for page in pages:
        pages_count += 1
        recipients = owner_emails(page)
        if not recipients:
            without_owner += 1
            continue
        try:
            _send_reminder(page, recipients)
        except Exception:
            logger.exception("Confirmation reminder for page %s failed; it will be retried", page.pk)
            failed += 1
            continue
        ConfirmationReminder.objects.create(page=page, recipients="\n".join(recipients))
        sent += 1
    return ReminderSummary(pages=pages_count, emails=sent, without_owner=without_owner, failed=failed)


def _send_reminder(page: ContentPage, recipients: list[str]) -> None:
    reference = confirmed_on(page)
    url = page_url(page) or site_base_url()
    send_mail(
        subject=f"Please confirm '{page.title}' is still accurate",
        message=(
            f"'{page.title}' was last confirmed on {reference:%d %B %Y}.\n\n"
            f"If it is still accurate, open it and select 'Confirm this is still accurate': {url}\n"
            "If it is out of date, edit it, or unpublish it if it no longer applies.\n\n"
            "Shared challenges that stay unconfirmed are marked dormant and appear lower in search results."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
