"""Tests: only speed and isolation switches."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Isolation: tests choose their engine; tests/search/elasticsearch reads ELASTICSEARCH_URL itself.
ELASTICSEARCH_URL = ""
# Isolation: import progress in this process's memory, not in files other test runs share (the worker runs in
# the test's own process, through the run_tasks fixture).
CACHES = {**CACHES, "imports": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "imports"}}  # noqa: F405
# Isolation: the anonymous page cache would carry responses from one test into the next; its own tests turn it on.
PAGE_CACHE_SECONDS = 0
# Speed: encoding documents costs tens of milliseconds each; the semantic tests switch it on themselves.
SEARCH_SEMANTIC = False
# django-axes stays on: tests sign in with force_login (no authenticate(), so nothing is counted or slowed), and
# tests/security/test_login_throttling.py signs in through both real sign-in pages.
