"""Semantic retrieval: the embedding cache, the documents with vectors, and the vectors' generation and change log."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_title_words_as_typed'),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentVector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('doc_id', models.CharField(max_length=64, unique=True)),
                ('text_hash', models.CharField(db_index=True, max_length=64)),
                ('text', models.TextField()),
                ('facets', models.JSONField(default=dict)),
            ],
            options={
                'db_table': 'search_document_vector',
            },
        ),
        migrations.CreateModel(
            name='VectorChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('previous', models.BigIntegerField(db_index=True)),
                ('generation', models.BigIntegerField()),
                ('doc_ids', models.TextField()),
            ],
            options={
                'db_table': 'search_vector_change',
            },
        ),
        migrations.CreateModel(
            name='VectorState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('generation', models.BigIntegerField(default=0)),
            ],
            options={
                'db_table': 'search_vector_state',
            },
        ),
        migrations.CreateModel(
            name='Embedding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('model', models.CharField(max_length=64)),
                ('text_hash', models.CharField(max_length=64)),
                ('vector', models.BinaryField()),
                ('created', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'db_table': 'search_embedding',
                'constraints': [models.UniqueConstraint(fields=('model', 'text_hash'), name='search_embedding_model_text')],
            },
        ),
    ]
