"""Operations on councils: syncing the national list, and each council's editors group."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from councils.models import CouncilIndexPage, CouncilPage, Region, ServiceArea
from search.indexing import enqueue, enqueue_subtree

DATA_DIR = Path(__file__).resolve().parent / "data"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")

_Reference = TypeVar("_Reference", Region, ServiceArea)


@dataclass(frozen=True)
class SyncSummary:
    created: int
    updated: int
    unchanged: int


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sync_regions() -> None:
    _upsert_by_slug(Region, load_rows(DATA_DIR / "regions.csv"), ("name", "nation"))


def sync_service_areas() -> None:
    _upsert_by_slug(ServiceArea, load_rows(DATA_DIR / "service_areas.csv"), ("name",))


def _upsert_by_slug(model: type[_Reference], rows: list[dict[str, str]], fields: tuple[str, ...]) -> None:
    """Create missing rows and update changed ones, keyed by slug: two queries when nothing changed."""
    existing = {item.slug: item for item in model.objects.all()}
    changed = []
    for row in rows:
        item = existing.get(row["slug"])
        if item is None:
            model.objects.create(slug=row["slug"], **{field: row[field] for field in fields})
        elif any(getattr(item, field) != row[field] for field in fields):
            for field in fields:
                setattr(item, field, row[field])
            changed.append(item)
    if changed:
        model.objects.bulk_update(changed, list(fields))


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
    existing = {council.gss_code: council for council in CouncilPage.objects.select_related("region")}
    created = updated = unchanged = 0
    synced: list[CouncilPage] = []
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
        synced.append(council)
    ensure_editors_groups(synced)
    return SyncSummary(created=created, updated=updated, unchanged=unchanged)


def editors_group_name(council: CouncilPage) -> str:
    return f"Council editors: {council.title} ({council.gss_code})"


def ensure_editors_group(council: CouncilPage) -> Group:
    """A group whose members may add, edit and publish only beneath this council's page."""
    return ensure_editors_groups([council])[council.pk]


def ensure_editors_groups(councils: list[CouncilPage]) -> dict[int, Group]:
    """Each council's editors group (council pk -> group), created or renamed as needed, with its grants.

    A fixed number of queries whatever the number of councils: a national sync covers about 400.
    """
    prefix = "Council editors: "
    by_gss: dict[str, Group] = {}
    for named in Group.objects.filter(name__startswith=prefix):
        if named.name.endswith(")"):
            by_gss[named.name.rsplit("(", 1)[-1][:-1]] = named
    groups: dict[int, Group] = {}
    renamed: list[Group] = []
    for council in councils:
        group = by_gss.get(council.gss_code)
        if group is None:
            group = by_gss[council.gss_code] = Group.objects.create(name=editors_group_name(council))
        elif group.name != editors_group_name(council):
            group.name = editors_group_name(council)
            renamed.append(group)
        groups[council.pk] = group
    Group.objects.bulk_update(renamed, ["name"])
    grant_access([(groups[council.pk], council) for council in councils], EDITOR_PAGE_PERMISSIONS)
    return groups


def grant_access(pairs: Iterable[tuple[Group, Page]], codenames: Iterable[str]) -> None:
    """Admin access for each group, and the page permissions on its page; rows that exist are left alone."""
    pairs = list(pairs)
    if not pairs:
        return
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    page_permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
    group_ids = {group.pk for group, _ in pairs}
    links = Group.permissions.through
    with_admin = set(links.objects.filter(group_id__in=group_ids, permission=admin).values_list("group_id", flat=True))
    links.objects.bulk_create(
        [links(group_id=pk, permission_id=admin.pk) for pk in sorted(group_ids - with_admin)], ignore_conflicts=True
    )
    existing = set(
        GroupPagePermission.objects.filter(group_id__in=group_ids, permission__in=page_permissions).values_list(
            "group_id", "page_id", "permission_id"
        )
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=permission)
            for group, page in pairs
            for permission in page_permissions
            if (group.pk, page.pk, permission.pk) not in existing
        ],
        ignore_conflicts=True,
    )
