"""Atom feeds for each content type, council, regional centre and search: valid Atom, public pages only."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree

from core.links import page_url
from tests.factories.open_content import LEAKED_TITLES

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> list[dict[str, str]]:
    """Check the feed has what RFC 4287 requires of a feed and its entries; return the entries."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = []
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        link = entry.find(f"{ATOM}link")
        author = entry.find(f"{ATOM}author/{ATOM}name")
        entries.append(
            {
                "title": entry.find(f"{ATOM}title").text,
                "link": link.get("href"),
                "id": entry.find(f"{ATOM}id").text,
                "author": author.text if author is not None else "",
                "categories": {c.get("term") for c in entry.findall(f"{ATOM}category")},
            }
        )
    return entries


def titles(response) -> set[str]:
    return {e["title"] for e in parse(response)}


def test_challenges_feed(client, world):
    entries = parse(client.get("/feeds/challenges/"))
    assert {e["title"] for e in entries} == {
        "Missed bin collections",
        "Fly-tipping hotspots in bins areas",
        "Temporary accommodation costs",
    }
    missed = next(e for e in entries if e["title"] == "Missed bin collections")
    assert missed["link"] == page_url(world["challenge"])
    assert missed["author"] == world["leeds"].title
    assert missed["categories"] == {"Shared challenges", "Waste and recycling"}
    assert missed["id"].endswith(f":page:{world['challenge'].pk}")


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("case-studies", {"Bin sensor pilot"}),
        ("patterns", {"Report a missed bin collection"}),
        ("experiments", {"Smart bins trial"}),
        ("collections", {"Bins reading list"}),
    ],
)
def test_each_content_type_has_a_feed_of_public_pages(client, world, plural, expected):
    assert titles(client.get(f"/feeds/{plural}/")) == expected


def test_unknown_feed_is_404(client, world):
    assert client.get("/feeds/spaceships/").status_code == 404


def test_council_feed(client, world):
    got = titles(client.get(f"/feeds/councils/{world['leeds'].slug}/"))
    assert got == {"Missed bin collections", "Bin sensor pilot"}
    assert titles(client.get(f"/feeds/councils/{world['bristol'].slug}/")) == {
        "Fly-tipping hotspots in bins areas",
        "Temporary accommodation costs",
    }


def test_private_council_has_no_feed(client, world):
    assert client.get(f"/feeds/councils/{world['cardiff'].slug}/").status_code == 404
    assert client.get("/feeds/councils/no-such-council/").status_code == 404


def test_regional_centre_feed(client, world):
    entries = parse(client.get(f"/feeds/regional-centres/{world['centre'].slug}/"))
    assert {e["title"] for e in entries} == {"Smart bins trial", "Bins reading list"}
    assert {e["author"] for e in entries} == {"Yorkshire innovation centre"}


def test_search_feed(client, world):
    assert titles(client.get("/search/feed/", {"q": "bins", "kind": "challenge"})) == {
        "Missed bin collections",
        "Fly-tipping hotspots in bins areas",
    }
    assert titles(client.get("/search/feed/", {"service_area": "Housing"})) == {"Temporary accommodation costs"}


def test_search_feed_links_to_itself_with_its_query(client, world):
    feed = ElementTree.fromstring(client.get("/search/feed/", {"q": "bins", "region": "London"}).content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "http://testserver/search/feed/?q=bins&region=London"
    assert links["alternate"] == "http://testserver/search/?q=bins&region=London"


def test_search_feed_bad_parameters_get_a_400(client, world):
    response = client.get("/search/feed/", {"sort": "bogus", "year": "20x4"})
    assert response.status_code == 400
    assert {e["parameter"] for e in response.json()["errors"]} == {"sort", "year"}


def test_no_feed_leaks_drafts_unpublished_or_private_pages(client, world):
    urls = [f"/feeds/{p}/" for p in ("challenges", "case-studies", "patterns", "experiments", "collections")]
    urls += [f"/feeds/councils/{world['leeds'].slug}/", f"/feeds/regional-centres/{world['centre'].slug}/"]
    urls += ["/search/feed/?q=bins", "/search/feed/?q=draft", "/search/feed/?q=private"]
    for url in urls:
        assert not titles(client.get(url)) & set(LEAKED_TITLES), url


def test_feed_queries_do_not_grow_with_items(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        parse(client.get(f"/feeds/councils/{world['leeds'].slug}/"))


def test_pages_advertise_their_feed(client, world):
    council = client.get(world["leeds"].url).content.decode().split("</head>")[0]
    assert f'type="application/atom+xml" title="New from {world["leeds"].title}"' in council
    assert f'href="/feeds/councils/{world["leeds"].slug}/"' in council
    challenge = client.get(world["challenge"].url).content.decode().split("</head>")[0]
    assert 'href="/feeds/challenges/"' in challenge


def test_search_page_offers_the_feed_and_the_save_button(client, world):
    from django.contrib.auth import get_user_model

    html = client.get("/search/", {"q": "bins"}).content.decode()
    assert 'href="/search/feed/?q=bins"' in html
    assert "Sign in to save this search" in html
    client.force_login(get_user_model().objects.create_user("carol", "c@example.com", "pw"))
    html = client.get("/search/", {"q": "bins"}).content.decode()
    assert 'action="/saved-searches/save/"' in html
    assert 'name="query" value="q=bins"' in html


def test_summaries_are_plain_text_not_html(client, world):
    """type="html" would have feed readers turn escaped text such as '&lt;img onerror=…&gt;' into live markup."""
    feed = ElementTree.fromstring(client.get("/feeds/challenges/").content)
    summaries = feed.findall(f"{ATOM}entry/{ATOM}summary")
    assert summaries and {s.get("type") for s in summaries} == {"text"}


def test_a_control_character_saved_before_the_rule_does_not_break_the_feeds(client, world):
    """The content rule refuses these now; text already stored must still not take every feed down."""
    page = world["challenge"]
    type(page).objects.filter(pk=page.pk).update(title="Missed\x0bbin\x01 collections", summary="Form\x0cfeed\x1b")
    for url in ("/feeds/challenges/", f"/feeds/councils/{world['leeds'].slug}/", "/search/feed/?q=bin"):
        entries = parse(client.get(url))
        assert "Missed bin collections" in {e["title"] for e in entries}, url
