"""Rebuild the whole search index from the live, public pages, with a progress bar and a summary.

The vectors of semantic retrieval are rebuilt from the same stream of documents; cached embeddings are reused
(an unchanged text is never encoded twice) unless `--embeddings` asks for every one to be computed again.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandParser

from search import semantic
from search.documents import all_documents, source_document_count
from search.engines import get_engine
from search.models import IndexChange
from search.registry import searchable_models
from search.semantic.indexing import embed_pending, prune_cache
from search.types import SearchDocument

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index from every live, public page (searches keep working during the rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--embeddings",
            action="store_true",
            help="Compute every document's embedding again, ignoring the cache (after changing the model's code).",
        )

    def handle(self, *args: object, **options: object) -> None:
        engine = get_engine()
        expected = sum(model.objects.live().count() for model in searchable_models()) + source_document_count()
        # Changes queued before we read the pages are covered by this rebuild.
        covered = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.monotonic()
        count = engine.rebuild(semantic.rebuild_documents(self._progress(all_documents(), expected)))
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
        self._embed(recompute=bool(options["embeddings"]))

    def _embed(self, recompute: bool) -> None:
        """Compute the embeddings missing from the cache (all of them with --embeddings), with progress."""
        if not semantic.is_available():
            return
        started = time.monotonic()
        self._quarter = -1
        encoded = embed_pending(recompute=recompute, progress=self._embedding_progress)
        if self._interactive and encoded:
            self.stdout.write("")
        pruned = prune_cache()
        elapsed = time.monotonic() - started
        rate = f" ({encoded / elapsed:,.1f} texts/s)" if encoded and elapsed else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Embeddings: {encoded} texts encoded in {elapsed:.1f}s{rate}, the others reused from the cache; "
                f"{pruned} no longer used removed from the cache."
            )
        )

    def _embedding_progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"Embeddings [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        if self._interactive:
            self.stdout.write(f"\r{line}", ending="")
        elif (quarter := 4 * done // max(total, 1)) != self._quarter:  # every 25% in logs
            self._quarter = quarter
            self.stdout.write(line)

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
