"""PostgreSQL: search_vector carries each entry's boost and publication day; an index of title words.

See schema.POSTGRES_RANKING_COLUMNS and schema.POSTGRES_TITLE_WORDS for why.
"""

from django.db import migrations

from search.engines.database import schema


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vector_table_and_change_log")]

    operations = [
        migrations.RunPython(
            schema.run_by_vendor({"postgresql": (*schema.POSTGRES_RANKING_COLUMNS, *schema.POSTGRES_TITLE_WORDS)}),
            schema.run_by_vendor(
                {"postgresql": (*schema.POSTGRES_TITLE_WORDS_BACKWARD, *schema.POSTGRES_RANKING_COLUMNS_BACKWARD)}
            ),
        )
    ]
