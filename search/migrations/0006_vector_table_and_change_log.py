"""PostgreSQL: the tsvector moves to a narrow search_vector table. Both vendors: the search_change log.

See schema.POSTGRES_VECTOR_TABLE and schema.CHANGE_LOG_FORWARD for why.
"""

from django.db import migrations

from search.engines.database import schema


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [*schema.CHANGE_LOG_FORWARD.get(vendor, ()), schema.CHANGE_LOG_INDEX]
    if vendor == "postgresql":
        statements += schema.POSTGRES_VECTOR_TABLE
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = list(schema.CHANGE_LOG_BACKWARD)
    if schema_editor.connection.vendor == "postgresql":
        statements += schema.POSTGRES_VECTOR_TABLE_BACKWARD
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_change_documents")]

    operations = [migrations.RunPython(forward, backward)]
