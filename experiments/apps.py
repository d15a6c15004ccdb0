from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "experiments"
    verbose_name = "Regional centres and experiments"

    def ready(self) -> None:
        from search.registry import register

        from . import signal_handlers  # noqa: F401

        register("experiments.ExperimentPage")
        register("experiments.CollectionPage")
