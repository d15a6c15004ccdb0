"""The engine contract: what "the same search" means, for every engine.

Subclass `EngineContract` and provide an `engine` fixture (see test_database_engine.py; the
Elasticsearch suite overrides it too). Documents are plain SearchDocuments, so no pages are needed.
Override `load()` if an engine needs a refresh step after indexing.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from search.ranking import ranking
from search.types import KINDS, SearchDocument, SearchEngine, SearchQuery

WASTE = "Waste and recycling"
FIELDS = {f.name for f in dataclasses.fields(SearchDocument)}


def doc(n: int, title: str, **fields: object) -> SearchDocument:
    """A document; a keyword that is no SearchDocument field is a facet's value (council_type="London borough")."""
    values: dict[str, object] = {
        "kind": "case_study",
        "url": f"/page-{n}/",
        "published": date(2024, 1, 1),
        **{name: value for name, value in fields.items() if name in FIELDS},
    }
    facets = {name: (value,) for name, value in fields.items() if name not in FIELDS}
    return SearchDocument(id=f"page:{n}", title=title, facets=facets, **values)  # type: ignore[arg-type]


CORPUS: tuple[SearchDocument, ...] = (
    doc(1, "Smart bin sensors cut missed collections", summary="Leeds fitted sensors to communal bins.",
        body="Refuse crews now plan rounds from fill levels. Missed collections fell by a third.",
        council="Leeds City Council", council_type="Metropolitan district", nation="England",
        regions=("Yorkshire and The Humber",),
        service_area=WASTE, stage="Live", evidence_strength="Measured", tags=("sensors", "waste"),
        published=date(2024, 3, 1)),
    doc(2, "Tackling fly-tipping on housing estates", kind="challenge",
        summary="Illegal dumping costs us thousands each year.",
        body="Residents report dumped mattresses and sofas. We want faster clearance and fewer repeat sites.",
        council="Bristol City Council", council_type="Unitary authority", nation="England", regions=("South West",),
        service_area=WASTE, stage="Open", tags=("enforcement",), published=date(2023, 6, 1)),
    doc(3, "Apply for an education, health and care plan online", kind="pattern",
        summary="A form pattern for families of children with special educational needs and disabilities.",
        body="Families can save progress and upload reports from schools.",
        service_area="Children's services and SEND", stage="Recommended", tags=("forms",),
        published=date(2022, 1, 10)),
    doc(4, "Housing repairs reporting app", summary="Tenants report damp and mould with photos.",
        body="The repairs team triage reports the same day. <script>alert('x')</script> Damp cases are escalated.",
        council="Southwark Council", council_type="London borough", nation="England", regions=("London",),
        partner_councils=("Leeds City Council",), service_area="Housing", stage="Beta",
        evidence_strength="Anecdotal", tags=("repairs", "mobile"), published=date(2025, 2, 1)),
    doc(5, "Garden waste subscriptions online", summary="Residents renew their garden waste permit online.",
        body="Payments integrate with the finance system and crews get a daily list.",
        council="Cambridgeshire County Council", council_type="County council", nation="England",
        regions=("East of England",),
        service_area=WASTE, stage="Alpha", evidence_strength="Measured", tags=("payments", "waste"),
        published=date(2024, 9, 1)),
    doc(6, "Chatbot for council tax questions", kind="experiment",
        summary="Testing a webchat assistant that answers council tax questions.",
        body="Residents in Cardiff tried the assistant for eight weeks.", partner_councils=("Cardiff Council",),
        regions=("Wales",), service_area="Council tax and benefits", stage="Running", tags=("chatbot",),
        regional_centre="Wales centre for service innovation", published=date(2025, 1, 15)),
    doc(7, "Predicting homelessness with data", summary="Spotting households at risk months earlier.",
        body="We joined council tax arrears and housing register data.", council="City of Edinburgh Council",
        council_type="Scottish council area", nation="Scotland", regions=("Scotland",), service_area="Housing",
        stage="Discovery",
        evidence_strength="Independently evaluated", tags=("data",), published=date(2021, 5, 5)),
    # Relevance weights: the same word in the title, in the summary, and in the body.
    doc(8, "Parking permits reimagined", kind="pattern", summary="Digital permits for residents.",
        body="Permits are issued instantly.", published=date(2023, 1, 1)),
    doc(9, "Resident permits", kind="pattern", summary="Digital parking permits for residents.",
        body="Permits are issued instantly.", published=date(2023, 1, 1)),
    doc(10, "Resident permits service", kind="pattern", summary="Digital permits for residents.",
        body="Permits are issued instantly for parking bays.", published=date(2023, 1, 1)),
)  # fmt: skip


