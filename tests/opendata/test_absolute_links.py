"""Every absolute link that leaves the site starts with the configured base URL (WAGTAILADMIN_BASE_URL), never
Wagtail's Site record (localhost in tests) and never the request's host: feeds, JSON-LD, sitemap, e-mails, the
open-data API (lists and details), CSV exports and the search API."""

from __future__ import annotations

import datetime
import json
import re
from types import SimpleNamespace
from typing import Any

import pytest
from defusedxml import ElementTree
from django.contrib.auth import get_user_model
from django.core import mail
from django.template import Context, Template
from django.utils import timezone

from challenges import services as challenge_services
from core.links import absolute_url, page_url, rebase
from following.models import SavedSearch
from following.services import save_search, send_saved_search_alerts
from tests.factories import content as make
from upkeep import services as upkeep

pytestmark = pytest.mark.django_db

BASE = "https://sandbox.example.gov.uk"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def base_url(settings) -> None:
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"  # a trailing slash is tolerated


def urls_in(text: str) -> list[str]:
    """Every http(s) URL in a text, schema.org's vocabulary URL aside."""
    return [u for u in URL.findall(text) if not u.startswith(("https://schema.org", "http://www.w3.org"))]


def assert_on_base(urls: list[str]) -> None:
    assert urls, "no links to check"
    wrong = [u for u in urls if not u.startswith(BASE + "/")]
    assert not wrong, wrong


def test_absolute_url_joins_paths_to_the_base_and_leaves_outside_links_alone() -> None:
    assert absolute_url("/search/?q=bins") == f"{BASE}/search/?q=bins"
    assert absolute_url("search/") == f"{BASE}/search/"
    assert absolute_url("//evil.example/x") == f"{BASE}/evil.example/x"
    assert absolute_url("https://github.com/x") == "https://github.com/x"
    assert absolute_url("") == ""


def test_page_url_ignores_the_site_records_host(world) -> None:
    assert world["challenge"].full_url.startswith("http://localhost/")  # Wagtail's Site record, as in tests
    assert page_url(world["challenge"]) == BASE + world["challenge"].url
    assert rebase(world["challenge"].full_url, world["challenge"]) == BASE + world["challenge"].url


@pytest.mark.parametrize(
    "path",
    ["/feeds/challenges/", "/feeds/councils/{council}/", "/feeds/regional-centres/{centre}/", "/search/feed/?q=bins"],
)
def test_feeds_link_to_the_base_url(client, world, path: str) -> None:
    response = client.get(
        path.format(council=world["leeds"].slug, centre=world["centre"].slug), HTTP_HOST="other-host.example"
    )
    assert response.status_code == 200, response.content
    feed = ElementTree.fromstring(response.content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    assert_on_base(links)
    assert all(e.find(f"{ATOM}id").text.startswith("tag:sandbox.example.gov.uk,") for e in entries)


def test_jsonld_links_to_the_base_url(world) -> None:
    html = Template("{% load opendata_tags %}{% jsonld page %}").render(Context({"page": world["case_study"]}))
    data = json.loads(re.sub(r"^<script[^>]*>|</script>$", "", html))
    assert data["url"] == page_url(world["case_study"])
    assert_on_base(urls_in(json.dumps(data)))


def test_sitemap_links_to_the_base_url(client, world) -> None:
    response = client.get("/sitemap.xml", HTTP_HOST="other-host.example")
    assert response.status_code == 200
    locations = [loc.text for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert page_url(world["challenge"]) in locations
    assert_on_base(locations)


def test_open_data_list_and_detail_link_to_the_base_url(client, world) -> None:
    listing = client.get("/api/v1/case-studies/", HTTP_HOST="other-host.example").json()
    assert listing["results"]
    assert_on_base([r["url"] for r in listing["results"]] + [r["detail"] for r in listing["results"]])
    detail = client.get(f"/api/v1/case-studies/{world['case_study'].pk}/", HTTP_HOST="other-host.example")
    assert detail.status_code == 200
    text = json.dumps(detail.json())
    assert page_url(world["case_study"]) in text
    assert_on_base(urls_in(text))
    council = client.get(f"/api/v1/councils/{world['leeds'].pk}/").json()
    assert council["url"] == page_url(world["leeds"])


def test_csv_links_to_the_base_url(client, world) -> None:
    response = client.get("/api/v1/challenges.csv", HTTP_HOST="other-host.example")
    text = b"".join(response.streaming_content).decode()
    assert page_url(world["challenge"]) in text
    assert_on_base(urls_in(text))


def test_search_api_results_link_to_the_base_url(client, world) -> None:
    results = client.get("/api/v1/search/?q=bins", HTTP_HOST="other-host.example").json()["results"]
    assert_on_base([r["url"] for r in results])


def test_saved_search_digest_links_to_the_base_url(world) -> None:
    user = get_user_model().objects.create_user("alice", "alice@leeds.example", "pw")
    saved = save_search(user, "q=bins", "Bins")
    SavedSearch.objects.filter(pk=saved.pk).update(last_sent=timezone.now() - datetime.timedelta(days=1))
    assert send_saved_search_alerts(now=timezone.now() + datetime.timedelta(minutes=1)).emails == 1
    [email] = mail.outbox
    html = email.alternatives[0][0]
    assert page_url(world["challenge"]) in email.body
    assert_on_base(urls_in(email.body))
    assert_on_base(urls_in(html))


def test_confirmation_reminder_links_to_the_base_url(world) -> None:
    upkeep._send_reminder(world["challenge"], ["editor@leeds.example"])
    [email] = mail.outbox
    assert page_url(world["challenge"]) in email.body
    assert_on_base(urls_in(email.body))


def test_interest_email_links_to_the_base_url(world, monkeypatch) -> None:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(challenge_services, "staff_emails", lambda council: ["editor@leeds.example"])
    monkeypatch.setattr(challenge_services, "send_email", SimpleNamespace(enqueue=lambda **kwargs: sent.append(kwargs)))
    interest = make.interest(world["challenge"], world["bristol"])
    assert challenge_services.notify_owners(interest) == 1
    assert page_url(world["challenge"]) in sent[0]["body"]
    assert_on_base(urls_in(sent[0]["body"]))
