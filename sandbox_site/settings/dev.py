"""Local development: no environment variables needed."""

import os

from .base import *  # noqa: F403

DEBUG = True
SHOW_DEMO_LABELS = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
