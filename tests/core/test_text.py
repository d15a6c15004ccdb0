"""One rule for control characters and text limits, applied by every page on save and by the admin form."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.text import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, clean_text, strip_control_characters
from tests.factories import content as make
from tests.security.conftest import client_for
from tests.security.forms import post_forms


@pytest.mark.parametrize(
    ("text", "one_line", "expected"),
    [
        ("tab\tnew\nline\r", False, "tab\tnew\nline\r"),
        ("Word\x0bline break", False, "Word\nline break"),
        ("Word\x0bline break", True, "Word line break"),
        ("page\x0cbreak\u2028and\x85more", True, "page break and more"),
    ],
)
def test_pasted_line_breaks_become_whitespace(text: str, one_line: bool, expected: str) -> None:
    assert clean_text(text, label="Title", one_line=one_line) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\x00b", "Title must not contain a null character (U+0000)"),
        ("a\x01b", "Title must not contain control characters: remove U+0001"),
        ("a\x1bb", "Title must not contain control characters: remove U+001B"),
        ("a\x7fb", "Title must not contain control characters: remove U+007F"),
        ("a\x9bb", "Title must not contain control characters: remove U+009B"),
        ("a\uffffb", "Title must not contain control characters: remove U+FFFF"),
    ],
)
def test_other_control_characters_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        clean_text(text, label="Title")
    assert error.value.messages == [message]


def test_output_can_always_drop_what_xml_cannot_carry() -> None:
    assert strip_control_characters("a\x00b\x01c\x0bd\te\n") == "abc d\te\n"


@pytest.mark.django_db
def test_saving_a_page_applies_the_rule_to_every_text_field(councils: dict[str, Any]) -> None:
    page = make.challenge(councils["Leeds"], "Missed\x0bbins", summary="Pasted\x0cfrom Word")
    page.refresh_from_db()
    assert (page.title, page.summary) == ("Missed bins", "Pasted\nfrom Word")
    page.problem_statement = "Has a \x00 in it"
    with pytest.raises(ValidationError) as error:
        page.save()
    assert error.value.message_dict == {
        "problem_statement": ["Problem statement must not contain a null character (U+0000)"]
    }


@pytest.mark.django_db
def test_saving_a_page_enforces_the_body_and_summary_limits(councils: dict[str, Any]) -> None:
    page = make.challenge(councils["Leeds"], "Missed bins")
    page.summary = "s" * (MAX_SUMMARY_LENGTH + 1)
    page.problem_statement = "b" * (MAX_BODY_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        page.save()
    assert error.value.message_dict == {
        "summary": [f"Summary must be {MAX_SUMMARY_LENGTH} characters or fewer (it has {MAX_SUMMARY_LENGTH + 1})"],
        "problem_statement": [
            f"Problem statement must be {MAX_BODY_LENGTH:,} characters or fewer (it has {MAX_BODY_LENGTH + 1:,})"
        ],
    }


@pytest.mark.django_db
def test_the_admin_form_refuses_a_control_character_and_saves_nothing(councils: dict[str, Any], superuser: Any) -> None:
    page = make.challenge(councils["Leeds"], "Missed bins")
    client = client_for(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = next(f for f in post_forms(client.get(url).content, url) if "/edit/" in f.action)
    form.set("summary", "Bad\x01 summary")
    response = client.post(url, form.without_csrf())
    assert "Summary must not contain control characters: remove U+0001" in response.content.decode()
    page.refresh_from_db()
    assert page.summary == "Missed bins: residents report them too late."
    assert page.get_latest_revision().content["summary"] == page.summary
