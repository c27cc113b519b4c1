"""Metrics: collecting engagement snapshots and summarising them for the dashboard.

Snapshots are taken for every post published in the last 30 days whenever the latest one
is older than the configured interval, and labelled by age (live, 1h, 24h, 7d, 30d) so the
report can compare posts at the same age. Calls are batched per account.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.accounts import mark_reconnect_needed
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.models import (
    Account,
    AccountStatus,
    MetricSnapshot,
    Post,
    PostStatus,
    PostTarget,
    utcnow,
)
from planner.platforms import for_account
from planner.platforms.base import AuthExpired, PlatformError, RemoteRef
from planner.platforms.dryrun import PREFIX as DRY_RUN_PREFIX

log = logging.getLogger(__name__)
MILESTONES = [
    ("30d", timedelta(days=30)),
    ("7d", timedelta(days=7)),
    ("24h", timedelta(hours=24)),
    ("1h", timedelta(hours=1)),
]
WINDOW = timedelta(days=31)
# The figures the dashboard shows and adds up (engagement = the last five).
ENGAGEMENT_FIGURES = ("impressions", "likes", "comments", "shares", "saves", "clicks")
SNAPSHOT_FIGURES = (
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "views",
)


def age_bucket(age: timedelta) -> str:
    """The largest milestone `age` has reached ('live' before the first hour)."""
    for label, span in MILESTONES:
        if age >= span:
            return label
    return "live"


def _due_targets(session: Session, now: datetime, interval: timedelta) -> list[PostTarget]:
    latest = (
        select(MetricSnapshot.target_id, func.max(MetricSnapshot.taken_at).label("last"))
        .group_by(MetricSnapshot.target_id)
        .subquery()
    )
    rows = session.exec(
        select(PostTarget, latest.c.last)
        .outerjoin(latest, latest.c.target_id == PostTarget.id)
        .where(PostTarget.status == PostStatus.PUBLISHED.value)
        .where(col(PostTarget.published_at) >= now - WINDOW)
        .where(col(PostTarget.remote_id).is_not(None))
        # A dry run published nothing; asking the live platform about its made-up id after
        # the switch is turned off fails the whole batch (X answers 400 for a non-numeric id).
        .where(col(PostTarget.remote_id).not_like(f"{DRY_RUN_PREFIX}%"))
    ).all()
    due = []
    for target, last in rows:
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        if last is None or now - last >= interval:
            due.append(target)
    return due


def collect_once(
    *, settings: Settings | None = None, now: datetime | None = None, platform_factory=None
) -> int:
    """Take one snapshot for every target that needs one; returns how many were stored."""
    settings = settings or get_settings()
    now = now or utcnow()
    factory = platform_factory or (
        lambda account: for_account(account, settings, clock=lambda: now)
    )
    interval = timedelta(seconds=settings.metrics_interval_seconds)
    stored = 0
    with session_scope() as session:
        by_account: dict[int, list[PostTarget]] = defaultdict(list)
        for target in _due_targets(session, now, interval):
            by_account[target.account_id].append(target)
        for account_id, targets in by_account.items():
            account = session.get(Account, account_id)
            if account is None or account.status != AccountStatus.ACTIVE:
                continue  # a revoked token would only fail again; reconnecting resumes collection
            refs = [RemoteRef(t.remote_id, t.remote_url, t.published_at) for t in targets]
            try:
                figures = factory(account).fetch_metrics(refs)
            except AuthExpired as exc:
                # The token that reads metrics is the one that publishes: pause the account
                # now rather than let its next post fail.
                mark_reconnect_needed(session, account.id, exc.message)
                continue
            except PlatformError as exc:
                log.warning("metrics for account %s failed: %s", account.name, exc.message)
                continue
            for target in targets:
                m = figures.get(target.remote_id)
                if m is None:
                    continue
                session.add(
                    MetricSnapshot(
                        target_id=target.id,
                        taken_at=now,
                        age_bucket=age_bucket(now - target.published_at),
                        # What the platform did not report is a gap (NULL), never a zero.
                        **{
                            name: None if name in m.missing else getattr(m, name)
                            for name in SNAPSHOT_FIGURES
                        },
                        simulated=m.simulated,
                        raw={**m.raw, "missing": list(m.missing)},
                    )
                )
                stored += 1
    return stored


def latest_per_target(session: Session) -> list[dict]:
    """One row per published target with its newest snapshot, for the dashboard."""
    latest = (
        select(MetricSnapshot.target_id, func.max(MetricSnapshot.id).label("sid"))
        .group_by(MetricSnapshot.target_id)
        .subquery()
    )
    rows = session.exec(
        select(MetricSnapshot, PostTarget, Post, Account)
        .join(latest, latest.c.sid == MetricSnapshot.id)
        .join(PostTarget, PostTarget.id == MetricSnapshot.target_id)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .order_by(col(PostTarget.published_at).desc())
    ).all()
    out = []
    for snap, target, post, account in rows:
        out.append(
            {
                "post_id": post.id,
                "target_id": target.id,
                "title": post.title or f"#{post.id}",
                "platform": target.platform,
                "account": account.name,
                "sandbox": account.is_sandbox,
                "published_at": target.published_at,
                "taken_at": snap.taken_at,
                **{name: getattr(snap, name) or 0 for name in ENGAGEMENT_FIGURES},
                "engagement": sum(getattr(snap, name) or 0 for name in ENGAGEMENT_FIGURES[1:]),
                "simulated": snap.simulated,
                "missing": list((snap.raw or {}).get("missing", [])),
            }
        )
    return out


def unreported(rows: list[dict]) -> dict[str, list[str]]:
    """Per platform, the figures of ENGAGEMENT_FIGURES some post's platform did not report.

    Those count as 0 in the totals (Facebook has no public save count, Meta retires
    insights), so the dashboard says which zeros are 'not reported' rather than 'nobody'.
    """
    gaps: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        gaps[row["platform"]] |= set(row.get("missing", [])) & set(ENGAGEMENT_FIGURES)
    return {
        platform: [f for f in ENGAGEMENT_FIGURES if f in figures]
        for platform, figures in sorted(gaps.items())
        if figures
    }
