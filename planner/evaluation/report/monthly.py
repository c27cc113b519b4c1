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
from planner.evaluation.indicators.views import feedback_months, month_indicators
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
    brand = active_brand(session)
    logo = brand.logo_path()
    report = MonthlyReport(
        month=month,
        lang=lang,
        library_name=brand.name,
        logo_path=str(logo) if logo is not None else None,
        kpis=tuple(_change(k.key, k.value, k.previous) for k in kpis),
        platforms=_platforms(session, filters),
        measures=tuple(_measure(row) for row in measures),
        top_posts=tuple(_top(row, zone) for row in top),
        daily=tuple(
            DayPoint(row["bucket"], row["platform"], row["interactions"], row["reach"])
            for row in queries.series(session, filters, "day")
        ),
        service=_service(session, month, zone),
        feedback=_feedback(session, month, zone),
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


def _platforms(session: Session, filters: Filters) -> tuple[PlatformRow, ...]:
    """One row per platform that published in the month (one aggregate per platform)."""
    rows = []
    for platform in PLATFORMS:
        f = queries.summary(session, replace(filters, platforms=(platform,)))
        if f["targets"]:
            rows.append(
                PlatformRow(
                    platform,
                    f["targets"],
                    f["impressions"],
                    f["reach"],
                    f["interactions"],
                    f["clicks"],
                    _percent(f["engagement_rate"]),
                )
            )
    return tuple(rows)


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


def _service(session: Session, month: str, zone: str) -> ServiceIndicator:
    before, now = month_indicators(session, [_previous(month), month], zone)
    return ServiceIndicator(
        visits=Change("visits", now.visits, before.visits),
        loans=Change("loans", now.loans, before.loans),
        new_members=Change("new_members", now.new_members, before.new_members),
        reach=Change("reach", now.promotion.reach, before.promotion.reach),
        interactions=Change(
            "interactions", now.promotion.interactions, before.promotion.interactions
        ),
    )


def _feedback(session: Session, month: str, zone: str) -> FeedbackIndicator:
    before, now = feedback_months(session, [_previous(month), month], zone)
    return FeedbackIndicator(
        comments=Change("comments", now.comments, before.comments),
        notes=Change("notes", now.notes, before.notes),
        **{
            sentiment: Change(sentiment, now.sentiments[sentiment], before.sentiments[sentiment])
            for sentiment in ("positive", "neutral", "negative")
        },
    )


def _previous(month: str) -> str:
    return month_period(month).previous().month
