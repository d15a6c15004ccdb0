"""Every Markdown field, on every page type, is sanitised where it is rendered."""

from __future__ import annotations

import pytest

from challenges.models import CaseStudyIndexPage, ChallengeIndexPage
from experiments.models import ExperimentIndexPage, RegionalCentreIndexPage
from patterns.models import PatternIndexPage
from sandbox_site.models import HomePage
from tests.factories import content as make

PAYLOAD = "\n\n".join(
    [
        "Safe **bold** text.",
        "<script>alert('xss-script')</script>",
        '<img src="x" onerror="alert(\'xss-img\')">',
        '<a href="#" onclick="alert(\'xss-click\')">click</a>',
        "[js link](javascript:alert('xss-js'))",
        '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
        '<iframe src="https://evil.example/"></iframe>',
        "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<svg onload="alert(1)"></svg>',
        '<div style="background:url(javascript:alert(1))">styled</div>',
    ]
)
FORBIDDEN = ["<script>alert", "xss-script", "onerror", "onclick", "onload", "javascript:", "<iframe", "data:text/html",
             "<img", "<svg", "style="]  # fmt: skip


def assert_sanitised(html: str) -> None:
    assert "<strong>bold</strong>" in html  # the Markdown did render
    lowered = html.lower()
    for marker in FORBIDDEN:
        assert marker.lower() not in lowered, marker


def _set_and_publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.mark.django_db
def test_challenge_fields(client, councils):
    page = make.challenge(
        councils["Leeds"], problem_statement=PAYLOAD, who_is_affected=PAYLOAD, desired_outcomes=PAYLOAD
    )
    html = client.get(page.url).content.decode()
    assert html.count("<strong>bold</strong>") == 3
    assert_sanitised(html)


@pytest.mark.django_db
def test_case_study_fields(client, councils):
    page = make.case_study(
        councils["Leeds"], problem=PAYLOAD, approach=PAYLOAD, outcomes=PAYLOAD, lessons_learned=PAYLOAD
    )
    html = client.get(page.url).content.decode()
    assert html.count("<strong>bold</strong>") == 4
    assert_sanitised(html)


@pytest.mark.django_db
def test_pattern_fields(client, home):
    page = make.pattern(problem=PAYLOAD, solution=PAYLOAD, when_to_use=PAYLOAD, when_not_to_use=PAYLOAD)
    html = client.get(page.url).content.decode()
    assert html.count("<strong>bold</strong>") == 4
    assert_sanitised(html)


@pytest.mark.django_db
def test_centre_experiment_and_collection_fields(client, home):
    centre = make.centre(about=PAYLOAD)
    experiment = make.experiment(
        centre, hypothesis=PAYLOAD, what_is_tested=PAYLOAD, success_measures=PAYLOAD, results=PAYLOAD
    )
    collection = make.collection(centre, items=[experiment], intro=PAYLOAD)

    centre_html = client.get(centre.url).content.decode()
    experiment_html = client.get(experiment.url).content.decode()
    collection_html = client.get(collection.url).content.decode()

    assert experiment_html.count("<strong>bold</strong>") == 4
    for html in (centre_html, experiment_html, collection_html):
        assert_sanitised(html)


@pytest.mark.django_db
def test_council_about_and_home_intro(client, councils):
    leeds = _set_and_publish(councils["Leeds"], about=PAYLOAD)
    _set_and_publish(HomePage.objects.get(), intro=PAYLOAD)
    assert_sanitised(client.get(leeds.url).content.decode())
    assert_sanitised(client.get("/").content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [ChallengeIndexPage, CaseStudyIndexPage, PatternIndexPage, ExperimentIndexPage, RegionalCentreIndexPage]
)
def test_listing_intros(client, home, model):
    index = _set_and_publish(model.objects.get(), intro=PAYLOAD)
    assert_sanitised(client.get(index.url).content.decode())


@pytest.mark.django_db
def test_collection_notes_and_plain_text_fields_are_escaped(client, councils):
    challenge = make.challenge(councils["Leeds"], title="<script>alert('xss-title')</script>", summary=PAYLOAD)
    centre = make.centre()
    collection = make.collection(centre, items=[challenge])
    collection.items.first()
    from experiments.models import CollectionItem

    CollectionItem.objects.filter(collection=collection).update(note=PAYLOAD)

    for url in (challenge.url, collection.url, "/challenges/", "/"):
        html = client.get(url).content.decode()
        assert "<script>alert('xss-title')" not in html
        assert "<img" not in html and "<iframe" not in html
