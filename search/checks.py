"""System checks: a malformed glossary or ranking file stops start-up with a clear message, not the first search."""

from __future__ import annotations

from django.core.checks import Error, register

from search import glossary, ranking


@register()
def check_glossary(app_configs: object = None, **kwargs: object) -> list[Error]:
    try:
        glossary.load(glossary.SYNONYMS_FILE)
    except glossary.GlossaryError as error:
        return [Error(str(error), hint="Fix search/config/synonyms.yml.", id="search.E001")]
    return []


@register()
def check_ranking(app_configs: object = None, **kwargs: object) -> list[Error]:
    try:
        ranking.load(ranking.RANKING_FILE)
    except ranking.RankingError as error:
        return [Error(str(error), hint="Fix search/config/ranking.yml.", id="search.E002")]
    return []
