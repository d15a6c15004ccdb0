"""System checks: a malformed glossary file stops start-up with a clear message, not the first search."""

from __future__ import annotations

from django.core.checks import Error, register

from search import glossary


@register()
def check_glossary(app_configs: object = None, **kwargs: object) -> list[Error]:
    try:
        glossary.load(glossary.SYNONYMS_FILE)
    except glossary.GlossaryError as error:
        return [Error(str(error), hint="Fix search/config/synonyms.yml.", id="search.E001")]
    return []
