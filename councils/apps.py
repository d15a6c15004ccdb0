from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Councils and regions"

    def ready(self) -> None:
        from councils.models import search_owner
        from search.registry import register, register_owner_lookup

        register("councils.CouncilPage")
        register_owner_lookup(search_owner)
