"""Reading a month and a count the way library staff write them in a sheet or a form.

Shared by the forms, the command line and the CSV importer, so "2026-11", "11/2026" and
"November 2026" mean the same month everywhere and "1.250" is one thousand two hundred fifty.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from planner.evaluation.indicators.errors import IndicatorError
from planner.importing.dates import MONTHS as MONTH_NAMES

_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NAMED = re.compile(r"^([a-z]+)[\s\-]+(\d{4})$")
# A whole number, optionally with thousands grouped by '.', ',' or a space ("1.250", "12 000").
_COUNT = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*$|^\d+$")


def parse_month(text: str) -> str:
    """'YYYY-MM' from '2026-11', '2026/11', '11/2026' or 'November 2026'; IndicatorError."""
    value = " ".join((text or "").strip().casefold().split())
    if not value:
        raise IndicatorError("no_month")
    year = month = 0
    if match := _YEAR_FIRST.match(value):
        year, month = int(match[1]), int(match[2])
    elif match := _MONTH_FIRST.match(value):
        month, year = int(match[1]), int(match[2])
    elif (match := _NAMED.match(value)) and match[1] in MONTH_NAMES:
        month, year = MONTH_NAMES[match[1]], int(match[2])
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise IndicatorError("bad_month", value=text.strip())
    return f"{year:04d}-{month:02d}"


def check_not_future(month: str, now: datetime, zone: ZoneInfo) -> None:
    """Refuse a month that has not begun in the library's zone (no service use yet)."""
    local = now.astimezone(zone)
    if month > f"{local.year:04d}-{local.month:02d}":
        raise IndicatorError("future_month", month=month)


def parse_count(text: str, field: str) -> int | None:
    """A whole number of people or loans; None for a blank cell; IndicatorError otherwise."""
    value = (text or "").strip()
    if not value or value in ("-", "—"):
        return None
    if value.startswith("-") and _COUNT.match(value[1:]):
        raise IndicatorError("negative", field=field, value=value)
    if not _COUNT.match(value):
        raise IndicatorError("bad_number", field=field, value=value)
    return int(re.sub(r"[.,\s]", "", value))


def check_count(value: int | None, field: str) -> int | None:
    """A count given as a number (form, command line): never below zero."""
    if value is not None and value < 0:
        raise IndicatorError("negative", field=field, value=str(value))
    return value
