"""The adoption dashboard: shares against the 70% target by region and council type, chart, table and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils import services as council_services
from councils.models import CouncilIndexPage, CouncilPage
from patterns.dashboard import build_dashboard, chart
from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import content as make


def _adopt(pattern, councils, status=AdoptionStatus.ADOPTED):
    for council in councils:
        AdoptionRecord.objects.create(pattern=pattern, council=council, status=status, status_date="2026-01-01")


@pytest.fixture
def combined_authority(councils) -> CouncilPage:
    rows = council_services.load_rows(council_services.DATA_DIR / "councils.csv")
    row = next(r for r in rows if r["council_type"] == "combined authority")
    council_services.sync_councils([row], CouncilIndexPage.objects.get())
    return CouncilPage.objects.get(gss_code=row["gss_code"])


@pytest.fixture
def adoption_data(councils, combined_authority):
    """Six principal councils. 'Report a missed bin' reaches 5 of 6; 'Apply for a school place' 1 of 6."""
    sample = sorted(councils.values(), key=lambda c: c.title)
    popular = make.pattern("Report a missed bin")
    rare = make.pattern("Apply for a school place")
    draft = make.pattern("Secret draft pattern", state="draft")
    private = make.pattern("Private pattern")
    make.make_private(private)
    _adopt(popular, sample[:4])
    _adopt(popular, sample[4:5], AdoptionStatus.COMPLIANT)
    _adopt(popular, sample[5:], AdoptionStatus.PLANNED)  # planned does not count
    _adopt(popular, [combined_authority])  # outside the denominator
    _adopt(rare, sample[:1], AdoptionStatus.ADOPTED)
    _adopt(rare, sample[1:3], AdoptionStatus.IN_PROGRESS)
    _adopt(draft, sample)
    _adopt(private, sample)
    return {"popular": popular, "rare": rare, "councils": councils}


def test_shares_count_adopted_and_compliant_councils_out_of_principal_councils(adoption_data):
    data = build_dashboard()
    by_title = {item.pattern.title: item for item in data.patterns}
    assert list(by_title) == ["Apply for a school place", "Report a missed bin"]  # no draft or private pattern
    assert data.councils_counted == 6  # the combined authority is not counted
    popular = by_title["Report a missed bin"]
    assert (popular.national.adopted, popular.national.total, popular.national.percent) == (5, 6, 83.3)
    assert popular.national.meets_target and popular.compliant == 0  # compliant record has no assessment date
    rare = by_title["Apply for a school place"]
    assert (rare.national.adopted, rare.national.meets_target) == (1, False)
    assert data.reached_target == 1
    assert sum(share.total for _, share in popular.by_region) == 6
    assert sum(share.adopted for _, share in popular.by_region) == 5
    assert dict(popular.by_type)["Scottish council area"].total == 1
    AdoptionRecord.objects.filter(status=AdoptionStatus.COMPLIANT).update(assessed_on=timezone.localdate())
    assert build_dashboard(pattern_ids=[popular.pattern.pk]).patterns[0].compliant == 1


def test_dashboard_page_has_summary_chart_with_text_alternative_and_table(client, adoption_data):
    response = client.get(reverse("adoption_dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 of 2 patterns reached 70%" in html
    assert '<svg role="img" aria-labelledby="national-chart-title national-chart-desc"' in html
    assert "Report a missed bin: 83.3% (5 of 6), meets the target." in html  # the SVG's <desc>
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Adoption by pattern</caption>' in html
    assert "Secret draft pattern" not in html and "Private pattern" not in html


def test_pattern_breakdown_by_region_and_type(client, adoption_data):
    popular = adoption_data["popular"]
    html = client.get(reverse("adoption_pattern", args=[popular.pk])).content.decode()
    assert "By region" in html and "Yorkshire and The Humber" in html and "Scottish council area" in html
    assert "Adoption by type of council" in html


def test_draft_and_private_patterns_have_no_breakdown_page(client, home):
    draft = make.pattern("Draft", state="draft")
    private = make.pattern("Private")
    make.make_private(private)
    for page in (draft, private):
        assert client.get(reverse("adoption_pattern", args=[page.pk])).status_code == 404


def test_csv_has_every_breakdown_and_no_hidden_patterns(client, adoption_data):
    response = client.get(reverse("adoption_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["pattern"] for r in rows} == {"Report a missed bin", "Apply for a school place"}
    national = next(r for r in rows if r["pattern"] == "Report a missed bin" and r["breakdown"] == "All councils")
    assert (national["councils adopted"], national["councils counted"], national["percent adopted"]) == (
        "5",
        "6",
        "83.3",
    )
    assert national["meets target"] == "yes"
    breakdowns = {r["breakdown"] for r in rows}
    assert breakdowns == {"All councils", "Region", "Council type"}


def test_csv_neutralises_formulas_in_titles(client, home):
    make.pattern('=HYPERLINK("http://evil.test")')
    rows = list(csv.reader(io.StringIO(client.get(reverse("adoption_csv")).content.decode())))
    assert rows[1][0].startswith("'=")


def test_chart_geometry_scales_bars_to_percent():
    from patterns.dashboard import CHART_BAR_WIDTH, CHART_LABEL_WIDTH, Share

    drawn = chart([("A", Share(1, 2)), ("B", Share(0, 0))], 70)
    assert [bar.width for bar in drawn.bars] == [CHART_BAR_WIDTH / 2, 0]
    assert drawn.target_x == CHART_LABEL_WIDTH + CHART_BAR_WIDTH * 0.7


def test_dashboard_queries_do_not_grow_with_patterns(client, adoption_data):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("adoption_dashboard")).status_code == 200
        return len(queries)

    before = count()
    for i in range(5):
        page = make.pattern(f"Extra pattern {i}")
        _adopt(page, adoption_data["councils"].values())
    assert count() == before
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("adoption_csv"))
    assert len(queries) <= before
