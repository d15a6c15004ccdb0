"""The searchable page types. Content apps register theirs (in AppConfig.ready), so `search` imports none of them."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model

_registered: dict[str, None] = {}


def register(model_label: str) -> None:
    """Register a page model ("app_label.ModelName") whose instances have `search_document()`."""
    _registered[model_label] = None


def searchable_models() -> list[type[Model]]:
    return [apps.get_model(label) for label in _registered]


def is_searchable(model: type[Model]) -> bool:
    return any(issubclass(model, searchable) for searchable in searchable_models())
