"""Admin: adoption records, read-only. Changes go through the public forms so every one lands in the history."""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from patterns.models import AdoptionRecord


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Anyone with admin access may look; nobody edits here (services keep the audit trail)."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action != "view":
            return False
        return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, a) for a in actions)


class AdoptionRecordViewSet(ModelViewSet):
    model = AdoptionRecord
    icon = "tick-inverse"
    menu_label = "Pattern adoption"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["council", "pattern", "status_label", "status_date", "assessed_on"]
    list_filter = ["status"]
    inspect_view_fields = ["council", "pattern", "status", "status_date", "evidence_url", "assessed_by", "assessed_on"]
    form_fields = ["status"]


register_permission_policy(AdoptionRecord, ReadOnlyPolicy(AdoptionRecord), exact_class=True)


@hooks.register("register_admin_viewset")
def register_adoption_viewset() -> AdoptionRecordViewSet:
    return AdoptionRecordViewSet("adoption_records")
