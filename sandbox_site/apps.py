from django.apps import AppConfig


class SandboxSiteConfig(AppConfig):
    name = "sandbox_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401
