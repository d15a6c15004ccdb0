"""Edit isolation: an editor of one council (or curator of one centre) changes nothing of another's.

Every admin URL that changes content is tried against the other tenant's page. The assertion is on the
whole tree, not the response: after a refused attempt no page, revision, lock or privacy setting has
changed anywhere. Each attempt is replayed by a site admin as a control, which must change something,
so an attempt cannot "pass" by being malformed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from councils.membership import council_for
from councils.models import CouncilMembership
from tests.factories import content as make
from tests.security.conftest import client_for
from tests.security.forms import Form, post_forms

pytestmark = pytest.mark.django_db

# (actor, the other tenant's page, the actor's own page, the other tenant's parent, the actor's own parent)
TENANCIES = {
    "council": ("leeds_editor", "bristol_study", "leeds_study", "bristol", "leeds"),
    "regional centre": ("north_curator", "west_experiment", "north_experiment", "west", "north"),
}


def snapshot() -> tuple[list[tuple[Any, ...]], list[int]]:
    pages = Page.objects.values_list(
        "id", "path", "url_path", "title", "live", "has_unpublished_changes", "locked", "latest_revision_id"
    )
    return sorted(pages), sorted(PageViewRestriction.objects.values_list("page_id", flat=True))


def admin_form(admin: Client, url: str, action_fragment: str) -> Form:
    """The form a site admin is shown at `url` (so the data is valid), whose action contains the fragment."""
    response = admin.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code} for a site admin"
    forms = [f for f in post_forms(response.content, url) if action_fragment in f.action]
    assert forms, f"no POST form for {action_fragment} at {url}"
    return forms[0]


def _edit(publish: bool) -> Callable[..., Any]:
    def attempt(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
        url = reverse("wagtailadmin_pages:edit", args=[target.pk])
        form = admin_form(admin, url, f"/pages/{target.pk}/edit/").set("title", "Taken over")
        if publish:
            form.set("action-publish", "action-publish")
        return actor.post(url, form.without_csrf())

    return attempt


def revert(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
    first = target.revisions.order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[target.pk, first.pk])
    form = admin_form(admin, url, "/revert/").set("action-publish", "action-publish")
    return actor.post(form.action, form.without_csrf())


def add_child(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
    model = target.specific_class._meta
    url = reverse("wagtailadmin_pages:add", args=[model.app_label, model.model_name, parent.pk])
    form = admin_form(admin, url, "/pages/add/")
    for name, value in {"title": "Planted page", "slug": "planted-page", "summary": "Planted."}.items():
        form.set(name, value)
    for required in ("problem", "hypothesis", "problem_statement"):
        if required in form.data:
            form.set(required, "Planted.")
    form.set("action-publish", "action-publish")
    return actor.post(url, form.without_csrf())


def simple_post(route: str, data: dict[str, str] | None = None, *, page: str = "target") -> Callable[..., Any]:
    def attempt(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
        chosen = {"target": target, "own": own}[page]
        return actor.post(reverse(f"wagtailadmin_pages:{route}", args=[chosen.pk]), data or {})

    return attempt


def reorder(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
    # The target is its parent's first child; position comes from the query string.
    return actor.post(reverse("wagtailadmin_pages:set_page_position", args=[target.pk]) + "?position=1")


def move(which: str) -> Callable[..., Any]:
    def attempt(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
        page, destination = (target, own_parent) if which == "away" else (own, parent)
        return actor.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))

    return attempt


def copy(which: str) -> Callable[..., Any]:
    def attempt(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
        page = target if which == "theirs" else own
        data = {
            "new_title": f"Copy of {page.title}",
            "new_slug": f"copy-{page.slug}",
            "new_parent_page": str(parent.pk),
            "copy_subpages": "",
            "publish_copies": "on",
            "alias": "",
        }
        return actor.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)

    return attempt


def bulk(action: str) -> Callable[..., Any]:
    def attempt(actor: Client, admin: Client, target: Page, own: Page, parent: Page, own_parent: Page) -> Any:
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return actor.post(f"{url}?id={target.pk}&next=/admin/", {"include_descendants": "on"})

    return attempt


ATTEMPTS: dict[str, Callable[..., Any]] = {
    "edit and save draft": _edit(publish=False),
    "edit and publish": _edit(publish=True),
    "revert to an earlier revision": revert,
    "delete": simple_post("delete"),
    "unpublish": simple_post("unpublish", {"include_descendants": "on"}),
    "move their page into my area": move("away"),
    "move my page into their area": move("in"),
    "copy their page within their area": copy("theirs"),
    "copy my page into their area": copy("mine"),
    "add a child page in their area": add_child,
    "make private": simple_post("set_privacy", {"restriction_type": "password", "password": "locked-out"}),
    "lock": simple_post("lock"),
    "reorder": reorder,
    "bulk delete": bulk("delete"),
    "bulk unpublish": bulk("unpublish"),
}


@pytest.fixture
def with_history(tenancy: dict[str, Any]) -> dict[str, Any]:
    """Give each tenant's page a second revision (to revert to) and a later sibling (to reorder against)."""
    make.experiment(tenancy["west"], "Western second trial")
    make.experiment(tenancy["north"], "Northern second trial")
    for name in ("bristol_study", "leeds_study", "west_experiment", "north_experiment"):
        page = tenancy[name]
        page.summary = f"{page.summary} Revised."
        page.save_revision().publish()
        tenancy[name] = Page.objects.get(pk=page.pk).specific
    return tenancy


