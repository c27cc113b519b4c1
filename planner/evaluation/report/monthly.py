"""One month's report as plain values, built from the dashboard's queries and the indicators.

Nothing is counted here: every figure comes from planner.evaluation.queries (the same numbers
the dashboard shows) or planner.evaluation.indicators (service use, feedback, training), each
an aggregate in the database. This module only picks the month, sets each figure beside the
month before, and asks `sentences` to word each section.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from planner.brand_kit import active_brand
from planner.config import get_settings
from planner.evaluation import queries
from planner.evaluation.filters import Filters
from planner.evaluation.indicators.promotion import promotion_per_month
from planner.evaluation.indicators.views import (
    FeedbackMonth,
    MonthIndicators,
    feedback_months,
    month_indicators,
)
from planner.evaluation.period import month_period
from planner.evaluation.report.model import (
    Change,
    DayPoint,
    FeedbackIndicator,
    MeasureRow,
    MonthlyReport,
    PlatformRow,
    ServiceIndicator,
    TopPost,
)
from planner.evaluation.report.sentences import write_sentences
from planner.evaluation.training_figures import training_figures
from planner.i18n import LOCALES
from planner.limits import PLATFORMS
from planner.models import utcnow
from planner.people import guard
from planner.people.actors import Actor
from planner.people.roles import Action

TOP_POSTS = 10
# The per-platform table's sums, in PlatformRow's order.
_SUMMED = ("impressions", "reach", "interactions", "clicks")
# Rates are kept as fractions by the queries; the report shows them in percent.
_PERCENT = {"engagement_rate"}


def build_monthly(
    session: Session,
    month: str,
    lang: str = "id",
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> MonthlyReport:
    """The report of `month` ('YYYY-MM') in `lang`; PeriodError for a month that is not one.

    With `actor`, the person must be allowed to see the dashboard (a refusal is audited).
    """
    if lang not in LOCALES:
        raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(LOCALES)}")
    zone = get_settings().timezone
    period = month_period(month, zone)
    if actor is not None:
        guard.check(session, actor, Action.VIEW_DASHBOARD, ("report", month))
    filters = Filters(period)
    kpis = queries.kpis(session, filters)
    measures = [m for m in queries.social_measures(session, filters) if m["month"] == month]
    top = queries.top_posts(session, filters, limit=TOP_POSTS)
    days = queries.series(session, filters, "day")
    months = [period.previous().month, month]
    promoted = promotion_per_month(session, months, zone)  # once, for service and feedback
    brand = active_brand(session)
    logo = brand.logo_path()
    report = MonthlyReport(
        month=month,
        lang=lang,
        library_name=brand.name,
        logo_path=str(logo) if logo is not None else None,
        kpis=tuple(_change(k.key, k.value, k.previous) for k in kpis),
        platforms=_platforms(days, measures),
        measures=tuple(_measure(row) for row in measures),
        top_posts=tuple(_top(row, zone) for row in top),
        daily=tuple(
            DayPoint(row["bucket"], row["platform"], row["interactions"], row["reach"])
            for row in days
        ),
        service=_service(month_indicators(session, months, zone, promoted)),
        feedback=_feedback(feedback_months(session, months, zone, promoted)),
        training=training_figures(session, period),
        simulated=any(k.simulated for k in kpis)
        or any(m["simulated"] for m in measures)
        or any(row["simulated"] for row in top),
        made_on=(now or utcnow()).astimezone(ZoneInfo(zone)).date(),
    )
    return replace(report, sentences=write_sentences(report))


def _change(key: str, current: float | None, previous: float | None) -> Change:
    if key in _PERCENT:
        return Change(key, _percent(current), _percent(previous))
    return Change(key, current, previous)


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def _platforms(
    days: list[dict[str, Any]], measures: list[dict[str, Any]]
) -> tuple[PlatformRow, ...]:
    """One row per platform that published in the month, from rows already aggregated.

    The daily series adds up per platform exactly (every target is published on one day; a
    sum of sums skips gaps as SUM does); the rate is the month's own per platform.
    """
    rates = {m["platform"]: m["engagement_rate"] for m in measures}
    rows = []
    for platform in PLATFORMS:
        mine = [d for d in days if d["platform"] == platform]
        if not mine:
            continue
        rows.append(
            PlatformRow(
                platform,
                sum(d["targets"] for d in mine),
                *(_total([d[name] for d in mine]) for name in _SUMMED),
                _percent(rates.get(platform)),
            )
        )
    return tuple(rows)


def _total(values: list[int | None]) -> int | None:
    """The sum of what was reported; None when nothing was (a gap, never a made-up 0)."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _measure(row: dict[str, Any]) -> MeasureRow:
    return MeasureRow(
        platform=row["platform"],
        posts=row["posts"],
        followers=row["followers"],
        follower_growth=row["follower_growth"],
        interactions=row["interactions"],
        engagement_rate=_percent(row["engagement_rate"]),
        clicks=row["clicks"],
        interactions_per_post=row["interactions_per_post"],
        clicks_per_post=row["clicks_per_post"],
    )


def _top(row: dict[str, Any], zone: str) -> TopPost:
    return TopPost(
        post_id=row["post_id"],
        title=row["title"],
        platform=row["platform"],
        published_on=row["published_at"].astimezone(ZoneInfo(zone)).date(),
        interactions=row["interactions"],
        reach=row["reach"],
        url=row["remote_url"] or "",
    )


def _service(rows: list[MonthIndicators]) -> ServiceIndicator:
    before, now = rows
    return ServiceIndicator(
        visits=Change("visits", now.visits, before.visits),
        loans=Change("loans", now.loans, before.loans),
        new_members=Change("new_members", now.new_members, before.new_members),
        reach=Change("reach", now.promotion.reach, before.promotion.reach),
        interactions=Change(
            "interactions", now.promotion.interactions, before.promotion.interactions
        ),
    )


def _feedback(rows: list[FeedbackMonth]) -> FeedbackIndicator:
    before, now = rows
    return FeedbackIndicator(
        comments=Change("comments", now.comments, before.comments),
        notes=Change("notes", now.notes, before.notes),
        **{
            sentiment: Change(sentiment, now.sentiments[sentiment], before.sentiments[sentiment])
            for sentiment in ("positive", "neutral", "negative")
        },
    )
