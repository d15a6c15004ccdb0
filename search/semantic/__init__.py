"""Semantic retrieval: sentence vectors of the indexed documents, searched in process, beside the engine port.

The public surface (docs/search.md, "Semantic retrieval"). Every function returns nothing (an empty list, None or
0) when semantic retrieval is switched off or the model's files are missing; search then works on words alone.
"""

from search.semantic.encoder import embed_query, is_available
from search.semantic.indexing import index_documents, rebuild_documents, remove_documents
from search.semantic.retrieval import nearest, related, similar_to_text

__all__ = [
    "embed_query",
    "index_documents",
    "is_available",
    "nearest",
    "rebuild_documents",
    "related",
    "remove_documents",
    "similar_to_text",
]
