"""What the publishing side is doing now, for `planner status`: workers, queue, lateness.

An operator running many workers wants three answers without reading logs: which workers
are alive (their heartbeat rows), how much is waiting in each state, and whether anything
is late (the oldest due target that has not gone out).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.models import Account, PostTarget, WorkerHeartbeat
from planner.publishing.claims import CLAIMABLE_SQL

SEEN_WITHIN = timedelta(hours=1)  # workers listed: those seen within this


def worker_state(row: WorkerHeartbeat, now: datetime, lease_seconds: float) -> str:
    """running (seen within a lease), stopped (a clean exit) or lost (stopped beating)."""
    if row.stopped_at is not None:
        return "stopped"
    if now - row.last_seen_at <= timedelta(seconds=lease_seconds):
        return "running"
    return "lost"


def workers(session: Session, now: datetime, lease_seconds: float) -> list[dict]:
    """Workers seen within the last hour, most recently seen first."""
    rows = session.exec(
        select(WorkerHeartbeat)
        .where(col(WorkerHeartbeat.last_seen_at) >= now - SEEN_WITHIN)
        .order_by(col(WorkerHeartbeat.last_seen_at).desc(), WorkerHeartbeat.worker_id)
    ).all()
    return [
        {
            "id": row.worker_id,
            "host": row.host,
            "pid": row.pid,
            "started_at": row.started_at,
            "last_seen_at": row.last_seen_at,
            "seen_seconds_ago": round((now - row.last_seen_at).total_seconds(), 1),
            "in_flight": row.in_flight,
            "state": worker_state(row, now, lease_seconds),
        }
        for row in rows
    ]


def running_workers(session: Session, now: datetime, lease_seconds: float) -> int:
    """How many workers beat within a lease and have not stopped (the pages' "worker on")."""
    return session.scalar(
        select(func.count())
        .select_from(WorkerHeartbeat)
        .where(col(WorkerHeartbeat.stopped_at).is_(None))
        .where(col(WorkerHeartbeat.last_seen_at) >= now - timedelta(seconds=lease_seconds))
    )


def queue_depth(session: Session) -> dict[str, int]:
    """How many targets are in each status."""
    rows = session.exec(
        select(PostTarget.status, func.count())
        .group_by(PostTarget.status)
        .order_by(PostTarget.status)
    ).all()
    return dict(rows)


def oldest_overdue(session: Session, now: datetime) -> dict | None:
    """The target that has waited longest past its time to be claimed, or None.

    Scheduled or retrying, due, and not held back by a retry delay: it should be going out.
    """
    row = session.exec(
        select(PostTarget, Account.name)
        .join(Account, col(Account.id) == PostTarget.account_id)
        .where(CLAIMABLE_SQL)
        .where(col(PostTarget.due_at) < now)
        .where(func.coalesce(PostTarget.next_attempt_at, PostTarget.due_at) < now)
        .order_by(PostTarget.due_at, PostTarget.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    target, account = row
    return {
        "post_id": target.post_id,
        "target_id": target.id,
        "platform": target.platform,
        "account": account,
        "status": target.status,
        "due_at": target.due_at,
        "overdue_seconds": round((now - target.due_at).total_seconds(), 1),
    }


def status_report(session: Session, now: datetime, lease_seconds: float) -> dict:
    """Workers seen recently, queue depth by status and the oldest overdue target."""
    return {
        "workers": workers(session, now, lease_seconds),
        "queue": queue_depth(session),
        "oldest_overdue": oldest_overdue(session, now),
    }