@pytest.mark.parametrize("tenancy_kind", TENANCIES)
def test_other_tenants_content_cannot_be_changed(
    with_history: dict[str, Any], superuser: User, tenancy_kind: str
) -> None:
    actor_name, target_name, own_name, parent_name, own_parent_name = TENANCIES[tenancy_kind]
    ctx = with_history
    args = (ctx[target_name], ctx[own_name], ctx[parent_name], ctx[own_parent_name])
    admin, actor = client_for(superuser), client_for(ctx[actor_name])
    problems = []
    # One set-up for every attempt: each runs in a savepoint that is rolled back, so they cannot interact.
    for name, attempt in ATTEMPTS.items():
        with transaction.atomic():
            before = snapshot()
            response = attempt(actor, admin, *args)
            # A refusal may be a redirect, a 403/404 or the form shown again with an error: the tree decides.
            if response.status_code >= 500:
                problems.append(f"{name}: answered {response.status_code}")
            elif snapshot() != before:
                problems.append(f"{name}: another tenant's content changed")
            transaction.set_rollback(True)
        with transaction.atomic():
            # Control: the same request from a site admin does change the tree, so the refusal above was real.
            attempt(admin, admin, *args)
            if snapshot() == before:
                problems.append(f"{name}: the control attempt by a site admin changed nothing")
            transaction.set_rollback(True)
    assert not problems, f"{tenancy_kind} isolation:\n" + "\n".join(problems)


@pytest.mark.parametrize("tenancy_kind", TENANCIES)
def test_tenants_can_still_edit_and_publish_their_own_content(
    with_history: dict[str, Any], superuser: User, tenancy_kind: str
) -> None:
    actor_name, _, own_name, _, own_parent_name = TENANCIES[tenancy_kind]
    own = with_history[own_name]
    admin = client_for(superuser)
    _edit(publish=True)(client_for(with_history[actor_name]), admin, own, own, own, with_history[own_parent_name])
    own.refresh_from_db()
    assert own.title == "Taken over" and own.live and not own.has_unpublished_changes


def test_an_editor_cannot_move_another_councils_editor_into_their_council(tenancy: dict[str, Any]) -> None:
    """Editors belong through their council's editors group, with no membership record: that still counts."""
    leeds, bristol_editor = tenancy["leeds"], tenancy["bristol_editor"]
    response = client_for(tenancy["leeds_editor"]).post(f"/membership/{leeds.gss_code}/", {"user": "bristol-editor"})
    assert response.status_code == 400
    assert "Ask a site administrator to move them" in response.content.decode()
    assert not CouncilMembership.objects.filter(user=bristol_editor).exists()
    assert council_for(User.objects.get(pk=bristol_editor.pk)) == tenancy["bristol"]


def test_a_site_admin_can_move_another_councils_editor(tenancy: dict[str, Any], superuser: User) -> None:
    leeds = tenancy["leeds"]
    response = client_for(superuser).post(f"/membership/{leeds.gss_code}/", {"user": "bristol-editor"})
    assert response.status_code == 302
    assert CouncilMembership.objects.get(user=tenancy["bristol_editor"]).council == leeds
