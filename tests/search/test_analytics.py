"""Search analytics: cheap daily counts, no personal data, and the curators' admin report (permission-guarded)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from search import analytics
from search.models import DailySearchTerm
from tests.factories.search_corpus import publish_corpus

REPORT = "/admin/search-report/"


def test_record_search_counts_per_term_per_day(db):
    today = timezone.localdate()
    analytics.record_search("  Bin   Collections ", 4)
    analytics.record_search("bin collections", 0)
    analytics.record_search("bin collections", 2, on=today - datetime.timedelta(days=1))

    rows = DailySearchTerm.objects.order_by("date")
    assert [(r.term, r.searches, r.zero_result_searches, r.last_result_count) for r in rows] == [
        ("bin collections", 1, 0, 2),
        ("bin collections", 2, 1, 0),
    ]


@pytest.mark.parametrize(
    "text",
    ["jo.bloggs@example.com complaint", "call 07700 900123", "ref 123456789", "NI number QQ 12 34 56 C", "   "],
)
def test_personal_data_and_empty_searches_are_not_recorded(db, text):
    assert analytics.record_search(text, 0) is False
    assert not DailySearchTerm.objects.exists()


def test_reports_rank_top_and_zero_result_terms(db):
    for _ in range(3):
        analytics.record_search("waste", 5)
    analytics.record_search("gully cleaning", 0)
    analytics.record_search("gully cleaning", 0)
    analytics.record_search("pothole", 0)
    analytics.record_search("old term", 0, on=timezone.localdate() - datetime.timedelta(days=90))

    assert [(t.term, t.searches) for t in analytics.top_terms()] == [
        ("waste", 3),
        ("gully cleaning", 2),
        ("pothole", 1),
    ]
    assert [(t.term, t.zero_result_searches) for t in analytics.zero_result_terms()] == [
        ("gully cleaning", 2),
        ("pothole", 1),
    ]
    assert analytics.prune(older_than_days=60) == 1


def test_the_page_records_first_page_searches_only(client: Client, councils):
    publish_corpus()

    client.get("/search/", {"q": "Waste"})
    client.get("/search/", {"q": "waste", "kind": "pattern"})  # applying filters is not a new search
    client.get("/search/", {"q": "waste", "page": "2"})  # nor is paging
    client.get("/search/", {"q": "gully cleaning"})
    client.get("/api/v1/search/", {"q": "waste", "page": "3"})  # machines paging: not counted
    client.get("/api/v1/search/", {"q": "waste", "page_size": "100"})  # nor bulk fetching
    client.get("/api/v1/search/", {"q": "zzzzqqq"})

    counts = {r.term: (r.searches, r.zero_result_searches) for r in DailySearchTerm.objects.all()}
    assert counts == {"waste": (1, 0), "gully cleaning": (1, 1), "zzzzqqq": (1, 1)}


@pytest.fixture
def searches(db) -> None:
    analytics.record_search("gully cleaning", 0)
    analytics.record_search("waste", 7)


def test_admin_report_shows_zero_result_terms_to_superusers(client: Client, searches, superuser):
    client.force_login(superuser)

    response = client.get(REPORT)

    assert response.status_code == 200
    html = response.content.decode()
    zero_table = html.split('id="zero-result-terms"', 1)[1].split("</table>", 1)[0]
    assert "gully cleaning" in zero_table and "waste" not in zero_table
    assert "waste" in html.split('id="top-terms"', 1)[1]
    assert "Search terms and unmet needs" in client.get("/admin/").content.decode()


def test_admin_report_needs_the_permission(client: Client, searches, django_user_model):
    editor = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    editors = Group.objects.create(name="Report-less editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
    assert b"gully cleaning" not in response.content
    assert "Search terms and unmet needs" not in client.get("/admin/").content.decode()

    editors.permissions.add(Permission.objects.get(codename="view_dailysearchterm"))
    editor = django_user_model.objects.get(pk=editor.pk)  # fresh permission cache
    client.force_login(editor)
    assert b"gully cleaning" in client.get(REPORT).content


def test_admin_report_refuses_anonymous_and_non_staff(client: Client, searches, django_user_model):
    anonymous = client.get(REPORT)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client.force_login(django_user_model.objects.create_user("resident", "r@example.com", "pw"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert b"gully cleaning" not in response.content


def breadcrumbs(html: str) -> str:
    return html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]


def test_the_reports_menu_has_this_report_not_wagtails_empty_search_terms(client: Client, searches, superuser):
    client.force_login(superuser)
    menu = client.get("/admin/").content.decode()
    assert "/admin/search-report/" in menu
    assert "/admin/searchpicks/reports/search-terms/" not in menu and '"name": "search-terms"' not in menu
    # The report is headed by its own title, not only "Home".
    assert "Search terms and unmet needs" in breadcrumbs(client.get(REPORT).content.decode())
