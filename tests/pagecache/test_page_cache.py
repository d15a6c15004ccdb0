"""The anonymous page cache (pagecache/cache.py): what it serves, what it never serves, and when it refreshes."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from councils.models import CouncilMembership
from search.indexing import drain_queue, enqueue
from search.models import DailySearchTerm
from tests.factories import content as make

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()


def fetch(client: Client, url: str, **extra: Any) -> tuple[str, str | None, int]:
    response = client.get(url, **extra)
    return response.content.decode(), response.get(HIT), response.status_code


@pytest.mark.django_db
def test_second_anonymous_request_is_served_from_the_cache(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")

    first, first_state, _ = fetch(client, page.url)
    second, second_state, _ = fetch(client, page.url)

    assert (first_state, second_state) == ("miss", "hit")
    assert second == first
    assert "Overflowing litter bins" in second


@pytest.mark.django_db
def test_cached_page_updates_after_publish_and_unpublish(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    fetch(client, page.url)
    assert fetch(client, page.url)[1] == "hit"

    page.title = "Overflowing street bins"
    page.save_revision().publish()
    html, state, _ = fetch(client, page.url)
    assert state == "miss"
    assert "Overflowing street bins" in html
    assert ">Overflowing litter bins<" not in html  # the old heading (the summary still says it)

    page.unpublish()
    html, _, status = fetch(client, page.url)
    assert status == 404
    assert "Overflowing street bins" not in html


@pytest.mark.django_db
def test_listing_and_home_update_when_a_page_is_published(client, councils):
    fetch(client, "/challenges/")
    fetch(client, "/")
    assert "Pothole reporting" not in fetch(client, "/challenges/")[0]

    make.challenge(councils["Leeds"], "Pothole reporting")

    assert "Pothole reporting" in fetch(client, "/challenges/")[0]
    assert "Pothole reporting" in fetch(client, "/")[0]


@pytest.mark.django_db
def test_drafts_never_leak_from_or_into_the_cache(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    fetch(client, page.url)
    page.title = "Secret draft title"
    page.save_revision()  # saved, not published

    html, _, _ = fetch(client, page.url)
    assert "Secret draft title" not in html
    assert ">Overflowing litter bins<" in html

    never_published = make.challenge(councils["Leeds"], "Unpublished idea", state="draft")
    for _ in range(2):
        html, state, status = fetch(client, never_published.url or f"{councils['Leeds'].url}unpublished-idea/")
        assert status == 404
        assert state is None
        assert "Unpublished idea" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_private_page_is_never_served_from_the_cache(client, councils, restriction_type):
    page = make.challenge(councils["Leeds"], "Confidential bin contract")
    assert fetch(client, page.url)[1] == "miss"  # cached while it was public

    PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password="secret")

    for _ in range(2):
        response = client.get(page.url)
        assert response.get(HIT) is None
        assert "The problem with" not in response.content.decode()
        assert "Reports arrive" not in response.content.decode()
        assert response.status_code in (200, 302)  # the password form, or a redirect to sign in
        if response.status_code == 200:
            assert "password" in response.content.decode().lower()


@pytest.mark.django_db
def test_page_under_a_private_council_is_never_cached(client, councils):
    council = councils["Leeds"]
    PageViewRestriction.objects.create(page=council, restriction_type=PageViewRestriction.LOGIN)
    page = make.challenge(council, "Inside a private subtree")

    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 302
        assert response.get(HIT) is None


@pytest.mark.django_db
def test_signed_in_members_data_is_never_cached_or_served_to_others(client, councils):
    leeds, bristol = councils["Leeds"], councils["City of Bristol"]
    page = make.challenge(leeds, "Overflowing litter bins")
    owner = User.objects.create_user("owner", "owner@leeds.example.gov.uk", "pw")
    CouncilMembership.objects.create(user=owner, council=leeds)
    member = User.objects.create_user("member", "member@bristol.example.gov.uk", "pw")
    CouncilMembership.objects.create(user=member, council=bristol)
    member_client = Client()
    member_client.force_login(member)

    for _ in range(2):
        response = member_client.get(page.url)
        assert response.status_code == 200
        assert response.get(HIT) is None
        assert "owner@leeds.example.gov.uk" in response.content.decode()  # contacts: members only

    for _ in range(2):
        html, _, _ = fetch(client, page.url)
        assert "owner@leeds.example.gov.uk" not in html
        assert "Sign in to register your council" in html


@pytest.mark.django_db
def test_any_session_cookie_bypasses_the_cache(client, councils, settings):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    fetch(client, page.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"

    assert fetch(client, page.url)[1] is None


@pytest.mark.django_db
def test_admin_and_preview_bypass_the_cache(client, councils, superuser):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    page.title = "Draft shown in preview"
    page.save_revision()
    admin_client = Client()
    admin_client.force_login(superuser)

    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert "Draft shown in preview" in preview.content.decode()
    assert preview.get(HIT) is None
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").get(HIT) is None

    html, state, _ = fetch(client, page.url)
    assert state == "miss"
    assert "Draft shown in preview" not in html
    assert fetch(client, "/admin/")[1] is None  # anonymous admin: a redirect to sign in, not stored


@pytest.mark.django_db
def test_post_and_error_responses_are_not_cached(client, councils):
    assert client.post("/search/", {"q": "bins"}).get(HIT) is None
    for _ in range(2):
        response = client.get("/search/?q=" + "x" * 2000)
        assert response.status_code == 400
        assert response.get(HIT) is None


@pytest.mark.django_db
def test_interest_registered_shows_on_the_cached_challenge_page(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    assert "0 councils" in fetch(client, page.url)[0]

    make.interest(page, councils["City of Bristol"])

    html, state, _ = fetch(client, page.url)
    assert state == "miss"
    assert "1 council</strong>" in html


@pytest.mark.django_db
def test_moved_page_is_not_served_at_its_old_address(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    old_url = page.url
    fetch(client, old_url)

    page.move(councils["City of Bristol"], pos="last-child")

    _, state, status = fetch(client, old_url)
    assert status in (301, 404)  # Wagtail's automatic redirect to the new address, or gone
    assert state is None


@pytest.mark.django_db
def test_search_page_and_api_refresh_when_the_index_changes(client, councils):
    fetch(client, "/search/?q=potholes")
    fetch(client, "/api/v1/search/?q=potholes")
    assert fetch(client, "/search/?q=potholes")[1] == "hit"

    make.challenge(councils["Leeds"], "Potholes reported by photo")
    drain_queue()

    html, state, _ = fetch(client, "/search/?q=potholes")
    assert state == "miss"
    assert "Potholes reported by photo" in html
    assert "Potholes reported by photo" in fetch(client, "/api/v1/search/?q=potholes")[0]


@pytest.mark.django_db
def test_cached_searches_still_count_in_search_analytics(client, councils):
    for _ in range(3):
        client.get("/search/?q=recycling")
    client.get("/api/v1/search/?q=recycling")
    client.get("/search/?q=recycling&page=2")  # paging is not counted, cached or not

    row = DailySearchTerm.objects.get(term="recycling")
    assert row.searches == 4
    assert row.zero_result_searches == 4


@pytest.mark.django_db
def test_confirming_content_refreshes_the_cached_page(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    type(page).objects.filter(pk=page.pk).update(last_confirmed=datetime.date(2020, 1, 1))
    assert "Dormant:" in fetch(client, page.url)[0]
    assert fetch(client, page.url)[1] == "hit"

    page.confirm()  # a queryset update underneath: no post_save signal

    html, state, _ = fetch(client, page.url)
    assert state == "miss"
    assert "Dormant:" not in html


@pytest.mark.django_db
def test_head_request_is_answered_from_the_cached_get(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    body = client.get(page.url).content

    response = client.head(page.url)

    assert response.get(HIT) == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


@pytest.mark.django_db
def test_clear_page_cache_command_makes_cached_pages_stale(client, councils):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    fetch(client, page.url)
    assert fetch(client, page.url)[1] == "hit"

    call_command("clear_page_cache", stdout=io.StringIO())

    assert fetch(client, page.url)[1] == "miss"


@pytest.mark.django_db
def test_applied_index_change_refreshes_cached_searches(client, councils):
    page = make.challenge(councils["Leeds"], "Potholes reported by photo")
    drain_queue()
    fetch(client, "/search/?q=potholes")
    assert fetch(client, "/search/?q=potholes")[1] == "hit"

    # No model signal: only the index changes (as a queued reindex of the page would do).
    type(page).objects.filter(pk=page.pk).update(title="Potholes reported by app")
    enqueue([page.pk])
    drain_queue()

    html, state, _ = fetch(client, "/search/?q=potholes")
    assert state == "miss"
    assert "Potholes reported by app" in html


@pytest.mark.django_db
def test_an_unreachable_cache_service_does_not_break_pages(client, councils, settings):
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }

    for _ in range(2):
        html, state, status = fetch(client, page.url)
        assert status == 200
        assert state is None
        assert ">Overflowing litter bins<" in html
