# Confirmation reminders moved here from the site app: the table, its index and its rows stay as they are
# (sandbox_site_confirmationreminder, created by sandbox_site 0002), so only the migration state moves.

import core.text
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('sandbox_site', '0002_confirmation_reminder'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConfirmationReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('recipients', models.TextField(blank=True, help_text='Addresses the reminder went to, one a line.')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                    ],
                    options={
                        'db_table': 'sandbox_site_confirmationreminder',
                        'ordering': ['-sent_at'],
                        'indexes': [models.Index(fields=['page', 'sent_at'], name='sandbox_sit_page_id_f452a4_idx')],
                    },
                    bases=(core.text.CleanTextMixin, models.Model),
                ),
            ],
        ),
    ]
