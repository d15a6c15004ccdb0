"""Semantic retrieval: sentence vectors of the indexed documents, searched in process, beside the engine port.

The public surface (docs/search.md, "Semantic retrieval"). Every function returns nothing (an empty list, None or
0) when semantic retrieval is switched off or the model's files are missing; search then works on words alone.
"""

from search.semantic.encoder import embed_query, is_available

__all__ = ["embed_query", "is_available"]
