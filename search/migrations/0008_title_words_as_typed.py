"""Autocomplete completes title words as typed, not their stems: see schema.SQLITE_TITLE_FTS."""

from django.db import migrations

from search.engines.database import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0007_vector_ranking_columns")]

    operations = [
        migrations.RunPython(
            schema.run_by_vendor({"sqlite": schema.SQLITE_TITLE_FORWARD, "postgresql": schema.POSTGRES_TITLE_WHOLE_WORDS}),
            schema.run_by_vendor(
                {"sqlite": schema.SQLITE_TITLE_BACKWARD, "postgresql": schema.POSTGRES_TITLE_WHOLE_WORDS_BACKWARD}
            ),
        )
    ]
