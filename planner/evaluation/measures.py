"""A library's social media measures, per local month and channel (platform): activity (posts),
audience (followers and growth), engagement (interactions and rate), referral (link clicks) and
return (interactions and clicks per post), as the monthly report and the dashboard show them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session

from planner.evaluation.audience import audience_summary
from planner.evaluation.filters import Filters
from planner.evaluation.period import Period, month_period
from planner.evaluation.sqlparts import (
    figure_columns,
    figures,
    local_month,
    offset_minutes,
    published_base,
)
from planner.models import PostTarget


def _months(period: Period) -> list[str]:
    """The 'YYYY-MM' keys of every month the period touches, oldest first."""
    months, key = [], period.month
    while (whole := month_period(key, period.zone)).first <= period.last:
        months.append(key)
        key = (whole.last + timedelta(days=1)).strftime("%Y-%m")
    return months


def social_measures(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per month touched by the period and platform: the five measures.

    Rows: {month 'YYYY-MM', platform, posts (targets published on that channel), followers,
    follower_growth, interactions, engagement_rate, rate_basis, clicks,
    interactions_per_post, clicks_per_post, simulated}, by month then platform. A month or
    channel with neither posts nor follower counts has no row.
    """
    month = local_month(session, PostTarget.published_at, offset_minutes(filters)).label("month")
    query = (
        published_base(session, filters, month, PostTarget.platform, *figure_columns())
        .group_by(month, PostTarget.platform)
        .order_by(month, PostTarget.platform)
    )
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in session.connection().execute(query):
        f = figures(r)
        rows[(r.month, r.platform)] = {
            "month": r.month,
            "platform": r.platform,
            "posts": f["targets"],
            "followers": None,
            "follower_growth": None,
            "interactions": f["interactions"],
            "engagement_rate": f["engagement_rate"],
            "rate_basis": f["rate_basis"],
            "clicks": f["clicks"],
            "interactions_per_post": _per(f["interactions"], f["targets"]),
            "clicks_per_post": _per(f["clicks"], f["targets"]),
            "simulated": f["simulated"],
        }
    for key in _months(filters.period):
        whole = month_period(key, filters.period.zone)
        # Clip to the chosen span, so a custom range's first and last month count only its days.
        part = Period(
            max(whole.first, filters.period.first),
            min(whole.last, filters.period.last),
            filters.period.zone,
        )
        per_platform: dict[str, list[dict[str, Any]]] = {}
        for acc in audience_summary(session, filters.with_period(part)):
            per_platform.setdefault(acc["platform"], []).append(acc)
        for platform, accounts in per_platform.items():
            row = rows.setdefault((key, platform), _empty(key, platform))
            ends = [a["followers_end"] for a in accounts if a["followers_end"] is not None]
            growths = [a["growth"] for a in accounts if a["growth"] is not None]
            row["followers"] = sum(ends) if ends else None
            row["follower_growth"] = sum(growths) if growths else None
            row["simulated"] = row["simulated"] or any(a["simulated"] for a in accounts)
    return [rows[k] for k in sorted(rows)]


def _empty(month: str, platform: str) -> dict[str, Any]:
    return {
        "month": month,
        "platform": platform,
        "posts": 0,
        "followers": None,
        "follower_growth": None,
        "interactions": None,
        "engagement_rate": None,
        "rate_basis": "",
        "clicks": None,
        "interactions_per_post": None,
        "clicks_per_post": None,
        "simulated": False,
    }


def _per(total: int | None, count: int) -> float | None:
    return None if total is None or not count else total / count
