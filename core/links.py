"""Absolute links: every link that leaves the site (feeds, JSON-LD, the sitemap, e-mails, the open data, the search
API) starts with one configured base URL, never the request's host and never Wagtail's Site record.

The one declaration is Wagtail's own `WAGTAILADMIN_BASE_URL` (Wagtail uses it for its admin e-mails too): a
development default in settings/base.py, required in settings/production.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page


def site_base_url() -> str:
    """The configured base URL without a trailing slash, for example `https://sandbox.example.gov.uk`."""
    return str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def site_host() -> str:
    """The host name of the base URL (for tag URIs and the like)."""
    return urlsplit(site_base_url()).hostname or ""


def absolute_url(path: str) -> str:
    """A site path (`/search/?q=bins`) as an absolute URL on the base URL. A URL that already has a scheme (an
    outside link) is returned as it is; an empty path stays empty (a page that has no URL)."""
    if not path:
        return ""
    if urlsplit(path).scheme:
        return path
    if not path.startswith("/"):
        path = "/" + path
    elif path.startswith("//"):  # scheme-relative: another host, not a path on this site
        path = "/" + path.lstrip("/")
    return site_base_url() + path


def page_url(page: Page) -> str:
    """A page's absolute URL on the base URL ("" for a page outside every site), whatever host its Wagtail Site
    record names."""
    parts = page.get_url_parts()
    if not parts or parts[2] is None:
        return ""
    return absolute_url(parts[2])


def rebase(url: str, page: Page) -> str:
    """A URL Wagtail built on the page's Site root (the sitemap's locations), moved onto the base URL."""
    parts = page.get_url_parts()
    root = parts[1] if parts else None
    if root and url.startswith(root):
        return absolute_url(url[len(root) :] or "/")
    return absolute_url(url)
