"""The public "before you start" page: similar work for a one-sentence problem, then join or post."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from councils.services import ensure_editors_group
from tests.factories import content as make
from tests.factories import open_content
from tests.factories.open_content import LEAKED_TITLES

pytestmark = pytest.mark.django_db
world = open_content.world  # the shared module-scoped fixture


def test_empty_page_shows_the_form(client, world):
    response = client.get("/before-you-start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<label class="govuk-label govuk-label--m" for="problem">' in html
    assert "Similar work" not in html


def test_similar_work_grouped_by_kind_with_join_links(client, world):
    # The sample pages are thin: each shares "bin" with the problem, which is enough of a three-word problem.
    response = client.get("/before-you-start/", {"problem": "Missed bin collections"})
    assert response.status_code == 200
    groups = {g["kind"]: [h.title for h in g["hits"]] for g in response.context["groups"]}
    assert "Missed bin collections" in groups["challenge"]
    assert "Bin sensor pilot" in groups["case_study"]
    assert "Report a missed bin collection" in groups["pattern"]
    assert "Smart bins trial" in groups["experiment"]
    html = response.content.decode()
    assert f'href="{world["challenge"].url}#join"' in html
    assert "Join this challenge" in html


def test_never_suggests_drafts_or_private_pages(client, world):
    for problem in ("bins", "draft bins secret plan", "private bins budget", "Cardiff bins restriction"):
        response = client.get("/before-you-start/", {"problem": problem})
        titles = {h.title for g in response.context["groups"] for h in g["hits"]}
        assert not titles & set(LEAKED_TITLES), problem


def test_anonymous_visitors_are_asked_to_sign_in_to_post(client, world):
    response = client.get("/before-you-start/", {"problem": "missed bins"})
    [link] = response.context["post_links"]
    assert link.url.startswith("/accounts/login/?next=")
    assert "Sign in to post a new challenge" in response.content.decode()


def test_council_editors_get_the_admin_add_page_for_their_council(client, world):
    editor = get_user_model().objects.create_user("leeds-editor", "e@leeds.example", "pw")
    editor.groups.add(ensure_editors_group(world["leeds"]))
    client.force_login(editor)
    response = client.get("/before-you-start/", {"problem": "missed bins"})
    [link] = response.context["post_links"]
    assert link.url == f"/admin/pages/add/challenges/challengepage/{world['leeds'].pk}/"
    assert link.text == f"Post a new challenge for {world['leeds'].title}"


def test_too_long_or_blank_problem_is_a_clear_error(client, world):
    response = client.get("/before-you-start/", {"problem": "bins " * 100})
    assert response.status_code == 400
    assert "Describe your problem in 300 characters or fewer" in response.content.decode()
    response = client.get("/before-you-start/", {"problem": "   "})
    assert response.status_code == 400
    assert "Describe your problem in a sentence" in response.content.decode()


def test_a_control_character_is_named_in_the_error_summary_and_left_out_of_the_box(client, world):
    response = client.get("/before-you-start/", {"problem": "missed bins\x1b[2J"})
    html = response.content.decode()

    assert response.status_code == 400
    assert '<a href="#problem">Your problem must not contain control characters: remove U+001B</a>' in html
    assert 'id="problem-error"' in html and 'aria-describedby="problem-hint problem-error"' in html
    assert ">\nmissed bins[2J</textarea>" in html
    assert "Similar work" not in html


def test_the_problem_is_escaped(client, world):
    response = client.get("/before-you-start/", {"problem": "<script>alert(1)</script> bins"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; bins" in html


def test_the_challenges_listing_links_here(client, world):
    from challenges.models import ChallengeIndexPage

    html = client.get(ChallengeIndexPage.objects.get().url).content.decode()
    assert 'href="/before-you-start/"' in html


def test_unrelated_challenges_do_not_pad_the_list(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.challenge(
            world["leeds"],
            "Council tax reminders by text",
            tags=(),
            summary="Residents forget to pay their council tax.",
            problem_statement="Payments arrive late.",
            who_is_affected="Council tax payers.",
            desired_outcomes="- Fewer late payments",
        )
    response = client.get("/before-you-start/", {"problem": "Residents report missed bin collections"})
    challenges = [h.title for g in response.context["groups"] if g["kind"] == "challenge" for h in g["hits"]]
    assert "Missed bin collections" in challenges
    assert "Council tax reminders by text" not in challenges
