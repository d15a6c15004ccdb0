from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "experiments"
    verbose_name = "Regional centres and experiments"

    def ready(self) -> None:
        from core.listing import register_finder
        from experiments.listings import centre_listing, experiment_listing
        from search.registry import register

        from . import signal_handlers  # noqa: F401

        register("experiments.ExperimentPage")
        register("experiments.CollectionPage")
        register_finder("experiments.RegionalCentreIndexPage", centre_listing)
        register_finder("experiments.ExperimentIndexPage", experiment_listing)
