from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Councils and regions"

    def ready(self) -> None:
        from core.listing import register_finder
        from core.pages import register_owner_type
        from councils.listings import council_listing
        from councils.models import CouncilPage, search_owner
        from search.registry import register, register_owner_lookup

        register("councils.CouncilPage")
        register_owner_lookup(search_owner)
        register_owner_type(CouncilPage)
        register_finder("councils.CouncilIndexPage", council_listing)
