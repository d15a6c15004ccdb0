from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Cross-council search"

    def ready(self) -> None:
        from search import checks, signals, tasks  # noqa: F401 - checks register themselves
        from search.semantic import checks as semantic_checks  # noqa: F401

        signals.connect()
        tasks.connect()
