from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Councils and regions"

    def ready(self) -> None:
        from search.registry import register

        register("councils.CouncilPage")
