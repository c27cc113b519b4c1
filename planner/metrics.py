"""Metrics: collecting engagement snapshots and summarising them for the dashboard.

Each published target is snapshotted once per milestone of its age (setting
`metrics_milestones`, by default 1 h, 24 h, 7 d and 30 d; planner/milestones.py), labelled
with the milestone so posts are compared at the same age, and on demand when a person asks
for fresh figures. Calls are batched per account (each adapter's `fetch_metrics`). There
are no interval snapshots in between: they cost one platform call per account every few
minutes and thousands of rows per post, for figures nobody compares.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.accounts import mark_reconnect_needed
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.milestones import LIVE, Milestone, due, parse_milestones, window
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
from planner.platforms.base import AuthExpired, Metrics, PlatformError, RemoteRef
from planner.platforms.dryrun import PREFIX as DRY_RUN_PREFIX

log = logging.getLogger(__name__)
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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _published_targets(session: Session, now: datetime, span, post_id: int | None):
    """Published targets worth asking about: of one post, or of the collection window."""
    query = (
        select(PostTarget)
        .where(PostTarget.status == PostStatus.PUBLISHED.value)
        .where(col(PostTarget.remote_id).is_not(None))
        # A dry run published nothing; asking the live platform about its made-up id after
        # the switch is turned off fails the whole batch (X answers 400 for a non-numeric id).
        .where(col(PostTarget.remote_id).not_like(f"{DRY_RUN_PREFIX}%"))
    )
    if post_id is not None:
        return session.exec(query.where(PostTarget.post_id == post_id)).all()
    return session.exec(query.where(col(PostTarget.published_at) >= now - span)).all()


def _labels_taken(session: Session, target_ids: list[int]) -> dict[int, set[str]]:
    """Per target, the milestone labels it already has a snapshot for."""
    taken: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(target_ids), 500):  # keep IN lists short for every database
        chunk = target_ids[start : start + 500]
        rows = session.exec(
            select(MetricSnapshot.target_id, MetricSnapshot.age_bucket)
            .where(col(MetricSnapshot.target_id).in_(chunk))
            .where(MetricSnapshot.age_bucket != LIVE)
            .distinct()
        ).all()
        for target_id, label in rows:
            taken[target_id].add(label)
    return taken


def _plan(
    session: Session,
    now: datetime,
    milestones: list[Milestone],
    *,
    post_id: int | None,
    on_demand: bool,
) -> list[tuple[PostTarget, str]]:
    """(target, label) for every snapshot to take now."""
    targets = _published_targets(session, now, window(milestones), post_id)
    taken = _labels_taken(session, [t.id for t in targets])
    plan = []
    for target in targets:
        if target.published_at is None:
            continue
        milestone = due(now - _aware(target.published_at), milestones, taken[target.id])
        if milestone is not None:
            plan.append((target, milestone.label))
        elif on_demand:
            plan.append((target, LIVE))
    return plan


def snapshot_row(target_id: int, label: str, now: datetime, m: Metrics) -> MetricSnapshot:
    """The stored snapshot: what the platform did not report is a gap (NULL), never a zero."""
    return MetricSnapshot(
        target_id=target_id,
        taken_at=now,
        age_bucket=label,
        **{name: None if name in m.missing else getattr(m, name) for name in SNAPSHOT_FIGURES},
        simulated=m.simulated,
        raw={**m.raw, "missing": list(m.missing)},
    )


def collect_once(
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    platform_factory: Callable | None = None,
    post_id: int | None = None,
    on_demand: bool = False,
) -> int:
    """Take the snapshots that are due; returns how many were stored.

    A target is due when it has reached a milestone it has no snapshot for (a late one is
    labelled with the milestone it stands for, `taken_at` the real time). `on_demand`
    snapshots every target in the window (or of `post_id`, however old) now, as `live`
    unless a milestone is due anyway.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    factory = platform_factory or (
        lambda account: for_account(account, settings, clock=lambda: now)
    )
    milestones = parse_milestones(settings.metrics_milestones)
    stored = 0
    with session_scope() as session:
        by_account: dict[int, list[tuple[PostTarget, str]]] = defaultdict(list)
        for target, label in _plan(session, now, milestones, post_id=post_id, on_demand=on_demand):
            by_account[target.account_id].append((target, label))
        for account_id, planned in by_account.items():
            account = session.get(Account, account_id)
            if account is None or account.status != AccountStatus.ACTIVE:
                continue  # a revoked token would only fail again; reconnecting resumes collection
            refs = [RemoteRef(t.remote_id, t.remote_url, t.published_at) for t, _ in planned]
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
            for target, label in planned:
                m = figures.get(target.remote_id)
                if m is None:
                    continue  # deleted on the platform: nothing to record, nothing invented
                session.add(snapshot_row(target.id, label, now, m))
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
