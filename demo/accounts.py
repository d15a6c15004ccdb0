"""Local sign-ins for development only: never created when DEBUG is off."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from councils.services import ensure_editors_group
from demo.base import DemoContext
from experiments.models import RegionalCentrePage
from experiments.services import ensure_curators_group

# (username, council short name) -- the password is the username.
COUNCIL_EDITORS = [("leeds-editor", "Leeds"), ("bristol-editor", "City of Bristol")]
CENTRE_CURATORS = [("north-curator", "north")]


def _user(username: str, groups: list[Group], superuser: bool = False) -> bool:
    users = get_user_model()
    user, created = users.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", "is_staff": superuser}
    )
    if created:
        user.set_password(username)
        user.is_superuser = superuser
        user.save()
    user.groups.add(*groups)
    return created


def run(demo: DemoContext) -> None:
    if not settings.DEBUG:
        demo.write("  Local sign-ins: skipped (DEBUG is off)")
        return
    lines = ["admin / admin  (superuser)"]
    _user("admin", [], superuser=True)
    for username, council in COUNCIL_EDITORS:
        _user(username, [ensure_editors_group(demo.council(council))])
        lines.append(f"{username} / {username}  (editor for {demo.council(council).title})")
    for username, centre_slug in CENTRE_CURATORS:
        page = demo.find(RegionalCentrePage, demo.section("regional-centres"), centre_slug)
        if page is None:
            raise LookupError(f"The demo data has no regional centre '{centre_slug}' for {username}")
        _user(username, [ensure_curators_group(page)])
        lines.append(f"{username} / {username}  (curator for {page.title})")
    demo.write("  Local sign-ins (development only):")
    for line in lines:
        demo.write(f"    {line}")
