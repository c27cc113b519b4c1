"""Reporting periods: local months as UTC bounds, and what they are compared with."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.evaluation.period import (
    Period,
    PeriodError,
    last_month,
    month_period,
    months_back,
    this_month,
)


def test_month_is_local_days_as_utc_bounds() -> None:
    nov = month_period("2026-11")
    assert (nov.first, nov.last, nov.days) == (date(2026, 11, 1), date(2026, 11, 30), 30)
    # Midnight in Jakarta (UTC+7) is 17.00 UTC the day before.
    assert nov.start == datetime(2026, 10, 31, 17, tzinfo=UTC)
    assert nov.end == datetime(2026, 11, 30, 17, tzinfo=UTC)
    assert nov.is_month and nov.month == "2026-11"


@pytest.mark.parametrize(
    ("month", "before"), [("2026-11", "2026-10"), ("2026-01", "2025-12"), ("2024-03", "2024-02")]
)
def test_a_month_is_compared_with_the_month_before(month: str, before: str) -> None:
    assert month_period(month).previous() == month_period(before)


def test_a_custom_span_is_compared_with_as_many_days_before() -> None:
    span = Period(date(2026, 11, 10), date(2026, 11, 16))
    assert span.previous() == Period(date(2026, 11, 3), date(2026, 11, 9))
    assert not span.is_month


def test_this_and_last_month_follow_the_local_calendar() -> None:
    # 20.00 UTC on 30 November is already 1 December in Pekalongan.
    now = datetime(2026, 11, 30, 20, tzinfo=UTC)
    assert this_month(now).month == "2026-12"
    assert last_month(now).month == "2026-11"


@pytest.mark.parametrize("bad", ["2026-13", "2026-1", "November", "", "2026-00"])
def test_a_month_that_is_not_one_is_refused_clearly(bad: str) -> None:
    with pytest.raises(PeriodError, match="YYYY-MM"):
        month_period(bad)


def test_a_span_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(PeriodError):
        Period(date(2026, 11, 2), date(2026, 11, 1))


def test_months_back_lists_oldest_first() -> None:
    assert months_back("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
