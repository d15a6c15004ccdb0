# The e-mail task moved from the site app to core. A queued task is a row naming its function's dotted path, so
# e-mails still waiting to be sent (or to be retried) are renamed to the new path; finished rows keep their history.

from django.db import migrations

OLD_PATH, NEW_PATH = "sandbox_site.background.send_email", "core.mail.send_email"


def rename_queued(apps, schema_editor, *, old=OLD_PATH, new=NEW_PATH):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_result.objects.filter(task_path=old, status="READY").update(task_path=new)


def rename_queued_back(apps, schema_editor):
    rename_queued(apps, schema_editor, old=NEW_PATH, new=OLD_PATH)


class Migration(migrations.Migration):

    dependencies = [
        ('sandbox_site', '0004_move_page_cache_and_upkeep'),
        ('django_tasks_database', '0019_rename_django_task_new_ordering_idx_tasks_db_new_ordering_idx_and_more'),
    ]

    operations = [
        migrations.RunPython(rename_queued, rename_queued_back),
    ]
