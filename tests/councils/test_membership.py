"""Council accounts: members belong to one council, managed by its editors and by site admins."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from councils import membership
from councils.models import CouncilMembership
from tests.factories.people import editor_of, make_user, member_of


def members_url(council) -> str:
    return reverse("council_members", args=[council.gss_code])


def test_editor_adds_and_removes_a_member_of_their_council(client, leeds, leeds_editor):
    newcomer = make_user("newcomer")
    client.force_login(leeds_editor)
    assert client.get(members_url(leeds)).status_code == 200
    assert client.post(members_url(leeds), {"user": "NEWCOMER@example.gov.uk"}).status_code == 302
    assert membership.council_for(User.objects.get(pk=newcomer.pk)) == leeds
    remove = reverse("council_member_remove", args=[leeds.gss_code, newcomer.pk])
    assert client.post(remove).status_code == 302
    assert not CouncilMembership.objects.exists()


def test_other_councils_editors_and_plain_members_cannot_manage_members(client, leeds, bristol_editor, leeds_member):
    newcomer = make_user("newcomer")
    for user in (bristol_editor, leeds_member):
        client.force_login(user)
        assert client.get(members_url(leeds)).status_code == 403
        assert client.post(members_url(leeds), {"user": "newcomer"}).status_code == 403
        remove = reverse("council_member_remove", args=[leeds.gss_code, leeds_member.pk])
        assert client.post(remove).status_code == 403
    assert list(CouncilMembership.objects.values_list("user__username", flat=True)) == ["leeds-member"]
    assert membership.council_for(newcomer) is None


def test_a_member_of_another_council_cannot_be_taken_by_an_editor(client, leeds, leeds_editor, bristol_member):
    client.force_login(leeds_editor)
    response = client.post(members_url(leeds), {"user": "bristol-member"})
    assert response.status_code == 400
    assert "Ask a site administrator to move them" in response.content.decode()
    assert CouncilMembership.objects.get(user=bristol_member).council.short_name == "City of Bristol"


def test_site_admin_manages_any_council_and_can_move_a_member(client, leeds, bristol_member, superuser):
    client.force_login(superuser)
    assert client.post(members_url(leeds), {"user": "bristol-member"}).status_code == 302
    assert CouncilMembership.objects.get(user=bristol_member).council == leeds


def test_unknown_user_gives_a_clear_error(client, leeds, leeds_editor):
    client.force_login(leeds_editor)
    response = client.post(members_url(leeds), {"user": "nobody"})
    assert response.status_code == 400
    assert "Enter the username or email address of one existing account" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, leeds):
    response = client.get(members_url(leeds))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_council_for_uses_membership_then_a_single_editors_group(leeds, bristol):
    assert membership.council_for(member_of(bristol, "m")) == bristol
    assert membership.council_for(editor_of(leeds, "e")) == leeds
    both = editor_of(leeds, "both")
    both.groups.add(membership.editors_group(bristol))
    assert membership.council_for(User.objects.get(pk=both.pk)) is None  # ambiguous: needs a membership


def test_staff_emails_are_editors_and_members(leeds, leeds_editor, leeds_member, bristol_member):
    inactive = member_of(leeds, "gone")
    inactive.is_active = False
    inactive.save()
    assert membership.staff_emails(leeds) == sorted([leeds_editor.email, leeds_member.email])


def test_memberships_admin_is_for_site_admins(client, leeds, leeds_editor):
    client.force_login(leeds_editor)
    assert client.get(reverse("council_memberships:index")).status_code in (302, 403)
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("council_memberships:index")).status_code == 200
