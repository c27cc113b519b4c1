"""The indicators as the dashboard tab, the indicators page and the monthly report read them.

Plain dataclasses (no pandas, no Streamlit): (a) each event's promotion beside its attendance,
(b) each month's service use beside its promotion, (c) user feedback per month — platform
comments and staff notes by sentiment — and (d) training, from the training module's plug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.evaluation.indicators.attendance import events_in
from planner.evaluation.indicators.feedback import SENTIMENTS
from planner.evaluation.indicators.promotion import (
    Promotion,
    month_key,
    promotion_per_event,
    promotion_per_month,
)
from planner.evaluation.indicators.service_use import service_months
from planner.evaluation.period import Period, month_period, months_back
from planner.evaluation.training_figures import TrainingFigures, training_figures
from planner.models import FeedbackNote

DEFAULT_MONTHS = 6


@dataclass(frozen=True)
class EventIndicators:
    """(a) One event: its promotion beside the people who came (None: not entered yet)."""

    event_id: int
    title: str
    starts_at: datetime
    attendance: int | None
    promotion: Promotion


@dataclass(frozen=True)
class MonthIndicators:
    """(b) One month: service use as entered (None: not entered) beside its promotion."""

    month: str
    visits: int | None
    loans: int | None
    new_members: int | None
    note: str
    promotion: Promotion


@dataclass(frozen=True)
class FeedbackMonth:
    """(c) One month of user feedback: platform comments and staff notes."""

    month: str
    comments: int | None  # comments on posts published that month; None: none reported
    sentiments: dict[str, int]  # positive / neutral / negative → notes
    sources: dict[str, int] = field(default_factory=dict)  # source → notes

    @property
    def notes(self) -> int:
        return sum(self.sentiments.values())


@dataclass(frozen=True)
class IndicatorsView:
    """Everything the three indicators show for a period, and the months leading to it."""

    period: Period
    events: list[EventIndicators]
    months: list[MonthIndicators]
    feedback: list[FeedbackMonth]
    training: TrainingFigures | None  # None: this installation has no training module yet


def event_indicators(session: Session, period: Period) -> list[EventIndicators]:
    """(a) Every event starting in `period`, with its promotion and attendance."""
    promoted = promotion_per_event(session, period)
    return [
        EventIndicators(
            event.id, event.title, event.starts_at, event.attendance,
            promoted.get(event.id, Promotion()),
        )
        for event in events_in(session, period)
    ]  # fmt: skip


def month_indicators(
    session: Session, months: list[str], zone: str, promoted: dict[str, Promotion] | None = None
) -> list[MonthIndicators]:
    """(b) Each of `months`: the service figures entered and the month's promotion."""
    service = service_months(session, months)
    if promoted is None:
        promoted = promotion_per_month(session, months, zone)
    rows = []
    for month in months:
        entered = service.get(month)
        rows.append(
            MonthIndicators(
                month=month,
                visits=entered.visits if entered else None,
                loans=entered.loans if entered else None,
                new_members=entered.new_members if entered else None,
                note=entered.note if entered else "",
                promotion=promoted.get(month, Promotion()),
            )
        )
    return rows


def feedback_months(
    session: Session, months: list[str], zone: str, promoted: dict[str, Promotion] | None = None
) -> list[FeedbackMonth]:
    """(c) Each of `months`: platform comment counts and feedback notes by sentiment/source."""
    if not months:
        return []
    first, last = month_period(min(months), zone), month_period(max(months), zone)
    noted = col(FeedbackNote.noted_on)
    scope = (
        select(
            FeedbackNote.sentiment,
            FeedbackNote.source,
            month_key(noted, months, zone, dates=True).label("month"),
        )
        .where(noted >= first.first, noted <= last.last)
        .subquery("notes")
    )
    by_sentiment: dict[str, dict[str, int]] = {m: dict.fromkeys(SENTIMENTS, 0) for m in months}
    by_source: dict[str, dict[str, int]] = {m: {} for m in months}
    for key, table in ((scope.c.sentiment, by_sentiment), (scope.c.source, by_source)):
        query = select(scope.c.month, key, func.count()).group_by(scope.c.month, key)
        for month, value, count in session.execute(query).all():
            if month in table:
                table[month][value] = table[month].get(value, 0) + int(count)
    if promoted is None:
        promoted = promotion_per_month(session, months, zone)
    return [
        FeedbackMonth(
            month,
            promoted[month].comments if month in promoted else None,
            by_sentiment[month],
            dict(sorted(by_source[month].items())),
        )
        for month in months
    ]


def indicators_view(
    session: Session, period: Period, months: int = DEFAULT_MONTHS
) -> IndicatorsView:
    """(a)–(d) for `period`; the monthly rows are the `months` months up to its last day."""
    last = f"{period.last.year:04d}-{period.last.month:02d}"
    trend = months_back(last, months)
    promoted = promotion_per_month(session, trend, period.zone)  # once, for (b) and (c)
    return IndicatorsView(
        period=period,
        events=event_indicators(session, period),
        months=month_indicators(session, trend, period.zone, promoted),
        feedback=feedback_months(session, trend, period.zone, promoted),
        training=training_figures(session, period),
    )
