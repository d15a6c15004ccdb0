"""Demo dates are relative to the day the demo is loaded, so it never looks dormant or out of date.

A relative date is an ISO 8601 duration from today, negative for the past: "-P40D" is 40 days ago, "P3M" three
months ahead ("-P1Y2M10D" and "P2W" work too).
"""

from __future__ import annotations

import datetime
import re

from marketplace.services import add_months

_DURATION = re.compile(r"(?P<sign>-?)P(?:(?P<y>[0-9]+)Y)?(?:(?P<m>[0-9]+)M)?(?:(?P<w>[0-9]+)W)?(?:(?P<d>[0-9]+)D)?")


def is_relative(text: object) -> bool:
    return isinstance(text, str) and text not in ("P", "-P") and _DURATION.fullmatch(text) is not None


def relative_date(text: str, today: datetime.date) -> datetime.date:
    """The day `text` (a signed ISO 8601 duration) away from today."""
    match = _DURATION.fullmatch(text)
    if match is None or not is_relative(text):
        raise ValueError(f"'{text}' is not a relative date such as -P40D (40 days ago) or P3M (three months ahead)")
    sign = -1 if match["sign"] else 1
    parts = {name: int(match[name] or 0) for name in ("y", "m", "w", "d")}
    day = add_months(today, sign * (12 * parts["y"] + parts["m"]))
    return day + datetime.timedelta(days=sign * (7 * parts["w"] + parts["d"]))


def days_ago(days: int, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=days)
