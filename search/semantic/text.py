"""What is embedded for a document, its hash, and the facet values kept beside its vector. Declared once here."""

from __future__ import annotations

import hashlib

from search.facets import document_facets
from search.types import SearchDocument

# The start of the body that follows the title and summary. The model reads at most 128 word pieces
# (search/semantic/model.py, MAX_TOKENS), about 90 words, so more body would change the hash but not the vector.
BODY_CHARS = 600


def document_text(doc: SearchDocument) -> str:
    """The text a document's vector is made from: its title, its summary and the start of its body."""
    body = doc.body.strip()
    if len(body) > BODY_CHARS:
        cut = body[:BODY_CHARS]
        body = cut[: cut.rfind(" ")] if " " in cut else cut  # end on a whole word
    return "\n".join(part for part in (doc.title.strip(), doc.summary.strip(), body) if part)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def facets_of(doc: SearchDocument) -> dict[str, list[str]]:
    """Facet -> values, exactly as the engines count the document (tags lower-cased; council includes partners)."""
    return {facet: list(values) for facet, values in document_facets(doc).items()}
