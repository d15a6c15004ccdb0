"""Every public form renders through one GOV.UK field include: styled controls, hints and errors announced."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from patterns import services
from patterns.models import AdoptionStatus

CONTROLS = {"input", "select", "textarea"}
GOVUK_CONTROL_CLASSES = {
    "govuk-input",
    "govuk-select",
    "govuk-textarea",
    "govuk-radios__input",
    "govuk-checkboxes__input",
}


class FormHTML(HTMLParser):
    """The ids on the page, what each element is described by, and the visible form controls."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[tuple[str, str]] = []
        self.controls: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if "aria-describedby" in attributes:
            for target in attributes["aria-describedby"].split():
                self.described_by.append((tag, target))
        if tag in CONTROLS and attributes.get("type") not in {"hidden", "submit"}:
            self.controls.append(attributes)


def parse(html: str) -> FormHTML:
    parser = FormHTML()
    parser.feed(html)
    return parser


def assert_accessible_govuk_form(html: str) -> FormHTML:
    page = parse(html)
    main = html[html.index('id="main-content"') :]
    assert "<form" in main
    missing = [(tag, target) for tag, target in page.described_by if target not in page.ids]
    assert not missing, f"aria-describedby points at ids that are not on the page: {missing}"
    controls = [c for c in page.controls if c.get("name") != "q"]  # the header has no inputs; the guard is cheap
    assert controls
    unstyled = [c for c in controls if not GOVUK_CONTROL_CLASSES & set(c.get("class", "").split())]
    assert not unstyled, f"form controls without a GOV.UK class: {unstyled}"
    return page


def test_sign_in_page(client, db):
    page = assert_accessible_govuk_form(client.get(reverse("login")).content.decode())
    assert {c["name"] for c in page.controls} == {"username", "password"}


def test_sign_in_errors_are_linked_to_the_fields(client, db):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    page = assert_accessible_govuk_form(html)
    assert ("input", "id_username-error") in page.described_by
    assert 'class="govuk-input govuk-input--error"' in html
    assert '<a href="#id_username">' in html


def test_we_have_this_challenge_too_form(client, challenge, bristol_member):
    client.force_login(bristol_member)
    html = client.get(reverse("register_interest", args=[challenge.pk])).content.decode()
    page = assert_accessible_govuk_form(html)
    # The note's hint is announced: Django's own "id_note_helptext" reference (to nothing) is gone.
    assert ("textarea", "id_note-hint") in page.described_by
    assert "id_note_helptext" not in html
    assert 'class="govuk-radios__input"' in html and 'class="govuk-checkboxes__input"' in html


def test_we_have_this_challenge_too_form_with_errors(client, challenge, bristol_member):
    client.force_login(bristol_member)
    response = client.post(reverse("register_interest", args=[challenge.pk]), {"pledge_money": "lots"})
    assert response.status_code == 400
    html = response.content.decode()
    page = assert_accessible_govuk_form(html)
    assert ("fieldset", "id_role-error") in page.described_by
    assert ("input", "id_pledge_money-error") in page.described_by
    # The summary links to the first radio, which exists.
    assert '<a href="#id_role_0">' in html and "id_role_0" in page.ids


def test_the_challenge_page_form(client, challenge, bristol_member):
    client.force_login(bristol_member)
    assert_accessible_govuk_form(client.get(challenge.url).content.decode())


def test_record_adoption_form(client, pattern, leeds_editor):
    client.force_login(leeds_editor)
    url = reverse("adoption_record_form", args=[pattern.pk])
    page = assert_accessible_govuk_form(client.get(url).content.decode())
    assert ("input", "id_evidence_url-hint") in page.described_by
    html = client.post(url, {"status": "adopted", "status_date": "not a date"}).content.decode()
    page = assert_accessible_govuk_form(html)
    assert ("input", "id_status_date-error") in page.described_by


@pytest.fixture
def adopted(pattern, leeds, leeds_editor):
    return services.record_adoption(leeds_editor, leeds, pattern, AdoptionStatus.ADOPTED, datetime.date(2026, 1, 1))


def test_assess_compliance_form(client, adopted, yorkshire_curator):
    client.force_login(yorkshire_curator)
    html = client.get(reverse("adoption_assess", args=[adopted.pk])).content.decode()
    page = assert_accessible_govuk_form(html)
    assert ("fieldset", "id_criteria-hint") in page.described_by
    assert html.count('class="govuk-checkboxes__input"') == 2


def test_marketplace_forms_use_the_same_rendering(client, leeds, leeds_editor):
    client.force_login(leeds_editor)
    for url in (
        reverse("marketplace:register_add", args=[leeds.gss_code]),
        reverse("marketplace:group_start"),
        reverse("marketplace:contracts_ending"),
    ):
        html = client.get(url).content.decode()
        assert_accessible_govuk_form(html)
        assert 'class="govuk-label govuk-label--s"' in html
