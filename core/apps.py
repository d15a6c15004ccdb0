from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Installed for its template tags (the GOV.UK form field and error summary); core has no models."""

    name = "core"
    verbose_name = "Core"
