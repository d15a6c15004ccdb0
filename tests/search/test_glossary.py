"""The glossary: reviewed starter data validated at load, curators' entries, and query expansion."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from search.glossary import SECTIONS, GlossaryError, build, expand, starter_glossary, validate
from search.models import GlossaryEntry, current_glossary
from search.planning import glossary_correction, plan, with_corrections
from search.query_parser import Term, parse


def test_starter_set_covers_every_service_area_with_at_least_200_entries():
    glossary = starter_glossary()
    assert glossary.entries >= 200
    import yaml

    from search.glossary import SYNONYMS_FILE

    data = yaml.safe_load(SYNONYMS_FILE.read_text())
    assert set(data) == SECTIONS
    assert all(len(entries) >= 5 for entries in data.values())


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("bin", "rubbish"),
        ("rubbish", "waste"),
        ("send", "special educational needs and disabilities"),
        ("ehcp", "education health and care plan"),
        ("hmo", "house in multiple occupation"),
        ("asb", "anti social behaviour"),
        ("nndr", "business rates"),
        ("lgr", "local government reorganisation"),
        ("fly tipping", "illegal dumping"),
    ],
)
def test_well_known_entries(term, expected):
    assert expected in starter_glossary().lookup(tuple(term.split()))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([["bin", "waste"]], "expected sections"),
        ({"rubbish": [["bin", "waste"]]}, "unknown section 'rubbish'"),
        ({"housing": []}, "non-empty list"),
        ({"housing": [["hmo"]]}, "entry 1: an entry is a list of at least two terms"),
        ({"housing": [["hmo", 3]]}, "every term must be text"),
        ({"housing": [["hmo", "house in multiple occupation"], ["it", "information technology"]]}, "entry 2"),
    ],
)
def test_bad_data_fails_with_a_clear_error(data, message):
    with pytest.raises(GlossaryError, match=message):
        validate(data)


def test_expansion_adds_alternatives_and_reports_them():
    expanded, shown = expand(parse("bin rounds"), build([("bin", "waste", "refuse")]))
    assert expanded.clauses == ((Term(("bin",)), Term(("waste",)), Term(("refuse",))), (Term(("rounds",)),))
    assert shown == ("waste", "refuse")


def test_multi_word_terms_are_recognised_in_plain_words():
    expanded, shown = expand(parse("fly tipping estates"), build([("fly tipping", "illegal dumping")]))
    # Each word stays a clause (graded matching counts them); each also accepts the phrase and its synonyms.
    phrase = (Term(("fly", "tipping")), Term(("illegal", "dumping")))
    assert expanded.clauses == ((Term(("fly",)), *phrase), (Term(("tipping",)), *phrase), (Term(("estates",)),))
    assert shown == ("illegal dumping",)


def test_plain_plurals_match():
    assert build([("bin", "waste")]).lookup(("bins",)) == ("waste",)


def test_excluded_words_are_not_expanded():
    expanded, shown = expand(parse("rounds -bin"), build([("bin", "waste")]))
    assert expanded.excluded == (Term(("bin",)),) and shown == ()


def test_misspelt_glossary_terms_are_corrected_within_the_allowed_typos():
    glossary = build([("rubbish", "waste", "refuse"), ("fly tipping", "illegal dumping")])
    assert glossary.words == ["refuse", "rubbish", "waste"]  # one-word terms only: phrases are not corrections
    assert glossary_correction("rubish", glossary) == "rubbish"
    assert glossary_correction("wsate", glossary) == "waste"  # a swap of neighbours counts as one typo
    assert glossary_correction("rubble", glossary) is None  # two typos in a six-letter word: too far


def test_a_correction_brings_its_own_synonyms():
    glossary = build([("rubbish", "waste", "refuse")])
    corrected, added = with_corrections(parse('rubish "rubish tips" -garden'), {"rubish": "rubbish"}, glossary)
    assert corrected.clauses == (
        (Term(("rubish",)), Term(("rubbish",)), Term(("waste",)), Term(("refuse",))),
        (Term(("rubish", "tips")),),  # a phrase is searched as typed
    )
    assert corrected.excluded == (Term(("garden",)),)
    assert added == ("rubbish", "waste", "refuse")


def test_curators_entries_merge_in_at_query_time(db):
    assert "hmo" not in current_glossary().lookup(("student", "let"))
    GlossaryEntry.objects.create(term="student let", synonyms="HMO\nstudent housing")
    assert "student housing" in plan("student let").expanded_terms
    assert current_glossary().entries == starter_glossary().entries + 1


def test_curators_entries_are_validated(db):
    with pytest.raises(ValidationError):
        GlossaryEntry(term="IT", synonyms="information technology").full_clean()
    with pytest.raises(ValidationError):
        GlossaryEntry(term="bins", synonyms=" , ").full_clean()
    GlossaryEntry(term="EHCNA", synonyms="education health and care needs assessment").full_clean()


def test_stop_words_are_dropped_from_queries():
    assert plan("the bins in Leeds", build([])).original == parse("bins leeds")


def test_curators_manage_the_glossary_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/snippets/search/glossaryentry/add/",
        {"term": "HMO licence", "synonyms": "mandatory licensing\nadditional licensing", "note": ""},
    )
    assert response.status_code == 302
    assert "additional licensing" in plan("HMO licence").expanded_terms
    refused = client.post("/admin/snippets/search/glossaryentry/add/", {"term": "it", "synonyms": "tech"})
    assert refused.status_code == 200 and not GlossaryEntry.objects.filter(term="it").exists()
    assert client.get("/admin/snippets/search/glossaryentry/").status_code == 200


@pytest.mark.parametrize("typed", ["damp and mould", "Damp  AND mould ", "damp\tand mould"])
def test_also_searching_for_never_repeats_what_was_typed(typed):
    glossary = build([("damp and mould", "damp", "mould", "condensation")])
    assert plan(typed, glossary).expanded_terms == ("condensation",)
    assert plan("condensation", glossary).expanded_terms == ("damp and mould", "damp", "mould")
    assert "damp and mould" not in plan('"Damp and mould"', glossary).expanded_terms
