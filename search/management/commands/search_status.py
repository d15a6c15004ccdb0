"""Report the search engine, its health, document counts against live public pages, and the queue backlog."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.documents import live_public_pages, source_document_count
from search.engines import get_engine
from search.models import IndexChange
from search.semantic.indexing import status as semantic_status


class Command(BaseCommand):
    help = "Show the search engine in use, its health, indexed documents against live public pages, and the backlog."

    def handle(self, *args: object, **options: object) -> None:
        engine = get_engine()
        health = engine.health()
        pages = sum(1 for _ in live_public_pages())
        others = source_document_count()  # register lines
        backlog = IndexChange.objects.count()
        failing = IndexChange.objects.filter(attempts__gt=0)
        self.stdout.write(f"Engine: {health.engine}; {health.detail}")
        self.stdout.write(f"Health: {'ok' if health.ok else 'NOT OK'}")
        self.stdout.write(f"Documents: {health.documents} indexed, {pages} live public pages, {others} other documents")
        self.stdout.write(f"Queue backlog: {backlog} change(s), {failing.count()} failed at least once")
        last = failing.order_by("-pk").first()
        if last is not None:
            self.stdout.write(f"Last error: {last.last_error}")
        semantic = semantic_status()
        if semantic["available"]:
            self.stdout.write(
                f"Semantic retrieval: vectors for {semantic['vectors']} of {semantic['vectors'] + semantic['waiting']} "
                f"documents; {semantic['waiting']} waiting (search_process_queue computes them)"
            )
        else:
            self.stdout.write(f"Semantic retrieval: not running. {semantic['problem']}")
        in_step = health.ok and health.documents == pages + others and not backlog
        summary = "Search index is up to date." if in_step else "Search index needs attention."
        self.stdout.write(self.style.SUCCESS(summary) if in_step else self.style.WARNING(summary))
