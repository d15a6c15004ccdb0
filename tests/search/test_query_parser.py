"""The pure query parser: words, phrases, exclusions, OR; never an error."""

from __future__ import annotations

from search.query_parser import ParsedQuery, Term, parse, words_of


def t(*words: str) -> Term:
    return Term(tuple(words))


def test_words_are_anded():
    assert parse("Bin Collections") == ParsedQuery(((t("bin"),), (t("collections"),)))


def test_phrases():
    assert parse('"missed bin" rounds').clauses == ((t("missed", "bin"),), (t("rounds"),))


def test_unclosed_quote_is_a_phrase_to_the_end():
    assert parse('"missed bin').clauses == ((t("missed", "bin"),),)


def test_exclusions():
    parsed = parse('waste -garden -"food caddy"')
    assert parsed.clauses == ((t("waste"),),)
    assert parsed.excluded == (t("garden"), t("food", "caddy"))


def test_or_joins_neighbours():
    assert parse("bins OR waste rounds").clauses == ((t("bins"), t("waste")), (t("rounds"),))
    assert parse('"fly tipping" OR dumping').clauses == ((t("fly", "tipping"), t("dumping")),)


def test_lowercase_or_is_a_word_and_dangling_or_is_ignored():
    assert parse("bins or waste").clauses == ((t("bins"),), (t("or"),), (t("waste"),))
    assert parse("OR bins OR").clauses == ((t("bins"),),)


def test_hyphenated_words_are_phrases():
    assert parse("fly-tipping").clauses == ((t("fly", "tipping"),),)


def test_possessives_and_punctuation():
    assert words_of("Children's services, SEND!") == ("children", "services", "send")
    assert parse("council/partner").clauses == ((t("council"),), (t("partner"),))


def test_junk_is_not_an_error():
    assert parse("").is_empty
    assert parse('-- "" - ) ( * OR').is_empty
    # Punctuation that is not a hyphen separates words.
    assert parse("<script>alert(1)</script>").clauses == ((t("script"),), (t("alert"),), (t("1"),), (t("script"),))


def test_term_count_is_bounded():
    assert len(parse(" ".join(f"w{n}" for n in range(100))).clauses) == 32


def test_round_trip_to_text():
    text = '"fly tipping" OR dumping estates -garden'
    assert parse(text).to_text() == text
