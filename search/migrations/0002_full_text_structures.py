"""SQLite FTS5 table + triggers, or PostgreSQL tsvector column + GIN and trigram indexes, by connection vendor."""

from django.db import migrations

from search.engines.database import schema


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_tables")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": schema.SQLITE_FORWARD, "postgresql": schema.POSTGRES_FORWARD}),
            _run({"sqlite": schema.SQLITE_BACKWARD, "postgresql": schema.POSTGRES_BACKWARD}),
        )
    ]
