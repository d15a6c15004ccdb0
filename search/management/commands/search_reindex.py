"""Rebuild the whole search index from the live, public pages, with a progress bar and a summary."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from django.core.management.base import BaseCommand

from search.documents import all_documents, source_document_count
from search.engines import get_engine
from search.models import IndexChange
from search.registry import searchable_models
from search.types import SearchDocument

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index from every live, public page (searches keep working during the rebuild)."

    def handle(self, *args: object, **options: object) -> None:
        engine = get_engine()
        expected = sum(model.objects.live().count() for model in searchable_models()) + source_document_count()
        # Changes queued before we read the pages are covered by this rebuild.
        covered = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.monotonic()
        count = engine.rebuild(self._progress(all_documents(), expected))
        elapsed = time.monotonic() - started
        IndexChange.objects.filter(pk__lte=covered).delete()
        if self._interactive:
            self.stdout.write("")
        rate = count / elapsed if elapsed else float(count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} documents in {elapsed:.1f}s ({rate:,.0f} documents/s) with the {engine.name} engine."
            )
        )

    @property
    def _interactive(self) -> bool:
        return bool(getattr(sys.stdout, "isatty", lambda: False)())

    def _progress(self, docs: Iterator[SearchDocument], expected: int) -> Iterator[SearchDocument]:
        """Yield the documents, drawing a bar (live on a terminal, every 25% in logs)."""
        step = max(1, expected // 100)
        done = 0
        for done, doc in enumerate(docs, start=1):
            if done % step == 0:
                self._bar(done, expected, final=False)
            yield doc
        self._bar(done, max(done, expected) if done < expected else expected, final=True)

    def _bar(self, done: int, expected: int, final: bool) -> None:
        # Private pages are counted in `expected` but never indexed: the last line shows what was indexed.
        total = done if final else expected
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        if self._interactive:
            self.stdout.write(f"\r{line}", ending="")
        elif final or done % max(1, expected // 4) < max(1, expected // 100):
            self.stdout.write(line)
