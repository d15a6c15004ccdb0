# The page cache's generation token moved here from the site app: its table and row stay as they are
# (sandbox_site_pagecachegeneration, created by sandbox_site 0003), so only the migration state moves.

import core.text
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('sandbox_site', '0003_page_cache_generation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PageCacheGeneration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=32)),
                    ],
                    options={
                        'db_table': 'sandbox_site_pagecachegeneration',
                    },
                    bases=(core.text.CleanTextMixin, models.Model),
                ),
            ],
        ),
    ]
