"""Saved searches: signed-in users save, list and remove their own; nobody else's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from following.models import SavedSearch
from following.services import SavedSearchError, save_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return get_user_model().objects.create_user("alice", "alice@leeds.example", "pw")


@pytest.fixture
def bob():
    return get_user_model().objects.create_user("bob", "bob@bristol.example", "pw")


def test_saving_needs_sign_in(client, home):
    response = client.post("/saved-searches/save/", {"query": "q=bins"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SavedSearch.objects.exists()
    assert client.get("/saved-searches/").status_code == 302


def test_save_list_and_remove(client, home, alice):
    client.force_login(alice)
    response = client.post("/saved-searches/save/", {"query": "q=bins&region=London&page=3", "name": "London bins"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert (saved.user, saved.name) == (alice, "London bins")
    # Normalised: the page number is not part of the search.
    assert saved.query == "q=bins&region=London"
    listing = client.get("/saved-searches/")
    assert listing.status_code == 200
    assert b"London bins" in listing.content
    assert b"/search/feed/?q=bins&amp;region=London" in listing.content
    response = client.post(f"/saved-searches/{saved.pk}/delete/")
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


def test_default_name_describes_the_search(home, alice):
    saved = save_search(alice, "q=fly-tipping&service_area=Waste+and+recycling")
    assert saved.name == "“fly-tipping”; Service area: Waste and recycling"
    assert save_search(alice, "q=damp+and+mould&kind=case_study").name == "“damp and mould” in case studies"
    assert save_search(alice, "kind=challenge&kind=pattern&region=London").name == (
        "Shared challenges or patterns; Region: London"
    )
    assert save_search(alice, "region=London&region=Wales").name == "Region: London or Wales"


def test_saving_shows_one_success_banner_with_a_readable_name(client, home, alice):
    client.force_login(alice)
    response = client.post("/saved-searches/save/", {"query": "q=damp+and+mould&kind=case_study"}, follow=True)
    html = response.content.decode()
    assert html.count("govuk-notification-banner--success") == 1
    assert "Search saved: “damp and mould” in case studies." in html
    assert "““" not in html


def test_another_user_cannot_see_or_remove_a_saved_search(client, home, alice, bob):
    saved = save_search(alice, "q=bins")
    client.force_login(bob)
    assert b"bins" not in client.get("/saved-searches/").content
    assert client.post(f"/saved-searches/{saved.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_remove_needs_post(client, home, alice):
    saved = save_search(alice, "q=bins")
    client.force_login(alice)
    assert client.get(f"/saved-searches/{saved.pk}/delete/").status_code == 405
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sort=bogus&q=bins", b"Sort must be"),
        ("", b"Enter search terms or choose a filter"),
        ("page=2", b"Enter search terms or choose a filter"),
    ],
)
def test_unusable_searches_are_refused_with_a_message(client, home, alice, query, message):
    client.force_login(alice)
    response = client.post("/saved-searches/save/", {"query": query})
    assert response.status_code == 400
    assert message in response.content
    assert not SavedSearch.objects.exists()


def test_the_same_search_is_saved_once(client, home, alice):
    save_search(alice, "q=bins")
    with pytest.raises(SavedSearchError, match="already saved"):
        save_search(alice, "page=2&q=bins")
    client.force_login(alice)
    assert client.post("/saved-searches/save/", {"query": "q=bins"}).status_code == 400
    assert SavedSearch.objects.count() == 1


def test_save_button_shows_on_a_search(rf, home, alice):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    template = Template("{% load following_tags %}{% save_search_form %}")
    request = rf.get("/search/", {"q": "bins", "page": "2"})
    request.user = alice
    html = template.render(Context({"request": request}))
    assert 'name="query" value="q=bins"' in html
    assert "Save this search" in html
    # The shared GOV.UK form field: an optional name, labelled, with the model's length limit.
    assert (
        '<label class="govuk-label govuk-label--s" for="saved-search-name">Name this search (optional)</label>' in html
    )
    assert 'name="name" class="govuk-input govuk-input--width-20" maxlength="100" id="saved-search-name"' in html
    request.user = AnonymousUser()
    html = template.render(Context({"request": request}))
    assert "Sign in to save this search" in html
    assert "next=%2Fsearch%2F%3Fq%3Dbins" in html


def test_a_name_with_a_control_character_is_refused(client, home, alice):
    client.force_login(alice)
    response = client.post("/saved-searches/save/", {"query": "q=bins", "name": "Bins\x1b[2J"})
    assert response.status_code == 400
    assert b"Name must not contain control characters: remove U+001B" in response.content
    assert b'<ul class="govuk-list govuk-error-summary__list">' in response.content  # the shared error summary
    assert not SavedSearch.objects.exists()
