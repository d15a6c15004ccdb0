from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.importing import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "Load council systems registers from a CSV file, one row per council and service area. "
        "Columns: council (GSS code or name), service_area, product, supplier, and optionally contract_start, "
        "contract_end (YYYY-MM-DD or DD/MM/YYYY), annual_cost_band, satisfaction (1-5), integrates_via_open_api "
        "(yes/no), notes, product_open_apis (yes/no), product_licence. Every row is checked first; if any is wrong "
        "nothing is imported. Re-running updates rows in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, file: Path, **options: object) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            summary = import_file(file)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(failure.errors)} problem(s) found; nothing was imported.") from failure
        for product in summary.new_products:
            self.stdout.write(f"New product: {product}")
        self.stdout.write(
            f"Imported systems register: {summary.created} created, {summary.updated} updated, "
            f"{len(summary.new_products)} new products."
        )
