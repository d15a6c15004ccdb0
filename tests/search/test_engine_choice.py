"""get_engine(): one cached choice from settings; the glossary system check."""

from __future__ import annotations

from search.checks import check_glossary
from search.engines import get_engine, reset_engine
from search.engines.database import DatabaseEngine


def test_database_engine_by_default(settings):
    settings.ELASTICSEARCH_URL = ""
    reset_engine()
    engine = get_engine()
    assert isinstance(engine, DatabaseEngine)
    assert get_engine() is engine  # cached
    reset_engine()
    assert get_engine() is not engine


def test_glossary_check_passes_on_the_shipped_file():
    assert check_glossary() == []


def test_glossary_check_reports_a_broken_file(tmp_path, monkeypatch):
    broken = tmp_path / "synonyms.yml"
    broken.write_text("housing:\n  - [hmo]\n")
    monkeypatch.setattr("search.glossary.SYNONYMS_FILE", broken)
    [error] = check_glossary()
    assert error.id == "search.E001" and "section 'housing', entry 1" in error.msg
