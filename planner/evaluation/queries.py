"""The dashboard's questions (and the monthly report's), each one SQL aggregate per call.

Every function takes (session, filters) and returns plain dataclasses or lists of dicts, so the
dashboard, the report and the CLI read the same numbers. Figures are those of each target's
latest snapshot (its lifetime so far) unless a function says it compares posts at one age.
Each row carries `simulated`: True when any figure in it came from a sandbox account or a
simulated snapshot. A None figure means no platform reported it (a gap, never a zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, desc, func
from sqlmodel import Session, col

from planner.config import get_settings
from planner.evaluation.audience import audience_series, audience_summary, followers_total
from planner.evaluation.best_time import Heatmap, apply_suggestions, heatmap
from planner.evaluation.filters import Filters
from planner.evaluation.measures import social_measures
from planner.evaluation.punctuality import OnTime, on_time
from planner.evaluation.sqlparts import (
    M,
    age_buckets,
    as_date,
    figure_columns,
    figures,
    interactions,
    local_day,
    local_week,
    offset_minutes,
    published_base,
)
from planner.models import Account, MediaAsset, Post, PostTarget

__all__ = [
    "KPI_KEYS",
    "Heatmap",
    "Kpi",
    "OnTime",
    "apply_suggestions",
    "audience_series",
    "audience_summary",
    "by_age",
    "by_kind",
    "by_template",
    "heatmap",
    "kpis",
    "on_time",
    "series",
    "social_measures",
    "summary",
    "top_posts",
    "unreported",
]

KPI_KEYS = (
    "posts",
    "reach",
    "impressions",
    "interactions",
    "engagement_rate",
    "clicks",
    "followers",
    "follower_growth",
)


@dataclass(frozen=True)
class Kpi:
    """One headline figure, the same over the previous period, and the change in per cent.

    `change_pct` is None when there is nothing to compare with (no previous value, or 0);
    `basis` says what engagement_rate was divided by (reach, impressions or mixed).
    """

    key: str
    value: float | int | None
    previous: float | int | None
    change_pct: float | None
    simulated: bool = False
    basis: str = ""


def summary(session: Session, filters: Filters) -> dict[str, Any]:
    """The period's totals in one row: posts, targets, reach, impressions, interactions,
    clicks, engagement_rate, rate_basis, simulated."""
    row = session.connection().execute(published_base(session, filters, *figure_columns())).one()
    return figures(row)


def kpis(session: Session, filters: Filters) -> list[Kpi]:
    """The headline figures (KPI_KEYS, in that order) with the previous period's."""
    now, before = summary(session, filters), summary(session, filters.previous())
    aud = followers_total(session, filters)
    # The audience's own `simulated` must not overwrite the posts' one.
    now |= {k: v for k, v in aud.items() if k != "simulated"}
    before |= followers_total(session, filters.previous())
    out = []
    for key in KPI_KEYS:
        value, previous = now[key], before[key]
        simulated = aud["simulated"] if key.startswith("follower") else now["simulated"]
        basis = now["rate_basis"] if key == "engagement_rate" else ""
        out.append(Kpi(key, value, previous, change_pct(value, previous), simulated, basis))
    return out


def change_pct(value: float | None, previous: float | None) -> float | None:
    """(value - previous) / previous in per cent; None without a non-zero previous value."""
    if value is None or not previous:
        return None
    return (value - previous) / previous * 100.0


def series(session: Session, filters: Filters, bucket: str = "day") -> list[dict[str, Any]]:
    """Per local day (or week, from Monday) of publishing and platform: the figures.

    Rows: {bucket (date), platform, posts, targets, reach, impressions, interactions, clicks,
    engagement_rate, rate_basis, simulated}, oldest first.
    """
    if bucket not in ("day", "week"):
        raise ValueError(f"bucket must be 'day' or 'week', not {bucket!r}")
    shape = local_day if bucket == "day" else local_week
    when = shape(session, PostTarget.published_at, offset_minutes(filters)).label("bucket")
    query = (
        published_base(session, filters, when, PostTarget.platform, *figure_columns())
        .group_by(when, PostTarget.platform)
        .order_by(when, PostTarget.platform)
    )
    return [
        {"bucket": as_date(r.bucket), "platform": r.platform, **figures(r)}
        for r in session.connection().execute(query)
    ]


