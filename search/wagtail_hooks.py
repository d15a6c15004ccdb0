"""Admin: curators maintain the glossary (Snippets > Glossary entries); it applies to searches at once."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import reports  # noqa: F401 - registers the curators' search report (search/reports.py)
from search.models import GlossaryEntry


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "list-ul"
    menu_label = "Search glossary"
    list_display = ["term", "synonyms", "note"]
    search_fields = ["term", "synonyms"]


register_snippet(GlossaryEntryViewSet)
