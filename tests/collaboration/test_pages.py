"""The collaboration panels on public pages: challenge, pattern, council, centre, experiment and home pages."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from challenges.models import ChallengeInterest, InterestRole
from experiments.models import ExperimentStatus
from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import open_content as content

from .conftest import member_of


def interest(challenge, council, role=InterestRole.PARTNER, **fields):
    return ChallengeInterest.objects.create(challenge=challenge, council=council, role=role, **fields)


def test_challenge_page_lists_interested_councils_by_role_and_funding_threshold(client, challenge, councils):
    interest(challenge, councils["City of Bristol"], InterestRole.LEAD, pledge_staff_days=10)
    interest(challenge, councils["Southwark"], InterestRole.WOULD_ADOPT)
    html = client.get(challenge.url).content.decode()
    assert "2 councils</strong> interested" in html
    assert "1 more council needed to bid for collaborative funding (at least 3)" in html
    assert "Would adopt the result" in html and "pledged 10 staff days" in html
    interest(challenge, councils["Cardiff"], InterestRole.OBSERVER)
    html = client.get(challenge.url).content.decode()
    assert "enough partners to bid for collaborative funding (3 or more councils)" in html


@override_settings(COLLABORATIVE_FUNDING_MIN_COUNCILS=1)
def test_funding_threshold_is_a_setting(client, challenge, bristol):
    interest(challenge, bristol)
    assert (
        "enough partners to bid for collaborative funding (1 or more councils)"
        in client.get(challenge.url).content.decode()
    )


def test_contact_details_only_for_signed_in_council_members(
    client, challenge, bristol, southwark, leeds_editor, outsider
):
    registrant = member_of(bristol, "bristol-officer")
    interest(challenge, bristol, registered_by=registrant)
    public = client.get(challenge.url).content.decode()
    assert leeds_editor.email not in public and registrant.email not in public
    assert "Sign in to register your council's interest" in public
    client.force_login(outsider)  # signed in, but not council staff
    assert leeds_editor.email not in client.get(challenge.url).content.decode()
    client.force_login(member_of(southwark, "southwark-officer"))
    member_view = client.get(challenge.url).content.decode()
    assert f"mailto:{leeds_editor.email}" in member_view and f"mailto:{registrant.email}" in member_view
    assert 'action="/interest/challenges/' in member_view  # the join form for a council not yet interested


def test_pattern_page_shows_adoption_and_checklist(client, pattern, councils):
    AdoptionRecord.objects.create(
        pattern=pattern, council=councils["Leeds"], status=AdoptionStatus.ADOPTED, status_date="2026-01-01"
    )
    html = client.get(pattern.url).content.decode()
    assert "1 of 6 councils (16.7%) have adopted this pattern" in html
    assert "Uses the open waste API" in html


def test_council_profile_sections_hide_drafts_and_private_content(client, bristol, challenge, yorkshire_centre):
    draft = content.challenge(bristol, "Draft bristol challenge", publish=False)
    private = content.challenge(bristol, "Private bristol challenge")
    content.make_private(private)
    for page in (challenge, draft, private):
        interest(page, bristol, InterestRole.PARTNER)
    live_pattern = content.pattern("Open waste data")
    hidden_pattern = content.pattern("Hidden pattern", publish=False)
    for p in (live_pattern, hidden_pattern):
        AdoptionRecord.objects.create(
            pattern=p, council=bristol, status=AdoptionStatus.PLANNED, status_date="2026-01-01"
        )
    exp = content.experiment(yorkshire_centre, "Bin sensors trial", status=ExperimentStatus.RUNNING)
    exp.participating_councils.add(bristol)
    exp.save()
    content.case_study(bristol, "Bristol bins app")
    html = client.get(bristol.url).content.decode()
    assert "Challenges it has joined (1)" in html and "Missed bin collections" in html
    assert "Bin sensors trial" in html and "Open waste data" in html and "Bristol bins app" in html
    for hidden in ("Draft bristol challenge", "Private bristol challenge", "Hidden pattern"):
        assert hidden not in html


def test_most_interested_challenges_on_home_page_exclude_hidden(client, home, challenge, councils):
    bristol = councils["City of Bristol"]
    private = content.challenge(councils["Leeds"], "Private but popular")
    content.make_private(private)
    for council in councils.values():
        interest(private, council)
    interest(challenge, bristol)
    html = client.get("/").content.decode()
    assert "Challenges with the most councils interested" in html
    assert "Missed bin collections</a> \u2013 1 council interested" in html
    assert "Private but popular" not in html


def test_centre_page_groups_experiments_and_lists_councils_and_collections(client, yorkshire_centre, leeds, bristol):
    running = content.experiment(yorkshire_centre, "Running trial", status=ExperimentStatus.RUNNING)
    content.experiment(yorkshire_centre, "Finished trial", status=ExperimentStatus.CONCLUDED)
    content.experiment(yorkshire_centre, "Draft trial", status=ExperimentStatus.RUNNING, publish=False)
    running.participating_councils.add(leeds)
    running.save()
    featured = content.collection(yorkshire_centre, "Best of bins", [running])
    featured.featured = True
    featured.save_revision().publish()
    html = client.get(yorkshire_centre.url).content.decode()
    assert "Running (1)" in html and "Concluded (1)" in html and "Proposed (0)" in html
    assert "Draft trial" not in html
    assert "Councils taking part (1)" in html and leeds.title in html
    assert 'Best of bins</a> <strong class="govuk-tag govuk-tag--blue">Featured</strong>' in html
    home_html = client.get("/").content.decode()
    assert "Featured collections" in home_html and "Best of bins" in home_html


def test_experiment_timeline_and_missing_case_study_prompt(client, yorkshire_centre, leeds):
    exp = content.experiment(
        yorkshire_centre,
        "Food waste trial",
        status=ExperimentStatus.CONCLUDED,
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 10, 1),
    )
    html = client.get(exp.url).content.decode()
    assert "<strong>1 April 2025</strong>: Started" in html and "<strong>1 October 2025</strong>: Ended" in html
    assert "Its case study has not been written up yet" in html
    exp.case_study = content.case_study(leeds, "Food waste write-up")
    exp.save_revision().publish()
    assert "not been written up" not in client.get(exp.url).content.decode()


def test_home_and_council_pages_do_not_grow_queries_with_more_content(client, leeds, councils, yorkshire_centre):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for i in range(n):
            page = content.challenge(leeds, f"Challenge {n}-{i}")
            for council in councils.values():
                interest(page, council)
            collection = content.collection(yorkshire_centre, f"Collection {n}-{i}", [page])
            collection.featured = True
            collection.save_revision().publish()

    add(1)
    home_before, council_before = count("/"), count(leeds.url)
    add(3)
    assert count("/") <= home_before
    assert count(leeds.url) <= council_before


def test_challenge_page_queries_do_not_grow_with_interested_councils(client, challenge, councils, southwark):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(challenge.url).status_code == 200
        return len(queries)

    others = [c for c in councils.values() if c.short_name != "Leeds"]
    client.force_login(member_of(southwark, "southwark-officer"))  # the member view shows contacts too
    interest(challenge, others[0], registered_by=member_of(others[0], "first-registrant"))
    before = count()
    for n, council in enumerate(others[1:]):
        interest(challenge, council, registered_by=member_of(council, f"registrant-{n}"))
    assert count() <= before
