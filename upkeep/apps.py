from django.apps import AppConfig


class UpkeepConfig(AppConfig):
    name = "upkeep"
    verbose_name = "Confirmation and dormancy"

    def ready(self) -> None:
        from upkeep import signal_handlers  # noqa: F401 - connects on import
