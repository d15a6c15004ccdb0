"""The interest panel on challenge pages: interested councils by role, the funding threshold, contacts for staff."""

from __future__ import annotations

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from challenges.models import InterestRole
from tests.factories import content as make
from tests.factories.people import member_of


def test_challenge_page_lists_interested_councils_by_role_and_funding_threshold(client, challenge, councils):
    make.interest(challenge, councils["City of Bristol"], InterestRole.LEAD, pledge_staff_days=10)
    make.interest(challenge, councils["Southwark"], InterestRole.WOULD_ADOPT)
    html = client.get(challenge.url).content.decode()
    assert "2 councils</strong> interested" in html
    assert "1 more council needed to bid for collaborative funding (at least 3)" in html
    assert "Would adopt the result" in html and "pledged 10 staff days" in html
    make.interest(challenge, councils["Cardiff"], InterestRole.OBSERVER)
    html = client.get(challenge.url).content.decode()
    assert "enough partners to bid for collaborative funding (3 or more councils)" in html


@override_settings(COLLABORATIVE_FUNDING_MIN_COUNCILS=1)
def test_funding_threshold_is_a_setting(client, challenge, bristol):
    make.interest(challenge, bristol)
    assert (
        "enough partners to bid for collaborative funding (1 or more councils)"
        in client.get(challenge.url).content.decode()
    )


def test_contact_details_only_for_signed_in_council_members(
    client, challenge, bristol, southwark, leeds_editor, outsider
):
    registrant = member_of(bristol, "bristol-officer")
    make.interest(challenge, bristol, registered_by=registrant)
    public = client.get(challenge.url).content.decode()
    assert leeds_editor.email not in public and registrant.email not in public
    assert "Sign in to register your council's interest" in public
    client.force_login(outsider)  # signed in, but not council staff
    assert leeds_editor.email not in client.get(challenge.url).content.decode()
    client.force_login(member_of(southwark, "southwark-officer"))
    member_view = client.get(challenge.url).content.decode()
    assert f"mailto:{leeds_editor.email}" in member_view and f"mailto:{registrant.email}" in member_view
    assert 'action="/interest/challenges/' in member_view  # the join form for a council not yet interested


def test_challenge_page_queries_do_not_grow_with_interested_councils(client, challenge, councils, southwark):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(challenge.url).status_code == 200
        return len(queries)

    others = [c for c in councils.values() if c.short_name != "Leeds"]
    client.force_login(member_of(southwark, "southwark-officer"))  # the member view shows contacts too
    make.interest(challenge, others[0], registered_by=member_of(others[0], "first-registrant"))
    before = count()
    for n, council in enumerate(others[1:]):
        make.interest(challenge, council, registered_by=member_of(council, f"registrant-{n}"))
    assert count() <= before
