from django.apps import AppConfig


class PatternsConfig(AppConfig):
    name = "patterns"

    def ready(self) -> None:
        from search.registry import register

        register("patterns.PatternPage")
