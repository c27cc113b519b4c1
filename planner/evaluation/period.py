"""Reporting periods: a month or a custom span of the library's local days, held as UTC bounds.

Managers think in local calendar months ("November 2026" in Pekalongan), while every timestamp
is stored in UTC; a period converts once, here, so every query compares UTC to UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A month or date span a person typed that is not one."""


@dataclass(frozen=True)
class Period:
    """The local days first..last (inclusive) in `zone`; `start`/`end` are the UTC bounds."""

    first: date
    last: date
    zone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PeriodError(f"the period ends ({self.last}) before it starts ({self.first})")

    @property
    def start(self) -> datetime:
        """The first instant of the period, in UTC."""
        return datetime.combine(self.first, time(), ZoneInfo(self.zone)).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period, in UTC (queries use start <= t < end)."""
        after = self.last + timedelta(days=1)
        return datetime.combine(after, time(), ZoneInfo(self.zone)).astimezone(UTC)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_month(self) -> bool:
        """Whether the period is exactly one calendar month."""
        return (
            self.first.day == 1
            and (self.last + timedelta(days=1)).day == 1
            and (self.first.month == self.last.month)
        )

    @property
    def month(self) -> str:
        """'YYYY-MM' of the first day (the month a monthly report is about)."""
        return f"{self.first.year:04d}-{self.first.month:02d}"

    def previous(self) -> Period:
        """The period to compare with: the month before a month, else as many days before."""
        if self.is_month:
            return month_period(_shift_month(self.month, -1), self.zone)
        last = self.first - timedelta(days=1)
        return Period(last - timedelta(days=self.days - 1), last, self.zone)


def _shift_month(month: str, by: int) -> str:
    year, mon = (int(part) for part in month.split("-"))
    index = year * 12 + (mon - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_period(month: str, zone: str = "Asia/Jakarta") -> Period:
    """The calendar month 'YYYY-MM' in the library's zone."""
    if not _MONTH.match(month or ""):
        raise PeriodError(f"'{month}' is not a month; write it as YYYY-MM, e.g. 2026-11")
    first = date.fromisoformat(f"{month}-01")
    after = date.fromisoformat(f"{_shift_month(month, 1)}-01")
    return Period(first, after - timedelta(days=1), zone)


def this_month(now: datetime, zone: str = "Asia/Jakarta") -> Period:
    """The local calendar month `now` falls in."""
    local = now.astimezone(ZoneInfo(zone))
    return month_period(f"{local.year:04d}-{local.month:02d}", zone)


def last_month(now: datetime, zone: str = "Asia/Jakarta") -> Period:
    """The local calendar month before the one `now` falls in."""
    return this_month(now, zone).previous()


def months_back(month: str, count: int) -> list[str]:
    """`count` months ending with `month`, oldest first (for trends)."""
    return [_shift_month(month, -i) for i in range(count - 1, -1, -1)]