# Register lines ("system") and case studies carrying the supplier and product facets.
MARKETPLACE: tuple[SearchDocument, ...] = (
    SearchDocument(id="system:1", kind="system", title="RoundSight at Leeds City Council", url="/leeds/#systems",
                   summary="Leeds City Council uses RoundSight (Civic Routes Ltd) for waste and recycling.",
                   council="Leeds City Council", regions=("Yorkshire and The Humber",), service_area=WASTE,
                   suppliers=("Civic Routes Ltd",), products=("RoundSight",), boost=0.5),
    SearchDocument(id="system:2", kind="system", title="RoundSight at Bristol City Council", url="/bristol/#systems",
                   summary="Bristol City Council uses RoundSight (Civic Routes Ltd) for waste and recycling.",
                   council="Bristol City Council", regions=("South West",), service_area=WASTE,
                   suppliers=("Civic Routes Ltd",), products=("RoundSight",), boost=0.5),
    SearchDocument(id="system:3", kind="system", title="BinMaster Enterprise at Kent County Council",
                   url="/kent/#systems", council="Kent County Council", regions=("South East",), service_area=WASTE,
                   suppliers=("Legacy Municipal Systems plc",), products=("BinMaster Enterprise",), boost=0.5),
    SearchDocument(id="system:4", kind="system", title="Housing Suite 9 at Leeds City Council", url="/leeds/#systems",
                   council="Leeds City Council", regions=("Yorkshire and The Humber",), service_area="Housing",
                   suppliers=("Legacy Municipal Systems plc",), products=("Housing Suite 9",), boost=0.5),
    doc(21, "Route planning for bin lorries", council="Leeds City Council", service_area=WASTE,
        suppliers=("Civic Routes Ltd",), products=("RoundSight",)),
    doc(22, "Street cleaning rota"),
)  # fmt: skip


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


def counts(result, facet: str) -> dict[str, int]:
    return {v.value: v.count for f in result.facets if f.name == facet for v in f.values}


