# The page cache (pagecache) and confirmation reminders (upkeep) became apps of their own. Their tables keep their
# names and rows, so the site app forgets the models without dropping anything; their content types (and so any
# permissions and admin history pointing at them) move with them.

from django.db import migrations

MOVED = {"pagecachegeneration": "pagecache", "confirmationreminder": "upkeep"}


def move_content_types(apps, schema_editor, *, backwards=False):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, new_app in MOVED.items():
        old, new = ("sandbox_site", new_app) if not backwards else (new_app, "sandbox_site")
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ('sandbox_site', '0003_page_cache_generation'),
        ('pagecache', '0001_initial'),
        ('upkeep', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='PageCacheGeneration'),
                migrations.DeleteModel(name='ConfirmationReminder'),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
