"""Search tables: the database engine's index, the durable index queue and the curators' glossary.

The index tables are the database engine's own (never a scan over page tables). Vendor-specific
parts (the SQLite FTS5 table and its triggers, the PostgreSQL tsvector column and GIN/trigram
indexes) are created by RunSQL in the migrations, next to these plain tables.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.text import CleanTextMixin
from search.glossary import Glossary, GlossaryError, starter_glossary, validate


class SearchEntry(models.Model):
    """One indexed SearchDocument, stored as the engine needs it for display and ranking."""

    doc_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20)
    title = models.TextField()
    url = models.TextField()
    summary = models.TextField(blank=True)
    # Summary and tags together: the middle-weight searchable field (title > keywords > body).
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    council = models.CharField(max_length=200, blank=True)
    regions = models.JSONField(default=list)
    service_area = models.CharField(max_length=100, blank=True)
    stage = models.CharField(max_length=100, blank=True)
    tags = models.JSONField(default=list)
    published = models.DateField(null=True, blank=True)
    # Day number of `published` (date.toordinal) so both vendors compute recency with plain arithmetic.
    published_day = models.IntegerField(default=0)
    updated = models.DateTimeField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    document = models.JSONField(default=dict)  # the full SearchDocument, for related content and rebuilds

    class Meta:
        db_table = "search_entry"
        indexes = [models.Index(fields=["published_day"], name="search_entry_published_day")]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.doc_id


class SearchFacet(models.Model):
    """One facet value of one entry: the precomputed table facet counts and filters read."""

    entry_id = models.BigIntegerField()
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        db_table = "search_facet"
        indexes = [
            models.Index(fields=["facet", "value", "entry_id"], name="search_facet_value"),
            models.Index(fields=["entry_id", "facet"], name="search_facet_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchTerm(models.Model):
    """Vocabulary of indexed words, for typo correction. Suggestions are re-checked against the index."""

    term = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "search_term"
        indexes = [models.Index(fields=["length", "term"], name="search_term_length")]

    def __str__(self) -> str:
        return self.term


class SearchState(models.Model):
    """One row: the index generation, bumped by every write so each process knows when its facet cache is stale."""

    generation = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_state"

    def __str__(self) -> str:
        return f"generation {self.generation}"


class IndexChange(models.Model):
    """Durable outbox: a page, or another source's document, whose index entry must be brought up to date.

    Exactly one of `page_id` and `doc_id` is set: `doc_id` is for documents that are not pages (register lines).
    """

    class Action(models.TextChoices):
        SYNC = "sync", "Index or remove, whichever the page's state needs"
        REMOVE = "remove", "Remove"

    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    doc_id = models.CharField(max_length=64, blank=True, default="")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.SYNC)
    created = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        db_table = "search_indexchange"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} page {self.page_id}" if self.page_id is not None else f"{self.action} {self.doc_id}"


class GlossaryEntry(CleanTextMixin, index.Indexed, models.Model):
    """A curator's synonym or acronym, merged with the reviewed starter glossary at query time."""

    term = models.CharField(
        max_length=100, unique=True, help_text="The word, phrase or acronym people search for, for example “HMO”."
    )
    synonyms = models.TextField(
        help_text="Words or phrases that mean the same, one per line, for example “house in multiple occupation”."
    )
    note = models.CharField(max_length=300, blank=True, help_text="Optional. Why these mean the same.")

    panels = [FieldPanel("term"), FieldPanel("synonyms"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.SearchField("synonyms")]

    class Meta:
        db_table = "search_glossaryentry"
        ordering = ["term"]
        verbose_name = "glossary entry"
        verbose_name_plural = "glossary entries"

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        if not self.synonym_list():
            raise ValidationError({"synonyms": "Enter at least one word or phrase that means the same."})
        try:
            validate({"general": [[self.term, *self.synonym_list()]]}, source="This entry")
        except GlossaryError as error:
            raise ValidationError(str(error).replace("This entry: section 'general', entry 1: ", "")) from error

    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.replace(",", "\n").splitlines() if line.strip()]


def current_glossary() -> Glossary:
    """The starter set plus the curators' entries (read on each query: a small table, always current)."""
    extra = [(entry.term, *entry.synonym_list()) for entry in GlossaryEntry.objects.all()]
    base = starter_glossary()
    return base.merged(extra) if extra else base


# --- Semantic retrieval (search/semantic/): sentence vectors of the indexed documents, beside the engines ---


class Embedding(models.Model):
    """A sentence vector, cached by the model that made it and a hash of the exact text it was made from.

    A reindex finds a document's text unchanged and reuses its vector; another model never reuses one.
    """

    model = models.CharField(max_length=64)  # the model's key: a hash of its weights and the truncation length
    text_hash = models.CharField(max_length=64)  # SHA-256 of the text embedded (search/semantic/text.py)
    vector = models.BinaryField()  # float32, little-endian
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "search_embedding"
        constraints = [models.UniqueConstraint(fields=["model", "text_hash"], name="search_embedding_model_text")]

    def __str__(self) -> str:
        return f"{self.model} {self.text_hash[:12]}"


class DocumentVector(models.Model):
    """A document the engines index now: the text its vector is made from, and the facet values filters read.

    Only live, public documents have a row (written where the engines are written, search/indexing.py). Its vector
    is the Embedding of `text_hash` under the current model; until that is computed the document is left out.
    """

    doc_id = models.CharField(max_length=64, unique=True)
    text_hash = models.CharField(max_length=64, db_index=True)
    text = models.TextField()  # kept so pending vectors are computed, and recomputed, without reading pages
    facets = models.JSONField(default=dict)  # facet -> [values], as the engines count them

    class Meta:
        db_table = "search_document_vector"

    def __str__(self) -> str:
        return self.doc_id


class VectorState(models.Model):
    """One row: the vectors' generation, changed by every write so each process knows its copy is stale."""

    generation = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_vector_state"

    def __str__(self) -> str:
        return f"generation {self.generation}"


class VectorChange(models.Model):
    """Per vector write: the generation it replaced, the one it set and the documents it touched (the last 1,000).

    Another process follows the chain from its copy's generation and re-reads only those documents.
    """

    previous = models.BigIntegerField(db_index=True)
    generation = models.BigIntegerField()
    doc_ids = models.TextField()  # JSON list

    class Meta:
        db_table = "search_vector_change"

    def __str__(self) -> str:
        return f"{self.previous} -> {self.generation}"


# --- Search analytics (search/analytics.py records, search/reports.py shows) ---


class DailySearchTerm(models.Model):
    """How often one normalised search term was searched on one day, and how often it found nothing.

    Nothing about the person searching is kept. The "view" permission grants the curators' report.
    """

    term = models.CharField(max_length=200)
    date = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    zero_result_searches = models.PositiveIntegerField(default=0)
    last_result_count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "search_dailysearchterm"
        constraints = [models.UniqueConstraint(fields=["term", "date"], name="search_dailysearchterm_unique")]
        indexes = [models.Index(fields=["date", "term"], name="search_dailyterm_date")]
        verbose_name = "daily search term"

    def __str__(self) -> str:
        return f"{self.term} ({self.date})"
