"""Contracts ending soon: members only, a window of months, grouped by region and product, with a timeline."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace import services
from marketplace.models import CouncilSystem
from marketplace.timeline import build_timeline
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def contracts(councils, waste, housing):
    bins, other = ProductFactory(name="BinTrack"), ProductFactory(name="WasteWorks")
    return {
        "leeds": CouncilSystemFactory(
            council=councils["Leeds"], service_area=waste, product=bins, contract_end=days(90)
        ),
        "bristol": CouncilSystemFactory(
            council=councils["City of Bristol"], service_area=waste, product=other, contract_end=days(400)
        ),
        "cardiff": CouncilSystemFactory(
            council=councils["Cardiff"], service_area=waste, product=bins, contract_end=days(300)
        ),
        "late": CouncilSystemFactory(council=councils["Southwark"], service_area=waste, contract_end=days(700)),
        "ended": CouncilSystemFactory(council=councils["Cambridgeshire"], service_area=waste, contract_end=days(-5)),
        "housing": CouncilSystemFactory(council=councils["Leeds"], service_area=housing, contract_end=days(30)),
    }


def test_report_lists_contracts_in_the_window_soonest_first(contracts, waste):
    report = services.contracts_ending(waste, months=18)
    assert [s.pk for s in report.systems] == [contracts[k].pk for k in ("leeds", "cardiff", "bristol")]
    assert [r.name for r, _ in report.by_region] == ["South West", "Wales", "Yorkshire and The Humber"]
    assert [(p.name, len(s)) for p, s in report.by_product] == [("BinTrack", 2), ("WasteWorks", 1)]


def test_a_shorter_window_leaves_out_later_contracts(contracts, waste):
    assert [s.pk for s in services.contracts_ending(waste, months=6).systems] == [contracts["leeds"].pk]


def test_window_outside_limits_is_refused(waste):
    with pytest.raises(ValueError):
        services.contracts_ending(waste, months=0)


def test_add_months_clamps_to_the_end_of_short_months():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 18) == datetime.date(2028, 5, 15)


def test_anonymous_visitor_is_sent_to_sign_in(client, contracts):
    response = client.get(reverse("marketplace:contracts_ending"), {"service_area": "waste-and-recycling"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_signed_in_person_from_no_council_is_refused(client, contracts, outsider):
    client.force_login(outsider)
    response = client.get(reverse("marketplace:contracts_ending"), {"service_area": "waste-and-recycling"})
    assert response.status_code == 403
    assert "BinTrack" not in response.content.decode()


def test_member_sees_table_and_timeline_with_text_alternative(client, contracts, bristol_member, waste):
    client.force_login(bristol_member)
    response = client.get(reverse("marketplace:contracts_ending"), {"service_area": waste.slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 contracts ending by" in html  # default window of 18 months
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert '<desc id="timeline-desc">3 contracts end in this window' in html
    assert contracts["leeds"].contract_end.strftime("%-d %b %Y") in html
    assert "London Borough of Southwark" not in html  # ends after the window
    assert "Cambridgeshire" not in html  # already ended


def test_member_chooses_the_window(client, contracts, bristol_member, waste):
    client.force_login(bristol_member)
    html = client.get(reverse("marketplace:contracts_ending"), {"service_area": waste.slug, "months": 24}).content
    assert "London Borough of Southwark" in html.decode()


def test_bad_window_is_a_clear_400(client, bristol_member, waste):
    client.force_login(bristol_member)
    response = client.get(reverse("marketplace:contracts_ending"), {"service_area": waste.slug, "months": "999"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_timeline_places_rows_along_the_axis():
    start, end = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
    timeline = build_timeline([("A", "x", start), ("B", "y", datetime.date(2026, 7, 2)), ("C", "z", end)], start, end)
    assert [row.x for row in timeline.rows] == [
        timeline.axis_start,
        539.2,
        timeline.axis_end,
    ]  # 2 July is day 182 of 365
    assert [tick.label for tick in timeline.ticks] == ["Jan 2026", "Apr 2026", "Jul 2026", "Oct 2026", "Jan 2027"]
    assert timeline.rows[1].y > timeline.rows[0].y


def test_report_page_queries_do_not_grow_with_rows(client, contracts, councils, bristol_member, waste):
    client.force_login(bristol_member)
    url = reverse("marketplace:contracts_ending")
    client.get(url, {"service_area": waste.slug})  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as three_rows:
        client.get(url, {"service_area": waste.slug})
    for name in ("Southwark", "Cambridgeshire"):
        CouncilSystem.objects.filter(council=councils[name], service_area=waste).update(contract_end=days(200))
    CouncilSystemFactory(council=councils["City of Edinburgh"], service_area=waste, contract_end=days(250))
    with CaptureQueriesContext(connection) as six_rows:
        html = client.get(url, {"service_area": waste.slug}).content.decode()
    assert "6 contracts ending by" in html
    assert len(six_rows) == len(three_rows)
