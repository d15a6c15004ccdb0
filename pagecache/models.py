from django.db import models

from core.text import CleanTextMixin


class PageCacheGeneration(CleanTextMixin, models.Model):
    """One row: a token that changes whenever public content changes, so cached anonymous pages go stale at once.

    It lives in the database, not the cache, so every web process (and every cache backend) sees a change the
    moment the writing transaction commits. See pagecache/cache.py.
    """

    token = models.CharField(max_length=32)

    class Meta:
        db_table = "sandbox_site_pagecachegeneration"  # the table it had in the site app, kept with its row

    def __str__(self) -> str:
        return self.token
