"""Reading Elasticsearch responses into the port's data, as data (no server)."""

from __future__ import annotations

from datetime import date

from search.engines.elasticsearch.engine import _corrections, _facets, _hit
from search.glossary import build
from search.planning import corrected_text
from search.query_parser import parse

NO_GLOSSARY = build([])  # the suggesters' corrections alone


def response(checks: dict[str, int], phrase: str = "", words: dict[str, str] | None = None) -> dict:
    return {
        "aggregations": {"word_checks": {k: {"doc_count": v} for k, v in checks.items()}},
        "suggest": {
            "did_you_mean": [{"options": [{"text": phrase}] if phrase else []}],
            "words": [{"text": w, "options": [{"text": fix}]} for w, fix in (words or {}).items()],
        },
    }


def test_only_words_that_match_nothing_are_corrected():
    checked = ["garden", "matresses"]
    fixes = _corrections(
        response({"w0": 12, "w1": 0}, words={"garden": "gardens", "matresses": "mattresses"}), checked, NO_GLOSSARY
    )
    assert fixes == {"matresses": "mattresses"}


def test_a_whole_phrase_correction_is_used_when_it_lines_up_word_for_word():
    checked = ["garden", "subscriptons"]
    fixes = _corrections(response({"w0": 3, "w1": 0}, phrase="garden subscriptions"), checked, NO_GLOSSARY)
    assert fixes == {"subscriptons": "subscriptions"}


def test_a_phrase_correction_that_does_not_line_up_is_ignored_for_the_word_suggestions():
    checked = ["collecton", "rounds"]
    garbled = "collecton rounds collection rounds"  # osmem-server's phrase suggester output
    fixes = _corrections(
        response({"w0": 0, "w1": 4}, phrase=garbled, words={"collecton": "collection"}), checked, NO_GLOSSARY
    )
    assert fixes == {"collecton": "collection"}


def test_nothing_unmatched_means_no_suggestion():
    assert _corrections(response({"w0": 2}, words={"bin": "bins"}), ["bin"], NO_GLOSSARY) == {}
    assert _corrections({}, [], NO_GLOSSARY) == {}


def test_the_suggestion_keeps_the_query_syntax():
    parsed = parse('matresses OR sofas -"garden waste"')
    assert corrected_text(parsed, {"matresses": "mattresses"}) == 'mattresses OR sofas -"garden waste"'


def test_facets_are_ordered_like_the_database_engine_and_keep_selected_values():
    aggregations = {
        "year": {"values": {"buckets": [{"key": "2023", "doc_count": 5}, {"key": "2025", "doc_count": 1}]}},
        "region": {"values": {"buckets": [{"key": "b", "doc_count": 2}, {"key": "A", "doc_count": 2}]}},
    }
    facets = {f.name: f for f in _facets(aggregations, {"region": ("London",)})}
    assert [v.value for v in facets["year"].values] == ["2025", "2023"]  # newest first
    assert [(v.value, v.count, v.selected) for v in facets["region"].values] == [
        ("A", 2, False),
        ("b", 2, False),
        ("London", 0, True),  # selected, nothing matches: still shown so it can be unticked
    ]
    assert facets["kind"].values == ()


def test_a_hit_without_a_highlight_shows_the_escaped_summary():
    source = {"kind": "case_study", "title": "T", "url": "/t/", "summary": "Damp <b>& mould"}
    source.update({"regions": ["London"], "published": "2025-02-01", "council": None})
    hit = _hit({"_id": "page:4", "_score": 2.5, "_source": source})
    assert hit.highlight == "Damp &lt;b&gt;&amp; mould"
    assert (hit.council, hit.regions, hit.published, hit.score) == ("", ("London",), date(2025, 2, 1), 2.5)
    marked = _hit({"_id": "x", "_source": {}, "highlight": {"summary": ["<mark>damp</mark>"]}})
    assert marked.highlight == "<mark>damp</mark>"