def by_age(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per milestone (1h, 24h, 7d, 30d by default) and platform, each target's snapshot at it.

    Rows: {age, platform, targets, reach, impressions, interactions, clicks, engagement_rate,
    rate_basis, simulated, interactions_per_target}, in age order.
    """
    ages = age_buckets()
    query = published_base(
        session, filters, M.age_bucket, PostTarget.platform, *figure_columns(), ages=ages
    ).group_by(M.age_bucket, PostTarget.platform)
    rows = []
    for r in session.connection().execute(query):
        row = {"age": r.age_bucket, "platform": r.platform, **figures(r)}
        row["interactions_per_target"] = _per(row["interactions"], row["targets"])
        rows.append(row)
    return sorted(rows, key=lambda r: (ages.index(r["age"]), r["platform"]))


def by_template(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per template (None: written without one): {template_id, posts, targets, reach, …}."""
    query = published_base(session, filters, Post.template_id, *figure_columns()).group_by(
        Post.template_id
    )
    rows = [
        {"template_id": r.template_id, **figures(r)} for r in session.connection().execute(query)
    ]
    return sorted(rows, key=lambda r: (-(r["interactions"] or 0), r["template_id"] or ""))


def kind_of_post() -> Any:
    """event (an event or a campaign), collection (a book), service (neither), in SQL."""
    return case(
        (col(Post.event_id).is_not(None), "event"),
        (col(Post.campaign_id).is_not(None), "event"),
        (col(Post.item_id).is_not(None), "collection"),
        else_="service",
    )


def by_kind(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per kind (event, collection, service): {kind, posts, targets, reach, …}."""
    kind = kind_of_post().label("kind")
    query = published_base(session, filters, kind, *figure_columns()).group_by(kind)
    order = ("event", "collection", "service")
    rows = [{"kind": r.kind, **figures(r)} for r in session.connection().execute(query)]
    return sorted(rows, key=lambda r: order.index(r["kind"]))


def top_posts(session: Session, filters: Filters, limit: int = 10) -> list[dict[str, Any]]:
    """The targets with the most interactions (latest snapshot), most first.

    Rows: {post_id, target_id, title, platform, account, published_at, remote_url,
    thumbnail (path of the image's thumbnail, else of the image, or None), alt_text,
    interactions,
    reach, impressions, clicks, simulated}.
    """
    inter = interactions().label("interactions")
    query = (
        published_base(
            session,
            filters,
            Post.id.label("post_id"),
            PostTarget.id.label("target_id"),
            Post.title,
            PostTarget.platform,
            Account.name.label("account"),
            PostTarget.published_at,
            PostTarget.remote_url,
            MediaAsset.filename.label("image"),
            MediaAsset.sha256,
            func.coalesce(func.nullif(Post.alt_text, ""), MediaAsset.alt_text).label("alt_text"),
            inter,
            M.reach,
            M.impressions,
            M.clicks,
            M.simulated,
            Account.is_sandbox,
        )
        .outerjoin(MediaAsset, MediaAsset.id == Post.media_asset_id)
        .where(inter.is_not(None))
        .order_by(desc(inter), PostTarget.id)
        .limit(limit)
    )
    out = []
    for r in session.connection().execute(query):
        row = dict(r._mapping)
        row["title"] = row["title"] or f"#{row['post_id']}"
        row["thumbnail"] = _thumbnail(row.pop("image"), row.pop("sha256"))
        row["simulated"] = bool(row.pop("simulated")) or bool(row.pop("is_sandbox"))
        out.append(row)
    return out


GAP_FIGURES = ("reach", "impressions", "likes", "comments", "shares", "saves", "clicks")


def unreported(session: Session, filters: Filters) -> dict[str, list[str]]:
    """Per platform, the figures some matching target's latest snapshot did not report.

    The dashboard names them so a blank reads as 'not reported', not as 'nobody'.
    """
    gaps = [
        func.sum(case((col(getattr(M, name)).is_(None), 1), else_=0)).label(name)
        for name in GAP_FIGURES
    ]
    query = published_base(session, filters, PostTarget.platform, *gaps).where(
        col(M.id).is_not(None)
    )
    out: dict[str, list[str]] = {}
    for r in session.connection().execute(
        query.group_by(PostTarget.platform).order_by(PostTarget.platform)
    ):
        missing = [name for name in GAP_FIGURES if getattr(r, name)]
        if missing:
            out[r.platform] = missing
    return out


def _thumbnail(filename: str | None, sha256: str | None) -> str | None:
    """The stored thumbnail of a post's image (see planner.media), else the image itself."""
    if not filename:
        return None
    uploads = get_settings().uploads_dir
    thumb = uploads / "thumbs" / sha256[:2] / f"{sha256}.jpg" if sha256 else None
    return str(thumb if thumb is not None and thumb.exists() else uploads / filename)


def _per(total: int | None, count: int) -> float | None:
    return None if total is None or not count else total / count
