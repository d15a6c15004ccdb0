from django.apps import AppConfig
from django.urls import register_converter

from core.numbers import IdConverter


class SandboxSiteConfig(AppConfig):
    name = "sandbox_site"
    verbose_name = "Site"

    def ready(self) -> None:
        # `<id:...>` in every app's URL patterns; registered before the URLconf is first loaded.
        register_converter(IdConverter, "id")
