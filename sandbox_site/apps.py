from django.apps import AppConfig


class SandboxSiteConfig(AppConfig):
    name = "sandbox_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from . import caching, signal_handlers  # noqa: F401

        caching.connect()
