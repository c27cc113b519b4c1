"""What the posts did, grouped the way the indicators need it: per event and per month.

Each published target counts with its newest snapshot (by time taken, then id): the figures
a post has gathered so far. A figure a platform did not report is NULL and SUM skips it, so
a total is "not reported" (None) only when no counted post reported it — never a made-up 0.
Dry-run "publications" reached nobody and are left out; deleted posts are gone from the
database and cancelled targets were never published, so neither counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from planner.evaluation.period import Period, month_period
from planner.models import Campaign, Event, MetricSnapshot, Post, PostStatus, PostTarget
from planner.platforms.dryrun import PREFIX as DRY_RUN_PREFIX

INTERACTIONS = ("likes", "comments", "shares", "saves", "clicks")
SUMMED = ("reach", *INTERACTIONS)


@dataclass(frozen=True)
class Promotion:
    """The promotion of one event or month; None: no counted post reported that figure."""

    posts: int = 0  # posts with at least one publication counted
    publications: int = 0  # post × account actually published
    reach: int | None = None
    interactions: int | None = None  # likes + comments + shares + saves + clicks
    clicks: int | None = None  # link clicks
    comments: int | None = None
    simulated: bool = False  # some figure came from a sandbox account


def total(values: list[int | None]) -> int | None:
    """The sum of the figures that were reported; None when none was."""
    present = [int(v) for v in values if v is not None]
    return sum(present) if present else None


def published_filter() -> list:
    """The conditions of a target that really went out (not a dry run)."""
    return [
        PostTarget.status == PostStatus.PUBLISHED.value,
        col(PostTarget.published_at).is_not(None),
        or_(
            col(PostTarget.remote_id).is_(None),
            col(PostTarget.remote_id).not_like(f"{DRY_RUN_PREFIX}%"),
        ),
    ]


def latest_snapshots(scope, key):
    """The newest snapshot of each target of `scope`, one row each, with the target's `key`.

    Newest by the time it was taken (a snapshot stored late does not replace a newer one),
    then by id. Each target looks up its own newest row through the (target_id, taken_at)
    index, so the cost follows the targets in scope, not every snapshot they ever had; and
    nothing heavy sits inside a join, so a planner that underestimates the targets
    (PostgreSQL before ANALYZE) cannot rerun it per row (bench/indicators.py).
    """
    newest = (
        select(MetricSnapshot.id)
        .where(MetricSnapshot.target_id == scope.c.target_id)
        .order_by(col(MetricSnapshot.taken_at).desc(), col(MetricSnapshot.id).desc())
        .limit(1)
        .correlate(scope)
        .scalar_subquery()
    )
    pick = select(key.label("key"), newest.label("sid")).subquery("pick")
    return (
        select(
            pick.c.key,
            *[getattr(MetricSnapshot, name) for name in SUMMED],
            MetricSnapshot.simulated,
        )
        .select_from(pick)
        .join(MetricSnapshot, col(MetricSnapshot.id) == pick.c.sid)
        .subquery("latest")
    )


def _aggregate(session: Session, scope, key) -> dict[object, Promotion]:
    """Promotion per `key` of `scope` (a subquery of target_id, post_id and the key).

    Two GROUP BYs: what was published (from the targets) and what it gathered (from each
    target's newest snapshot); a target without a snapshot counts in the first only.
    """
    counts = select(
        key, func.count(func.distinct(scope.c.post_id)), func.count(scope.c.target_id)
    ).group_by(key)
    latest = latest_snapshots(scope, key)
    sums = select(
        latest.c.key,
        *[func.sum(latest.c[name]) for name in SUMMED],
        func.max(case((latest.c.simulated, 1), else_=0)),
    ).group_by(latest.c.key)
    gathered = {row[0]: row[1:] for row in session.execute(sums).all()}
    found: dict[object, Promotion] = {}
    for value, posts, publications in session.execute(counts).all():
        figures = gathered.get(value)
        sums_of = dict(zip(SUMMED, figures[:-1], strict=True)) if figures else {}
        found[value] = Promotion(
            posts=int(posts),
            publications=int(publications),
            reach=_int(sums_of.get("reach")),
            interactions=total([sums_of.get(name) for name in INTERACTIONS]),
            clicks=_int(sums_of.get("clicks")),
            comments=_int(sums_of.get("comments")),
            simulated=bool(figures[-1]) if figures else False,
        )
    return found


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def event_links():
    """Each post and the event it promotes: its own, else its campaign's."""
    return (
        select(
            col(Post.id).label("post_id"),
            func.coalesce(Post.event_id, Campaign.event_id).label("event_id"),
        )
        .outerjoin(Campaign, col(Campaign.id) == Post.campaign_id)
        .subquery("links")
    )


def promotion_per_event(session: Session, period: Period) -> dict[int, Promotion]:
    """The promotion of each event starting in `period` that had any publication."""
    links = event_links()
    scope = (
        select(
            col(PostTarget.id).label("target_id"),
            PostTarget.post_id,
            links.c.event_id,
        )
        .join(links, links.c.post_id == PostTarget.post_id)
        .join(Event, col(Event.id) == links.c.event_id)
        .where(*published_filter())
        .where(col(Event.starts_at) >= period.start, col(Event.starts_at) < period.end)
        .subquery("scope")
    )
    return _aggregate(session, scope, scope.c.event_id)


def month_key(column, months: list[str], zone: str, dates: bool = False):
    """A CASE naming the local month ('YYYY-MM') a timestamp or date falls in."""
    periods = [month_period(m, zone) for m in months]
    if dates:
        whens = [(and_(column >= p.first, column <= p.last), p.month) for p in periods]
    else:
        whens = [(and_(column >= p.start, column < p.end), p.month) for p in periods]
    return case(*whens, else_=None)


def promotion_per_month(session: Session, months: list[str], zone: str) -> dict[str, Promotion]:
    """The promotion of targets published in each of `months` (local months)."""
    if not months:
        return {}
    first, last = month_period(min(months), zone), month_period(max(months), zone)
    published = col(PostTarget.published_at)
    # The month is computed in a subquery and grouped on outside: PostgreSQL will not match
    # a CASE in GROUP BY to the same CASE in SELECT when their parameters are bound apart.
    scope = (
        select(
            col(PostTarget.id).label("target_id"),
            PostTarget.post_id,
            month_key(published, months, zone).label("month"),
        )
        .where(*published_filter())
        .where(published >= first.start, published < last.end)
        .subquery("scope")
    )
    found = _aggregate(session, scope, scope.c.month)
    return {month: found[month] for month in months if month in found}
