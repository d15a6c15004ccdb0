"""SQLite FTS5 table + triggers, or PostgreSQL tsvector column + GIN and trigram indexes, by connection vendor."""

from django.db import migrations

from search.engines.database import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_tables")]

    operations = [
        migrations.RunPython(
            schema.run_by_vendor({"sqlite": schema.SQLITE_FORWARD, "postgresql": schema.POSTGRES_FORWARD}),
            schema.run_by_vendor({"sqlite": schema.SQLITE_BACKWARD, "postgresql": schema.POSTGRES_BACKWARD}),
        )
    ]
