"""PostgreSQL: search_vector also carries each entry's boost and publication day (see schema.POSTGRES_RANKING_COLUMNS)."""

from django.db import migrations

from search.engines.database import schema


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in schema.POSTGRES_RANKING_COLUMNS:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in schema.POSTGRES_RANKING_COLUMNS_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vector_table_and_change_log")]

    operations = [migrations.RunPython(forward, backward)]
