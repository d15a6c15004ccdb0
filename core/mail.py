"""E-mail sent by the background worker (a task made with core.background.retried_task, so a failed send is
retried). The task's path, `core.mail.send_email`, is what queued rows name: keep it, or rename the rows still
queued in a migration, as sandbox_site's 0005 did when the task moved here from the site app.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from core.background import retried_task


@retried_task()
def send_email(subject: str, body: str, to: list[str], html: str | None = None) -> int:
    """Send one message (rendered by whoever enqueued it) through the configured mail server."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message.send()
