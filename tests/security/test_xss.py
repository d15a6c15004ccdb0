"""XSS: script payloads in Markdown, titles, summaries, tags and the echoed search query stay inert text."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page

from challenges.models import ReusableOutput
from experiments.models import CollectionItem, CollectionPage
from sandbox_site.site_tree import SECTIONS
from tests.factories import content as make
from tests.security.xss import ALL_PAYLOADS, MARK, PAYLOADS, live_payloads

pytestmark = pytest.mark.django_db

TITLE = f'Bins <script>{MARK}()</script> "><img src=x onerror={MARK}()>'
TAG = f"<b onmouseover={MARK}()>bins</b>"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_checker_catches_each_payload_when_it_is_not_sanitised(payload: str) -> None:
    """Without escaping and sanitising every payload is live, so the checks below can fail."""
    import markdown

    assert live_payloads(f"<html><body>{markdown.markdown(payload)}</body></html>")


@pytest.fixture
def hostile_site(councils: dict[str, Any], django_capture_on_commit_callbacks: Any) -> dict[str, Page]:
    """A page of every type with a payload in every text field an editor can fill."""
    leeds = councils["Leeds"]
    with django_capture_on_commit_callbacks(execute=True):
        leeds.about = ALL_PAYLOADS
        leeds.save_revision().publish()
        challenge = make.challenge(
            leeds,
            TITLE,
            summary=ALL_PAYLOADS,
            problem_statement=ALL_PAYLOADS,
            who_is_affected=ALL_PAYLOADS,
            desired_outcomes=ALL_PAYLOADS,
            tags=[TAG],
        )
        study = make.case_study(
            leeds,
            TITLE,
            summary=ALL_PAYLOADS,
            problem=ALL_PAYLOADS,
            approach=ALL_PAYLOADS,
            outcomes=ALL_PAYLOADS,
            lessons_learned=ALL_PAYLOADS,
            also_mentioned=ALL_PAYLOADS[:1000],
            challenge=challenge,
            tags=[TAG],
        )
        ReusableOutput.objects.create(page=study, title=TITLE, url="https://example.org/", licence=ALL_PAYLOADS[:100])
        pattern = make.pattern(
            TITLE,
            summary=ALL_PAYLOADS,
            problem=ALL_PAYLOADS,
            solution=ALL_PAYLOADS,
            when_to_use=ALL_PAYLOADS,
            when_not_to_use=ALL_PAYLOADS,
            tags=[TAG],
        )
        centre = make.centre(TITLE, ["Yorkshire and The Humber"])
        experiment = make.experiment(
            centre,
            TITLE,
            summary=ALL_PAYLOADS,
            hypothesis=ALL_PAYLOADS,
            what_is_tested=ALL_PAYLOADS,
            success_measures=ALL_PAYLOADS,
            results=ALL_PAYLOADS,
            tags=[TAG],
        )
        collection = make.add_page(
            centre,
            CollectionPage(
                title=TITLE,
                summary=ALL_PAYLOADS,
                intro=ALL_PAYLOADS,
                items=[CollectionItem(page=study, note=ALL_PAYLOADS)],
            ),
        )
    return {
        "council": leeds,
        "challenge": challenge,
        "case study": study,
        "pattern": pattern,
        "centre": centre,
        "experiment": experiment,
        "collection": collection,
    }


def _body(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


@pytest.mark.parametrize(
    "name", ["council", "challenge", "case study", "pattern", "centre", "experiment", "collection"]
)
def test_payloads_in_every_field_are_inert_on_the_page(
    client: Client, hostile_site: dict[str, Page], name: str
) -> None:
    html = _body(client, hostile_site[name].url)
    assert MARK in html, "the payload text should still be shown, escaped or sanitised, not dropped silently"
    assert not live_payloads(html)


def test_payloads_are_inert_in_listings_search_results_and_the_home_page(
    client: Client, hostile_site: dict[str, Page]
) -> None:
    urls = ["/", "/search/?q=bins", *(f"/{slug}/" for _, _, slug in SECTIONS)]
    for url in urls:
        problems = live_payloads(_body(client, url))
        assert not problems, f"{url}: {problems}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_echoed_search_query_is_inert(client: Client, home: Page, payload: str) -> None:
    for url in ("/search/", "/search/feed/"):
        response = client.get(url, {"q": payload, "region": payload, "tag": payload})
        assert response.status_code in {200, 400}
        assert not live_payloads(response.content), url


def test_feeds_escape_payloads(client: Client, hostile_site: dict[str, Page]) -> None:
    """Atom feeds are XML: any payload inside must be text, never markup that a feed reader renders."""
    from xml.etree import ElementTree

    for kind in ("challenges", "case-studies", "patterns", "experiments"):
        body = _body(client, f"/feeds/{kind}/")
        root = ElementTree.fromstring(body)  # noqa: S314 - our own feed, parsed to prove it is well-formed
        assert MARK in body
        for element in root.iter():
            assert not element.tag.endswith(("script", "iframe")), f"{kind} feed has <{element.tag}>"
