"""Cross-council search. The public surface: get_engine(), SearchQuery and ResultPage."""

from search.engines import get_engine
from search.types import ResultPage, SearchQuery

__all__ = ["ResultPage", "SearchQuery", "get_engine"]
