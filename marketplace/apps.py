from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = "Marketplace insight"

    def ready(self) -> None:
        from marketplace import signals
        from marketplace.search_documents import RegisterDocuments
        from search.registry import register_source

        register_source(RegisterDocuments())  # register lines are search documents ("who uses X for Y")
        signals.connect()
