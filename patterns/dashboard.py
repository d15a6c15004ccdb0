"""Adoption figures for the dashboard, its chart, its table and its CSV: one computation, several renderings.

Denominator: the principal councils on the national list (county, district, unitary, metropolitan district, London
borough, City of London, Welsh, Scottish and Northern Ireland councils). Combined authorities and the Greater London
Authority are left out: they do not run the local services these patterns describe, and counting them would make
70% unreachable for most patterns. See docs/adr/adoption-denominator.md.

A council counts as having adopted a pattern when its record says "adopted" or "assessed as compliant" (an expired
assessment still counts as adopted). Only live, public patterns appear. The figures take a fixed number of queries
however many patterns there are.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from councils.models import CouncilPage, CouncilType, Region
from patterns.models import ADOPTED_STATUSES, AdoptionRecord, AdoptionStatus, PatternPage

EXCLUDED_COUNCIL_TYPES = (CouncilType.COMBINED_AUTHORITY, CouncilType.STRATEGIC_REGIONAL_AUTHORITY)


@dataclass(frozen=True)
class Share:
    adopted: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.adopted / self.total, 1) if self.total else 0.0

    @property
    def meets_target(self) -> bool:
        return self.total > 0 and self.percent >= settings.ADOPTION_TARGET_PERCENT


@dataclass(frozen=True)
class PatternAdoption:
    pattern: PatternPage
    national: Share
    compliant: int  # with a current (unexpired) assessment
    by_region: list[tuple[str, Share]] = field(default_factory=list)
    by_type: list[tuple[str, Share]] = field(default_factory=list)


@dataclass(frozen=True)
class Dashboard:
    patterns: list[PatternAdoption]
    councils_counted: int
    target: int

    @property
    def reached_target(self) -> int:
        return sum(1 for p in self.patterns if p.national.meets_target)


def counted_councils():  # -> QuerySet[CouncilPage]
    return CouncilPage.objects.live().exclude(council_type__in=EXCLUDED_COUNCIL_TYPES)


def build_dashboard(pattern_ids: list[int] | None = None, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    patterns = PatternPage.objects.live().public().order_by("title")
    if pattern_ids is not None:
        patterns = patterns.filter(pk__in=pattern_ids)
    patterns = list(patterns)

    region_names = dict(Region.objects.values_list("pk", "name"))
    type_labels = dict(CouncilType.choices)
    totals_by_region: dict[int, int] = defaultdict(int)
    totals_by_type: dict[str, int] = defaultdict(int)
    for row in counted_councils().values("region_id", "council_type").annotate(n=Count("pk")):
        totals_by_region[row["region_id"]] += row["n"]
        totals_by_type[row["council_type"]] += row["n"]
    total = sum(totals_by_region.values())

    assessed_since = today - datetime.timedelta(days=settings.ADOPTION_ASSESSMENT_VALID_DAYS)
    adopted_region: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    adopted_type: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    compliant: dict[int, int] = defaultdict(int)
    rows = (
        AdoptionRecord.objects.filter(
            pattern__in=[p.pk for p in patterns], status__in=ADOPTED_STATUSES, council__in=counted_councils()
        )
        .values("pattern_id", "council__region_id", "council__council_type")
        .annotate(
            n=Count("pk"),
            current=Count("pk", filter=Q(status=AdoptionStatus.COMPLIANT, assessed_on__gte=assessed_since)),
        )
    )
    for row in rows:
        adopted_region[row["pattern_id"]][row["council__region_id"]] += row["n"]
        adopted_type[row["pattern_id"]][row["council__council_type"]] += row["n"]
        compliant[row["pattern_id"]] += row["current"]

    results = []
    for pattern in patterns:
        by_region = adopted_region[pattern.pk]
        by_type = adopted_type[pattern.pk]
        results.append(
            PatternAdoption(
                pattern=pattern,
                national=Share(sum(by_region.values()), total),
                compliant=compliant[pattern.pk],
                by_region=[
                    (region_names[rid], Share(by_region.get(rid, 0), n)) for rid, n in sorted(totals_by_region.items())
                ],
                by_type=[
                    (type_labels.get(t, t), Share(by_type.get(t, 0), n)) for t, n in sorted(totals_by_type.items())
                ],
            )
        )
    return Dashboard(patterns=results, councils_counted=total, target=settings.ADOPTION_TARGET_PERCENT)


# --- chart geometry (the template draws it; kept here so it can be tested as data) ---

CHART_LABEL_WIDTH = 260
CHART_BAR_WIDTH = 400
CHART_ROW_HEIGHT = 32


@dataclass(frozen=True)
class Bar:
    label: str
    share: Share
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    target_x: float
    label_width: int = CHART_LABEL_WIDTH
    bar_width: int = CHART_BAR_WIDTH
    row_height: int = CHART_ROW_HEIGHT

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 90


def chart(rows: list[tuple[str, Share]], target: int) -> Chart:
    bars = [
        Bar(label=label, share=share, y=20 + i * CHART_ROW_HEIGHT, width=CHART_BAR_WIDTH * share.percent / 100)
        for i, (label, share) in enumerate(rows)
    ]
    return Chart(
        bars=bars,
        height=30 + len(rows) * CHART_ROW_HEIGHT,
        target_x=CHART_LABEL_WIDTH + CHART_BAR_WIDTH * target / 100,
    )


# --- CSV ---

CSV_HEADER = [
    "pattern",
    "breakdown",
    "group",
    "councils adopted",
    "councils counted",
    "percent adopted",
    "meets target",
]


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in text that editors wrote."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(dashboard: Dashboard) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for item in dashboard.patterns:
        title = _safe_cell(item.pattern.title)
        groups = [("All councils", "All councils", item.national)]
        groups += [("Region", name, share) for name, share in item.by_region]
        groups += [("Council type", name, share) for name, share in item.by_type]
        for breakdown, group, share in groups:
            writer.writerow(
                [title, breakdown, group, share.adopted, share.total, f"{share.percent:.1f}", _yes(share.meets_target)]
            )
    return out.getvalue()


def _yes(value: bool) -> str:
    return "yes" if value else "no"
