"""The judged records, imported as a council would import them (import_content), into the test database.

Imported into tests/search/conftest.py, so the database and Elasticsearch suites both have it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from councils import services as council_services
from councils.models import CouncilIndexPage
from search import semantic
from search.documents import all_documents
from search.semantic.indexing import embed_pending
from search.types import SearchDocument
from tests.search.relevance import judged


@pytest.fixture
def judged_documents(home, tmp_path: Path, settings) -> tuple[list[SearchDocument], dict[str, str]]:
    """(the imported records' search documents, with their vectors; document id -> record id).

    Semantic retrieval is on, as in production (the test settings switch it off for speed elsewhere).
    """
    settings.SEARCH_SEMANTIC = True
    rows = council_services.load_rows(council_services.DATA_DIR / "councils.csv")
    council_services.sync_councils(rows, CouncilIndexPage.objects.get())
    call_command("import_content", str(judged.import_file(tmp_path / "judged.jsonl")), verbosity=0)
    by_title = {r.title: r.id for r in judged.records()}
    documents = [d for d in all_documents() if d.title in by_title]
    assert len(documents) == len(by_title), "every judged record imports"
    documents = list(semantic.rebuild_documents(documents))
    embed_pending()
    return documents, {d.id: by_title[d.title] for d in documents}
