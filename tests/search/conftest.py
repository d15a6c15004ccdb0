"""Search test helpers: a fresh engine per test, so no cached engine outlives its settings."""

from __future__ import annotations

import pytest

from search.engines import reset_engine
from tests.search.relevance.fixtures import judged_documents  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def _fresh_engine():
    reset_engine()
    yield
    reset_engine()


@pytest.fixture
def semantic_on(settings):
    """Semantic retrieval on, with the packaged model (loaded once per test process, then kept)."""
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_EMBEDDING_MODEL = ""
    return settings
