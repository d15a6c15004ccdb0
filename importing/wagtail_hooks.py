"""Admin: the "Import content" screen (importing/views.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from councils.membership import council_for
from importing import views as importing_views


class ImportContentMenuItem(MenuItem):
    """Shown to the people who can publish somewhere: site admins, and council editors for their own council."""

    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or council_for(request.user) is not None


@hooks.register("register_admin_urls")
def register_import_content_urls() -> list[Any]:
    return importing_views.ADMIN_URLS


@hooks.register("register_admin_menu_item")
def register_import_content_menu_item() -> MenuItem:
    return ImportContentMenuItem(
        "Import content", reverse("import_content"), name="import-content", icon_name="upload", order=850
    )
