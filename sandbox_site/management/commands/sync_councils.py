from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from councils import services
from sandbox_site.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = "Create or update every UK council (and regions, service areas) from the reference data. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=services.DATA_DIR / "councils.csv")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        home = ensure_site_tree()
        services.sync_regions()
        services.sync_service_areas()
        index = home.get_children().type(services.CouncilIndexPage).first().specific
        rows = services.load_rows(file)
        self.stdout.write(f"Syncing {len(rows)} councils from {file.name}…")
        summary = services.sync_councils(rows, index)
        self.stdout.write(
            self.style.SUCCESS(
                f"Councils: {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged."
            )
        )