class EngineContract:
    """Mixin: every engine must pass these. Needs an `engine` fixture returning a fresh, empty engine."""

    def load(self, engine: SearchEngine, docs: tuple[SearchDocument, ...] | list[SearchDocument]) -> None:
        engine.rebuild(docs)

    def search(self, engine: SearchEngine, text: str = "", **kwargs: object):
        return engine.search(SearchQuery(text=text, **kwargs))  # type: ignore[arg-type]

    @pytest.fixture
    def loaded(self, engine: SearchEngine) -> SearchEngine:
        self.load(engine, CORPUS)
        return engine

    # Query language

    def test_every_word_matching_is_a_full_match(self, loaded):
        result = self.search(loaded, "garden subscriptions")
        assert ids(result) == ["page:5"] and not result.partial_match and result.hits[0].missing == ()

    def test_exact_phrase(self, loaded):
        assert ids(self.search(loaded, '"missed collections"')) == ["page:1"]
        assert ids(self.search(loaded, '"collections missed"')) == []

    def test_excluded_words(self, loaded):
        found = ids(self.search(loaded, "waste"))
        assert "page:5" in found and "page:1" in found
        without = ids(self.search(loaded, "waste -garden"))
        assert "page:5" not in without and "page:1" in without

    def test_only_excluded_words_finds_everything_else(self, loaded):
        result = self.search(loaded, "-permits", page_size=50)
        # page:5 mentions a "permit": stemming applies to exclusions too.
        assert set(ids(result)) == {f"page:{n}" for n in (1, 2, 3, 4, 6, 7)}

    def test_or(self, loaded):
        assert set(ids(self.search(loaded, "mattresses OR webchat"))) == {"page:2", "page:6"}

    def test_english_stemming(self, loaded):
        assert "page:1" in ids(self.search(loaded, "collect"))
        assert "page:4" in ids(self.search(loaded, "repairing"))

    # Ranking

    def test_title_outranks_summary_outranks_body(self, loaded):
        assert ids(self.search(loaded, "parking")) == ["page:8", "page:9", "page:10"]

    def test_document_boost_and_recency(self, engine):
        same = {"summary": "Reporting potholes with photos.", "body": "Crews fix them faster."}
        self.load(
            engine,
            [
                doc(1, "Pothole reporting", published=date(2020, 1, 1), **same),
                doc(2, "Pothole reporting", published=date(2025, 1, 1), **same),
                doc(3, "Pothole reporting", published=date(2025, 1, 1), boost=0.5, **same),
            ],
        )
        assert ids(self.search(engine, "pothole")) == ["page:2", "page:1", "page:3"]

    def test_boost_and_recency_follow_each_write(self, engine):
        # Not only a rebuild: documents indexed one by one, then re-indexed with another date and boost.
        same = {"summary": "Reporting potholes with photos.", "body": "Crews fix them faster."}
        self.load(engine, [])
        engine.index([doc(1, "Pothole reporting", published=date(2020, 1, 1), **same)])
        engine.index([doc(2, "Pothole reporting", published=date(2025, 1, 1), **same)])
        assert ids(self.search(engine, "pothole")) == ["page:2", "page:1"]
        engine.index([doc(1, "Pothole reporting", published=date(2026, 1, 1), **same)])
        assert ids(self.search(engine, "pothole")) == ["page:1", "page:2"]
        engine.index([doc(1, "Pothole reporting", published=date(2026, 1, 1), boost=0.5, **same)])
        assert ids(self.search(engine, "pothole")) == ["page:2", "page:1"]

    def test_a_future_publication_date_counts_as_today(self, engine):
        # Exactly 365 days ahead once divided by zero in the recency formula.
        today = date.today()
        ahead = today + timedelta(days=365)
        self.load(
            engine,
            [
                doc(1, "Pothole reporting", published=ahead),
                doc(2, "Pothole reporting", published=today, boost=0.9),
            ],
        )
        assert ids(self.search(engine, "pothole")) == ["page:1", "page:2"]

    def test_sort_newest(self, loaded):
        result = self.search(loaded, "residents", sort="newest")
        dates = [hit.published for hit in result.hits]
        assert len(dates) >= 3 and dates == sorted(dates, reverse=True)

    # Filters and facets

    def test_filter_and_facet_counts(self, loaded):
        result = self.search(loaded, "", filters={"service_area": (WASTE,)})
        assert result.total == 3
        assert counts(result, "kind") == {"case_study": 2, "challenge": 1}
        assert counts(result, "region") == {"Yorkshire and The Humber": 1, "South West": 1, "East of England": 1}
        assert counts(result, "tag")["waste"] == 2
        assert counts(result, "year") == {"2024": 2, "2023": 1}

    def test_facet_counts_honour_the_other_selected_facets(self, loaded):
        result = self.search(loaded, "", filters={"service_area": (WASTE,), "region": ("South West",)})
        assert ids(result) == ["page:2"]
        # Selecting a region does not zero the other regions; the service-area filter still applies to them.
        assert counts(result, "region") == {"Yorkshire and The Humber": 1, "South West": 1, "East of England": 1}
        # The service-area counts honour the region, not the service area itself.
        assert counts(result, "service_area") == {WASTE: 1}
        assert counts(result, "kind") == {"challenge": 1}
        selected = [v.value for f in result.facets if f.name == "region" for v in f.values if v.selected]
        assert selected == ["South West"]

    def test_values_within_a_facet_are_ored(self, loaded):
        result = self.search(loaded, "", filters={"region": ("South West", "London")})
        assert set(ids(result)) == {"page:2", "page:4"}

    def test_nation_facet_counts_and_filters(self, loaded):
        assert counts(self.search(loaded, ""), "nation") == {"England": 4, "Scotland": 1}
        result = self.search(loaded, "", filters={"nation": ("Scotland",)})
        assert ids(result) == ["page:7"]
        # The nation's own counts ignore its selection; the others honour it.
        assert counts(result, "nation") == {"England": 4, "Scotland": 1}
        assert counts(result, "council_type") == {"Scottish council area": 1}
        result = self.search(loaded, "", filters={"nation": ("England",), "council_type": ("London borough",)})
        assert ids(result) == ["page:4"]

    def test_council_facet_includes_partner_councils(self, loaded):
        result = self.search(loaded, "", filters={"council": ("Leeds City Council",)})
        assert set(ids(result)) == {"page:1", "page:4"}

    def test_text_and_filters_combine(self, loaded):
        result = self.search(loaded, "report", filters={"kind": ("challenge",)})
        assert ids(result) == ["page:2"]
        assert counts(result, "kind") == {"challenge": 1, "case_study": 1, "pattern": 1}

    def test_every_facet_is_reported(self, loaded):
        result = self.search(loaded, "")
        names = [f.name for f in result.facets]
        assert names == ["kind", "nation", "region", "council", "council_type", "service_area", "supplier", "product",
                         "stage", "evidence_strength", "tag", "year"]  # fmt: skip
        assert set(counts(result, "kind")) <= set(KINDS)
        assert counts(result, "evidence_strength") == {"Measured": 2, "Anecdotal": 1, "Independently evaluated": 1}

    # Supplier and product facets: case studies' linked products and council systems register lines.

    def test_supplier_and_product_facet_counts(self, engine):
        self.load(engine, MARKETPLACE)
        result = self.search(engine, "")
        assert counts(result, "supplier") == {"Civic Routes Ltd": 3, "Legacy Municipal Systems plc": 2}
        assert counts(result, "product") == {"RoundSight": 3, "BinMaster Enterprise": 1, "Housing Suite 9": 1}

    def test_supplier_filter_keeps_other_suppliers_counts(self, engine):
        self.load(engine, MARKETPLACE)
        result = self.search(engine, "", filters={"supplier": ("Civic Routes Ltd",)})
        assert set(ids(result)) == {"page:21", "system:1", "system:2"}
        assert counts(result, "supplier") == {"Civic Routes Ltd": 3, "Legacy Municipal Systems plc": 2}
        assert counts(result, "product") == {"RoundSight": 3}

    def test_who_uses_a_product_for_a_service_area(self, engine):
        self.load(engine, MARKETPLACE)
        query = {"kind": ("system",), "product": ("RoundSight",), "service_area": (WASTE,)}
        result = self.search(engine, "", filters=query)
        assert sorted(hit.council for hit in result.hits) == ["Bristol City Council", "Leeds City Council"]
        assert counts(result, "council") == {"Bristol City Council": 1, "Leeds City Council": 1}
        assert self.search(engine, "", filters={**query, "product": ("BinMaster Enterprise",)}).total == 1
        assert self.search(engine, "", filters={**query, "service_area": ("Housing",)}).total == 0

    def test_register_lines_stay_out_of_autocomplete_and_related_content(self, engine):
        self.load(engine, MARKETPLACE)
        # Searching finds them; the lists of suggested titles and related pages do not fill up with them.
        assert {"system:1", "system:2"} <= set(ids(self.search(engine, "roundsight")))
        assert not [title for title in engine.autocomplete("roundsight") if " at " in title]
        assert "Route planning for bin lorries" in engine.autocomplete("route")
        assert {hit.kind for hit in engine.related("page:21", limit=10)} <= {"case_study"}
        assert {hit.kind for hit in engine.similar_to_text("RoundSight at Leeds City Council")} <= {"case_study"}

    def test_without_facets(self, loaded):
        assert self.search(loaded, "waste", with_facets=False).facets == ()

    # Presentation

    def test_highlights_are_escaped_and_marked(self, loaded):
        [hit] = self.search(loaded, "escalated").hits
        assert "<mark>escalated</mark>" in hit.highlight.lower()
        assert "<script" not in hit.highlight

    def test_highlights_come_from_summary_or_body_never_tags_or_title(self, engine):
        self.load(engine, (
            doc(31, "Hospital discharge at home", summary="Councils and NHS trusts were each doing their own.",
                body="Teams shared one discharge form.", tags=("adult social care", "hospital discharge", "NHS")),
            doc(32, "Meals on wheels", summary="Hot meals delivered each day.", body="Drivers check on residents.",
                tags=("reablement",)),
            doc(33, "Reablement visits", summary="Short visits after a stay.", body="Carers visit twice a day."),
        ))  # fmt: skip
        # The word is in the summary: the snippet is the summary's text, with no tags glued on.
        [hit] = self.search(engine, "trusts").hits
        assert "<mark>trusts</mark>" in hit.highlight
        assert "adult social care" not in hit.highlight, hit.highlight
        assert not hit.highlight.rstrip(" .…").endswith("NHS")
        # The word is only in a tag: the plain summary, not the tag list.
        assert self.search(engine, "reablement").total == 2
        tagged = next(h for h in self.search(engine, "reablement").hits if h.id == "page:32")
        assert tagged.highlight == "Hot meals delivered each day."
        # The word is only in the title: the plain summary too (titles are shown above the snippet already).
        titled = next(h for h in self.search(engine, "reablement").hits if h.id == "page:33")
        assert titled.highlight == "Short visits after a stay."

    def test_pagination(self, loaded):
        first = self.search(loaded, "issued", page_size=2, page=1)
        second = self.search(loaded, "issued", page_size=2, page=2)
        assert first.total == second.total == 3
        assert len(first.hits) == 2 and len(second.hits) == 1
        assert not set(ids(first)) & set(ids(second))
        beyond = self.search(loaded, "issued", page_size=2, page=9)
        assert beyond.hits == () and beyond.total == 3

    def test_hit_fields(self, loaded):
        [hit] = self.search(loaded, "mattresses").hits
        assert (hit.kind, hit.title, hit.url) == ("challenge", "Tackling fly-tipping on housing estates", "/page-2/")
        assert (hit.council, hit.regions, hit.service_area, hit.stage) == (
            "Bristol City Council", ("South West",), WASTE, "Open",
        )  # fmt: skip
        assert hit.published == date(2023, 6, 1)

    # Typos, suggestions, glossary

    def test_typo_tolerance_and_suggestion(self, loaded):
        result = self.search(loaded, "matresses")
        assert ids(result) == ["page:2"]
        assert result.suggestion == "mattresses"

    def test_a_misspelt_glossary_term_is_corrected_and_expanded(self, loaded):
        # No document says "rubbish" (the index cannot correct "rubish"); the glossary can, and its synonyms match.
        result = self.search(loaded, "rubish")
        assert {"page:1", "page:5"} <= set(ids(result))
        assert result.suggestion == "rubbish"
        assert {"rubbish", "waste"} <= set(result.expanded_terms)

    def test_no_suggestion_for_a_good_query(self, loaded):
        assert self.search(loaded, "mattresses").suggestion is None

    def test_glossary_synonyms(self, loaded):
        result = self.search(loaded, "rubbish")
        assert {"page:1", "page:5"} <= set(ids(result))  # they say waste, refuse and bins
        assert "waste" in result.expanded_terms

    def test_the_words_as_typed_rank_above_glossary_synonyms(self, engine):
        # Two documents alike but for one word; "webchat" and "chatbot" are glossary synonyms of each other.
        alike = {"summary": "Answers council tax questions at any hour.", "service_area": "Customer contact"}
        self.load(
            engine, [doc(31, "A webchat for council tax", **alike), doc(32, "A chatbot for council tax", **alike)]
        )
        assert ids(self.search(engine, "chatbot")) == ["page:32", "page:31"]
        assert ids(self.search(engine, "webchat")) == ["page:31", "page:32"]
        assert ids(self.search(engine, "council tax chatbot")) == ["page:32", "page:31"]

    def test_pages_stay_consistent_when_typed_words_are_preferred(self, engine):
        docs = [doc(40 + n, f"{'Chatbot' if n % 2 else 'Webchat'} pilot number {n}", published=date(2020 + n % 5, 1, 1))
                for n in range(30)]  # fmt: skip
        self.load(engine, docs)
        everything = ids(self.search(engine, "chatbot", page_size=30))
        pages = [hit for p in (1, 2, 3) for hit in ids(self.search(engine, "chatbot", page=p, page_size=10))]
        assert pages == everything and len(set(everything)) == 30
        assert {int(i.split(":")[1]) % 2 for i in everything[:15]} == {1}  # every chatbot before any webchat

    def test_glossary_acronym(self, loaded):
        result = self.search(loaded, "SEND")
        assert ids(result) == ["page:3"]
        assert "special educational needs and disabilities" in result.expanded_terms

    def test_glossary_phrase(self, loaded):
        assert "page:2" in ids(self.search(loaded, "illegal dumping"))
        assert "page:2" in ids(self.search(loaded, "fly tipping"))

    # Graded matching: a document need not contain every word; those with more of the words come first
    # (search/config/ranking.yml: minimum_should_match).

    def test_documents_with_some_of_the_words_are_found(self, loaded):
        result = self.search(loaded, "garden mattresses")
        assert result.partial_match
        assert set(ids(result)) == {"page:2", "page:5"} and result.total == 2

    def test_results_say_which_words_they_lack(self, loaded):
        result = self.search(loaded, "garden mattresses")
        missing = {hit.id: hit.missing for hit in result.hits}
        assert missing == {"page:2": ("garden",), "page:5": ("mattresses",)}

    def test_documents_with_every_word_come_first(self, engine):
        self.load(
            engine,
            [
                doc(1, "Collecting sofas", summary="Old sofas collected from the kerb."),
                doc(2, "Collecting sofas and fridges", summary="Old sofas and fridges collected from the kerb."),
                doc(3, "Fridges and sofas and wardrobes", body="Bulky items."),
                doc(4, "Collecting furniture", summary="Old furniture collected from the kerb."),
                # More relevant to "sofas" alone than any other document, yet it lacks two of the words.
                doc(5, "Sofas sofas sofas", summary="Sofas.", tags=("sofas",)),
            ],
        )
        result = self.search(engine, "sofas fridges wardrobes")
        assert not result.partial_match
        assert ids(result)[:2] == ["page:3", "page:2"]  # all three words, then two of them
        assert set(ids(result)[2:]) == {"page:1", "page:5"} and result.total == 4
        assert result.hits[0].missing == () and result.hits[1].missing == ("wardrobes",)

    def test_long_queries_need_a_share_of_their_words(self, engine):
        words = ["sofas", "fridges", "wardrobes", "tables", "chairs", "beds", "desks", "lamps", "rugs", "mirrors"]
        docs = [doc(n, " ".join(words[:n]).capitalize(), summary="Bulky items collected.") for n in range(1, 6)]
        self.load(engine, docs)
        required = ranking().required_matches(len(words))
        assert required > 1  # otherwise this test shows nothing
        result = self.search(engine, " ".join(words))
        assert set(ids(result)) == {f"page:{n}" for n in range(required, 6)}

    def test_graded_matching_keeps_exclusions_phrases_and_filters(self, loaded):
        assert ids(self.search(loaded, "garden mattresses -sofas")) == ["page:5"]
        assert set(ids(self.search(loaded, '"missed collections" mattresses'))) == {"page:1", "page:2"}
        # Not a phrase anywhere: the phrase still means the words in that order.
        assert ids(self.search(loaded, '"collections missed" mattresses')) == ["page:2"]
        filtered = self.search(loaded, "garden mattresses", filters={"kind": ("challenge",)})
        assert filtered.partial_match and ids(filtered) == ["page:2"]

    def test_one_word_or_filters_only_are_never_partial(self, loaded):
        one_word = self.search(loaded, "mattresses", filters={"kind": ("pattern",)})
        assert one_word.total == 0 and not one_word.partial_match
        filters_only = self.search(loaded, "", filters={"kind": ("pattern",), "region": ("Wales",)})
        assert filters_only.total == 0 and not filters_only.partial_match
        # Stop words are not words a document must contain: "the mattresses" is one word.
        stop_word = self.search(loaded, "the mattresses", filters={"kind": ("pattern",)})
        assert stop_word.total == 0 and not stop_word.partial_match

    def test_nothing_when_no_word_matches(self, loaded):
        result = self.search(loaded, "xylophones quadrilles")
        assert result.total == 0 and not result.partial_match

    def test_or_keeps_its_meaning_within_graded_matching(self, loaded):
        # "mattresses OR subscriptions" is one word with two spellings: either is the whole query.
        result = self.search(loaded, "mattresses OR subscriptions")
        assert set(ids(result)) == {"page:2", "page:5"} and not result.partial_match

    # Autocomplete, related, similar

    def test_autocomplete_titles_and_tags(self, loaded):
        assert "Garden waste subscriptions online" in loaded.autocomplete("gard")
        assert "sensors" in loaded.autocomplete("sens")
        assert loaded.autocomplete("zzzz") == []
        # Every typed word is in the title, the last one as a prefix.
        assert "Garden waste subscriptions online" in loaded.autocomplete("garden wa")
        assert "Garden waste subscriptions online" in loaded.autocomplete("waste gard")
        assert "Garden waste subscriptions online" not in loaded.autocomplete("garden ha")
        assert len(loaded.autocomplete("p", limit=2)) <= 2

    def test_autocomplete_completes_the_words_as_typed(self, engine):
        # Not their stems: "parki" is on its way to "parking" (stem "park"), and "parking" is not "parks".
        self.load(engine, [doc(51, "Parking permits"), doc(52, "Parks and open spaces"), doc(53, "Missed collections")])
        assert engine.autocomplete("parki") == ["Parking permits"]
        assert engine.autocomplete("parking") == ["Parking permits"]
        assert engine.autocomplete("collectio") == ["Missed collections"]
        assert engine.autocomplete("missed collections") == ["Missed collections"]

    def test_autocomplete_follows_each_write(self, engine):
        self.load(engine, [doc(51, "Parking permits")])
        engine.index([doc(52, "Parkland tree planting")])
        assert engine.autocomplete("parkl") == ["Parkland tree planting"]
        engine.index([doc(52, "Woodland tree planting")])  # the title changed
        assert engine.autocomplete("parkl") == []
        assert engine.autocomplete("woodl") == ["Woodland tree planting"]
        engine.remove(["page:52"])
        assert engine.autocomplete("woodl") == []
        assert engine.autocomplete("parki") == ["Parking permits"]

    def test_related_excludes_itself(self, loaded):
        related = ids_of(loaded.related("page:1", limit=3))
        assert related and "page:1" not in related
        assert related[0] == "page:5"  # the other waste case study with crews and waste tags
        assert loaded.related("page:999") == []

    def test_similar_to_text(self, loaded):
        text = "Our crews miss collections; we want sensors in communal bins to plan rounds."
        assert ids_of(loaded.similar_to_text(text))[0] == "page:1"
        only = loaded.similar_to_text(text, kinds=("challenge",))
        assert {hit.kind for hit in only} <= {"challenge"}

    def test_similar_to_text_needs_enough_of_the_texts_words(self, loaded):
        # Five significant words: a page needs two of them. One shared word ("residents") is no likeness.
        found = ids_of(loaded.similar_to_text("Residents report missed bin collections", limit=10))
        assert found[0] == "page:1"  # missed, bin, collections
        assert "page:2" in found  # residents, report
        assert not {"page:5", "page:6", "page:8", "page:9", "page:10"} & set(found)
        assert loaded.similar_to_text("Residents", limit=10)  # a one-word text needs its one word

    # Index maintenance

    def test_remove(self, loaded):
        assert loaded.remove(["page:1"]) == 1
        assert ids(self.search(loaded, "sensors")) == []
        assert "page:1" not in ids_of(loaded.related("page:5", limit=10))
        assert "Smart bin sensors cut missed collections" not in loaded.autocomplete("smart")
        assert counts(self.search(loaded, ""), "kind")["case_study"] == 3

    def test_index_replaces_a_document(self, loaded):
        loaded.index([doc(5, "Garden waste permits by text message", service_area=WASTE)])
        assert ids(self.search(loaded, "subscriptions")) == []
        assert ids(self.search(loaded, "message")) == ["page:5"]
        assert self.search(loaded, "").total == len(CORPUS)

    def test_rebuild_replaces_everything(self, loaded):
        self.load(loaded, CORPUS[:2])
        assert self.search(loaded, "").total == 2
        assert ids(self.search(loaded, "garden")) == []

    def test_health(self, loaded):
        health = loaded.health()
        assert health.ok and health.documents == len(CORPUS)


def ids_of(hits) -> list[str]:
    return [hit.id for hit in hits]
