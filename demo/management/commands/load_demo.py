"""`manage.py load_demo`: idempotent demo content, dated relative to the day it is loaded (see demo/)."""

from __future__ import annotations

import importlib
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from councils.models import CouncilPage
from demo import STEPS
from demo.base import DemoContext
from sandbox_site.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = (
        "Load demo challenges, case studies, patterns, regional centres, experiments and collections (through the "
        "importer, from demo/data/), and the records around them. Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if not CouncilPage.objects.exists():
            self.stdout.write("No councils yet: syncing the national list first…")
            call_command("sync_councils", stdout=self.stdout)
        demo = DemoContext(home=ensure_site_tree(), write=self.stdout.write, debug=settings.DEBUG)
        self.stdout.write("Loading demo content…")
        with transaction.atomic():
            for step in STEPS:
                importlib.import_module(step).run(demo)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {demo.created} pages created, {demo.unchanged} already present ({elapsed:.1f}s)."
            )
        )
