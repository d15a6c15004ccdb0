"""Operations on councils: syncing the national list, and each council's editors group."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from councils.models import CouncilIndexPage, CouncilPage, Region, ServiceArea
from search.indexing import enqueue, enqueue_subtree

DATA_DIR = Path(__file__).resolve().parent / "data"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@dataclass(frozen=True)
class SyncSummary:
    created: int
    updated: int
    unchanged: int


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sync_regions() -> None:
    for row in load_rows(DATA_DIR / "regions.csv"):
        Region.objects.update_or_create(slug=row["slug"], defaults={"name": row["name"], "nation": row["nation"]})


def sync_service_areas() -> None:
    for row in load_rows(DATA_DIR / "service_areas.csv"):
        ServiceArea.objects.update_or_create(slug=row["slug"], defaults={"name": row["name"]})


def _council_values(row: dict[str, str], regions: dict[str, Region]) -> dict[str, object]:
    return {
        "title": row["name"],
        "short_name": row["short_name"],
        "local_authority_code": row["local_authority_code"],
        "council_type": row["council_type"],
        "region": regions[row["region"]],
        "nation": row["nation"],
        "county_council_code": row["county_council_code"],
        "combined_authority_code": row["combined_authority_code"],
    }


@transaction.atomic
def sync_councils(rows: Iterable[dict[str, str]], index: CouncilIndexPage) -> SyncSummary:
    """Create or update one CouncilPage per row, keyed by GSS code. Never deletes anything."""
    regions = {region.name: region for region in Region.objects.all()}
    existing = {council.gss_code: council for council in CouncilPage.objects.all()}
    created = updated = unchanged = 0
    for row in rows:
        values = _council_values(row, regions)
        council = existing.get(row["gss_code"])
        if council is None:
            council = CouncilPage(gss_code=row["gss_code"], **values)
            index.add_child(instance=council)
            enqueue([council.pk])  # pages created here skip the publish signal that normally indexes them
            created += 1
        elif any(getattr(council, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(council, field, value)
            council.save()
            enqueue_subtree(council)  # its content's documents carry the council's name, type and region
            updated += 1
        else:
            unchanged += 1
        ensure_editors_group(council)
    return SyncSummary(created=created, updated=updated, unchanged=unchanged)


def editors_group_name(council: CouncilPage) -> str:
    return f"Council editors: {council.title} ({council.gss_code})"


def ensure_editors_group(council: CouncilPage) -> Group:
    """A group whose members may add, edit and publish only beneath this council's page."""
    group = Group.objects.filter(name__endswith=f"({council.gss_code})", name__startswith="Council editors: ").first()
    if group is None:
        group = Group.objects.create(name=editors_group_name(council))
    elif group.name != editors_group_name(council):
        group.name = editors_group_name(council)
        group.save(update_fields=["name"])
    grant_admin_access(group)
    grant_page_permissions(group, council, EDITOR_PAGE_PERMISSIONS)
    return group


def grant_admin_access(group: Group) -> None:
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))


def grant_page_permissions(group: Group, page: object, codenames: Iterable[str]) -> None:
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
