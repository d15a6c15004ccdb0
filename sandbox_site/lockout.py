"""The page shown when django-axes refuses a sign-in after too many wrong passwords (settings: AXES_*)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def wait_in_words(wait: datetime.timedelta) -> str:
    """'15 minutes', '1 hour', '1 hour and 30 minutes': how long to wait, as a person would say it."""
    minutes = max(1, round(wait.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((hours, "hour"), (minutes, "minute")) if n]
    return " and ".join(parts)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with what happened, how long to wait and what to do, on the site's own layout for both sign-in pages."""
    context = {
        "wait": wait_in_words(settings.AXES_COOLOFF_TIME),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "sign_in_url": request.path,
    }
    return render(request, "registration/locked_out.html", context, status=429)
