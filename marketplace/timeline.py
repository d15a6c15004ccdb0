"""Geometry for the server-rendered SVG timeline of contract end dates (pure: dates in, numbers out)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from marketplace.services import add_months, months_between

LABEL_WIDTH = 260
CHART_WIDTH = 560
ROW_HEIGHT = 28
TOP = 36


@dataclass(frozen=True)
class TimelineRow:
    label: str
    detail: str
    end: datetime.date
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    axis_start: int
    axis_end: int
    axis_y: int
    rows: tuple[TimelineRow, ...]
    ticks: tuple[Tick, ...]


def _x(day: datetime.date, start: datetime.date, end: datetime.date) -> float:
    span = max((end - start).days, 1)
    return round(LABEL_WIDTH + CHART_WIDTH * (day - start).days / span, 1)


def build_timeline(items: list[tuple[str, str, datetime.date]], start: datetime.date, end: datetime.date) -> Timeline:
    """One row per (label, detail, end date), placed on an axis from `start` to `end` with quarterly ticks."""
    rows = tuple(
        TimelineRow(label=label, detail=detail, end=day, x=_x(day, start, end), y=TOP + index * ROW_HEIGHT + 14)
        for index, (label, detail, day) in enumerate(items)
    )
    ticks = []
    month = datetime.date(start.year, start.month, 1)
    if month < start:
        month = add_months(month, 1)
    step = 3 if months_between(start, end) <= 24 else 6
    while month <= end:
        ticks.append(Tick(label=month.strftime("%b %Y"), x=_x(month, start, end)))
        month = add_months(month, step)
    axis_y = TOP + len(rows) * ROW_HEIGHT + 4
    return Timeline(
        width=LABEL_WIDTH + CHART_WIDTH + 40,
        height=axis_y + 40,
        axis_start=LABEL_WIDTH,
        axis_end=LABEL_WIDTH + CHART_WIDTH,
        axis_y=axis_y,
        rows=rows,
        ticks=tuple(ticks),
    )
