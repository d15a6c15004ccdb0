from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "patterns"

    def ready(self) -> None:
        from core.listing import register_finder
        from patterns.listings import pattern_listing
        from search.registry import register

        register("patterns.PatternPage")
        register_finder("patterns.PatternIndexPage", pattern_listing)
