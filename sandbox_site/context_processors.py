"""Values every template may read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def demo_notice(request: HttpRequest) -> dict[str, bool]:
    """Whether the banner says the content is demo data (settings.DEMO_NOTICE)."""
    return {"demo_notice": settings.DEMO_NOTICE}
