"""Admin: council memberships for site admins (council editors manage theirs at /membership/<GSS code>/)."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from councils.models import CouncilMembership


class CouncilMembershipViewSet(ModelViewSet):
    model = CouncilMembership
    icon = "group"
    menu_label = "Council members"
    add_to_settings_menu = True
    form_fields = ["user", "council"]
    list_display = ["user", "council", "added_at"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_membership_viewset() -> CouncilMembershipViewSet:
    return CouncilMembershipViewSet("council_memberships")
