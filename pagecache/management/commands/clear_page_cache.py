"""Make every cached anonymous response stale at once (e.g. after a bulk job that bypasses model signals)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pagecache.cache import bump_generation


class Command(BaseCommand):
    help = "Make every cached public page, search page and search API response stale (all web processes)."

    def handle(self, *args: Any, **options: Any) -> None:
        bump_generation()
        self.stdout.write("Page cache cleared: every web process renders pages afresh from the next request.")
