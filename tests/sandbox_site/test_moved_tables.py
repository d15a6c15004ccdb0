"""The page cache and confirmation reminders left the site app for their own apps: a database migrated before the
move keeps its tables, their rows and their content types when it migrates on."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pagecache.models import PageCacheGeneration
from upkeep.models import ConfirmationReminder

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("sandbox_site", "0003_page_cache_generation"), ("pagecache", None), ("upkeep", None)]


def test_rows_and_content_types_move_with_the_models():
    executor = MigrationExecutor(connection)
    old = executor.migrate(BEFORE_THE_MOVE).apps  # the models as the database had them before the move
    root = old.get_model("wagtailcore", "Page").objects.get(depth=1)
    reminder = old.get_model("sandbox_site", "ConfirmationReminder").objects.create(
        page_id=root.pk, recipients="editor@leeds.example"
    )
    old.get_model("sandbox_site", "PageCacheGeneration").objects.update_or_create(pk=1, defaults={"token": "a" * 32})
    content_types = old.get_model("contenttypes", "ContentType").objects
    reminder_type = content_types.get(app_label="sandbox_site", model="confirmationreminder").pk

    executor = MigrationExecutor(connection)  # reloads which migrations are applied
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = ConfirmationReminder.objects.get(pk=reminder.pk)
    assert (moved.page_id, moved.recipients) == (root.pk, "editor@leeds.example")
    assert PageCacheGeneration.objects.get(pk=1).token == "a" * 32
    assert content_types.get(pk=reminder_type).app_label == "upkeep"
    assert not content_types.filter(app_label="sandbox_site", model__in=["confirmationreminder", "pagecachegeneration"])
