"""The queue is the post_target table: claiming, releasing, recovering and sweeping rows.

Each function is one short transaction's worth of set-based SQL, shared by every worker.
Source states come from `planner.lifecycle.moves`, so the lifecycle is still enforced in one place.

Claiming walks the partial index `ix_post_target_claimable` (due_at, id WHERE status IN
('scheduled','retrying')) in due order and stops after a batch, which keeps its cost flat
however large the table grows. PostgreSQL locks the chosen rows with FOR UPDATE SKIP LOCKED
so concurrent workers take disjoint batches; SQLite runs the same statements inside BEGIN
IMMEDIATE, which serialises writers. When platform caps are configured, claims on
PostgreSQL also take one transaction-scoped advisory lock, so counting what is in flight
and claiming more happen as one step for every worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, case, func, or_, update
from sqlalchemy import text as sql_text
from sqlmodel import Session, col, select

from planner.lifecycle import CLAIMABLE, moves
from planner.models import Account, AccountStatus, PostStatus, PostTarget, PublishAttempt
from planner.notify import notify
from planner.platforms.base import OutcomeUnknown

S = PostStatus
CLAIM_LOCK = 7_152_026  # advisory lock key for capped claims (PostgreSQL only)
# Literal, not bound: the planners only match a partial index against literal predicates.
CLAIMABLE_SQL = sql_text("post_target.status IN ('scheduled', 'retrying')")
_TO_PUBLISHING = moves(CLAIMABLE, S.PUBLISHING)
_TO_MISSED = moves(CLAIMABLE, S.NEEDS_ATTENTION)
_RELEASE = moves((S.PUBLISHING,), S.SCHEDULED) + moves((S.PUBLISHING,), S.RETRYING)
_TO_UNKNOWN = moves((S.PUBLISHING,), S.NEEDS_ATTENTION)
assert set(_TO_PUBLISHING) == {"scheduled", "retrying"}, "CLAIMABLE_SQL must match CLAIMABLE"


@dataclass(frozen=True)
class Caps:
    """Per-platform limits read from configuration (see Settings)."""

    concurrency: dict[str, int]  # targets in flight per platform, across all workers
    daily: dict[str, int]  # posts per live account per rolling 24 hours

    @property
    def any(self) -> bool:
        return bool(self.concurrency or self.daily)


NO_CAPS = Caps({}, {})


def claim_due(
    session: Session,
    worker_id: str,
    now: datetime,
    limit: int,
    lease_seconds: int,
    *,
    grace: timedelta | None = None,
    caps: Caps = NO_CAPS,
) -> list[int]:
    """Move up to `limit` due targets to publishing under this worker's lease; their ids.

    Targets later than `grace` are left for the sweep (never sent stale); targets of a
    paused or disconnected account wait; platform caps hold back what would exceed them.
    """
    if limit <= 0:
        return []
    if caps.any and session.get_bind().dialect.name == "postgresql":
        session.execute(sql_text("SELECT pg_advisory_xact_lock(:k)"), {"k": CLAIM_LOCK})
    room = _platform_room(session, caps)
    quota, blocked = _daily_quota(session, now, caps)
    if blocked:
        _defer_over_quota(session, now, blocked, caps)
    query = due_query(
        now,
        limit,
        grace=grace,
        skip_platforms=[p for p, r in room.items() if r <= 0],
        skip_accounts=list(blocked),
    )
    chosen = []
    for target_id, platform, account_id in session.execute(query):
        if platform in room:
            if room[platform] <= 0:
                continue
            room[platform] -= 1
        if account_id in quota:
            if quota[account_id] <= 0:
                continue
            quota[account_id] -= 1
        chosen.append(target_id)
    if not chosen:
        return []
    stmt = (
        update(PostTarget)
        .where(col(PostTarget.id).in_(chosen))
        .where(col(PostTarget.status).in_(_TO_PUBLISHING))
        .values(
            status=S.PUBLISHING.value,
            lease_owner=worker_id,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
            send_started_at=None,
            updated_at=now,
        )
        .returning(PostTarget.id)
    )
    return sorted(row[0] for row in session.execute(stmt))


def due_query(
    now: datetime,
    limit: int,
    *,
    grace: timedelta | None = None,
    skip_platforms: list[str] | None = None,
    skip_accounts: list[int] | None = None,
    lock: bool = True,
) -> Select:
    """The rows a claim locks: due, claimable, account active, soonest first.

    Kept apart so the benchmark can show its query plan (an index scan on
    ix_post_target_claimable that stops after `limit` rows). `lock=False` for a look
    inside a read scope (PostgreSQL refuses FOR UPDATE in a read-only transaction).
    """
    active = select(Account.id).where(
        Account.status == AccountStatus.ACTIVE, col(Account.paused).is_(False)
    )
    query = (
        select(PostTarget.id, PostTarget.platform, PostTarget.account_id)
        .where(CLAIMABLE_SQL)
        .where(col(PostTarget.due_at) <= now)
        .where(
            or_(col(PostTarget.next_attempt_at).is_(None), col(PostTarget.next_attempt_at) <= now)
        )
        .where(col(PostTarget.account_id).in_(active))
    )
    if grace is not None:
        query = query.where(
            func.coalesce(PostTarget.next_attempt_at, PostTarget.due_at) >= now - grace
        )
    if skip_platforms:
        query = query.where(col(PostTarget.platform).not_in(skip_platforms))
    if skip_accounts:
        query = query.where(col(PostTarget.account_id).not_in(skip_accounts))
    query = query.order_by(PostTarget.due_at, PostTarget.id).limit(limit)
    return query.with_for_update(skip_locked=True) if lock else query


# Looks for work, run in a read scope before the matching write: an idle worker's pass
# then reads a few index entries instead of queueing for SQLite's write lock four times.
def any_due(session: Session, now: datetime, grace: timedelta | None = None) -> bool:
    """Whether a claim could find something (caps aside: the claim itself applies them)."""
    return session.execute(due_query(now, 1, grace=grace, lock=False)).first() is not None


def any_expired(session: Session, now: datetime) -> bool:
    """Whether some lease ran out (what `recover_expired` would take over)."""
    return session.execute(_expired(now).limit(1)).first() is not None


def any_missed(session: Session, now: datetime, grace: timedelta) -> bool:
    """Whether some target is past its grace period (what `sweep_missed` would flag)."""
    return session.execute(_missed(now, grace).limit(1)).first() is not None


def any_to_reconcile(session: Session, now: datetime, max_checks: int) -> bool:
    """Whether an unknown outcome is due for another question (what `claim_reconcile` takes)."""
    return session.execute(_to_reconcile(now, max_checks).limit(1)).first() is not None


def _expired(now: datetime, what=PostTarget.id) -> Select:
    return (
        select(what)
        .where(col(PostTarget.status).in_(_TO_UNKNOWN))
        .where(col(PostTarget.lease_expires_at) < now)
    )


def _missed(now: datetime, grace: timedelta, what=PostTarget.id) -> Select:
    cutoff = now - grace
    return (
        select(what)
        .where(CLAIMABLE_SQL)
        .where(col(PostTarget.due_at) < cutoff)
        .where(func.coalesce(PostTarget.next_attempt_at, PostTarget.due_at) < cutoff)
    )


def _to_reconcile(now: datetime, max_checks: int) -> Select:
    return (
        select(PostTarget.id)
        .where(PostTarget.status == S.NEEDS_ATTENTION.value)
        .where(PostTarget.error_kind == OutcomeUnknown.kind)
        .where(PostTarget.reconcile_checks < max_checks)
        .where(
            or_(
                col(PostTarget.next_attempt_at).is_(None),
                col(PostTarget.next_attempt_at) <= now,
            )
        )
    )


def _platform_room(session: Session, caps: Caps) -> dict[str, int]:
    """How many more targets of each capped platform may be put in flight now."""
    if not caps.concurrency:
        return {}
    inflight = dict(
        session.execute(
            select(PostTarget.platform, func.count())
            .where(PostTarget.status == S.PUBLISHING.value)
            .where(col(PostTarget.platform).in_(list(caps.concurrency)))
            .group_by(PostTarget.platform)
        ).all()
    )
    return {p: cap - inflight.get(p, 0) for p, cap in caps.concurrency.items()}


def _daily_quota(
    session: Session, now: datetime, caps: Caps
) -> tuple[dict[int, int], dict[int, datetime]]:
    """Posts left today per capped live account, and when the exhausted ones free up."""
    if not caps.daily:
        return {}, {}
    accounts = session.execute(
        select(Account.id, Account.platform)
        .where(col(Account.platform).in_(list(caps.daily)))
        .where(col(Account.is_sandbox).is_(False))
    ).all()
    if not accounts:
        return {}, {}
    window = now - timedelta(hours=24)
    used = {
        account_id: (count, oldest)
        for account_id, count, oldest in session.execute(
            select(PostTarget.account_id, func.count(), func.min(PostTarget.published_at))
            .where(col(PostTarget.account_id).in_([a for a, _ in accounts]))
            .where(
                or_(
                    (PostTarget.status == S.PUBLISHED.value)
                    & (col(PostTarget.published_at) >= window),
                    PostTarget.status == S.PUBLISHING.value,
                )
            )
            .group_by(PostTarget.account_id)
        ).all()
    }
    quota: dict[int, int] = {}
    blocked: dict[int, datetime] = {}
    for account_id, platform in accounts:
        count, oldest = used.get(account_id, (0, None))
        quota[account_id] = caps.daily[platform] - count
        if quota[account_id] <= 0:
            # The window frees up when its oldest post turns 24 hours old.
            oldest = oldest.replace(tzinfo=now.tzinfo) if oldest and not oldest.tzinfo else oldest
            blocked[account_id] = (
                (oldest + timedelta(hours=24)) if oldest else now + timedelta(minutes=5)
            )
    return quota, blocked


def _defer_over_quota(
    session: Session, now: datetime, blocked: dict[int, datetime], caps: Caps
) -> None:
    """Due targets of accounts at their daily cap wait for the window, and people are told."""
    for account_id, until in blocked.items():
        rows = session.execute(
            select(PostTarget)
            .where(CLAIMABLE_SQL)
            .where(PostTarget.account_id == account_id)
            .where(col(PostTarget.due_at) <= now)
            .where(
                or_(
                    col(PostTarget.next_attempt_at).is_(None),
                    col(PostTarget.next_attempt_at) <= now,
                )
            )
            .with_for_update(skip_locked=True)
        ).scalars()
        account = session.get(Account, account_id)
        for target in rows:
            if target.error_kind != "quota":
                notify(
                    session,
                    "notify.quota",
                    target=target,
                    account=account.name if account else "",
                    cap=caps.daily.get(target.platform, 0),
                    next_at=until,
                )
            target.next_attempt_at = until
            target.error_kind = "quota"
            target.last_error = f"daily cap reached; waits until {until.isoformat()}"
            target.updated_at = now


def release(session: Session, target_id: int, worker_id: str) -> bool:
    """Give back a claimed target whose send never started (shutdown, paused account)."""
    stmt = (
        update(PostTarget)
        .where(PostTarget.id == target_id)
        .where(PostTarget.status == S.PUBLISHING.value)
        .where(PostTarget.lease_owner == worker_id)
        .where(col(PostTarget.send_started_at).is_(None))
        .values(
            status=case((PostTarget.attempts > 0, S.RETRYING.value), else_=S.SCHEDULED.value),
            lease_owner=None,
            lease_expires_at=None,
        )
    )
    return session.execute(stmt).rowcount == 1


def recover_expired(session: Session, now: datetime, limit: int = 500) -> tuple[int, int, set[int]]:
    """Targets whose lease ran out: (released unsent, flagged unknown, their post ids).

    No send started: the worker died before calling the platform, so it is safe to queue
    again. A send started: it may have arrived, so it is never resent blindly; it goes to
    needs_attention and is reconciled with the platform.
    """
    rows = (
        session.execute(
            _expired(now, PostTarget)
            .order_by(PostTarget.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    released = flagged = 0
    for target in rows:
        owner = target.lease_owner or "?"
        target.lease_owner = None
        target.lease_expires_at = None
        target.updated_at = now
        if target.send_started_at is None:
            target.status = (S.RETRYING if target.attempts else S.SCHEDULED).value
            released += 1
            continue
        message = f"worker {owner} stopped during the publish call"
        for attempt in session.execute(
            select(PublishAttempt)
            .where(PublishAttempt.target_id == target.id)
            .where(PublishAttempt.outcome == "started")
        ).scalars():
            attempt.outcome = "unknown"
            attempt.finished_at = now
            attempt.error_kind = OutcomeUnknown.kind
            attempt.error_message = message
        target.status = S.NEEDS_ATTENTION.value
        target.send_started_at = None
        target.next_attempt_at = None
        target.reconcile_checks = 0
        target.error_kind = OutcomeUnknown.kind
        target.last_error = message
        account = session.get(Account, target.account_id)
        notify(
            session,
            "notify.unknown",
            target=target,
            account=account.name if account else "",
            kind=OutcomeUnknown.kind,
            detail=message,
        )
        flagged += 1
    return released, flagged, {t.post_id for t in rows}


def sweep_missed(
    session: Session, now: datetime, grace: timedelta, limit: int = 500
) -> dict[int, int]:
    """Flag targets that should have gone out more than `grace` ago; never silently.

    They go to needs_attention (kind 'missed'), where a person sends them now or drops them.
    Returns {target id: post id}; the caller refreshes those posts' summary status.
    """
    rows = (
        session.execute(
            _missed(now, grace, PostTarget)
            .order_by(PostTarget.due_at, PostTarget.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    for target in rows:
        if target.status not in _TO_MISSED:
            continue
        account = session.get(Account, target.account_id)
        target.status = S.NEEDS_ATTENTION.value
        target.error_kind = "missed"
        target.last_error = f"not sent within {int(grace.total_seconds() // 60)} min of its time"
        target.next_attempt_at = None
        target.updated_at = now
        notify(
            session,
            "notify.missed",
            target=target,
            account=account.name if account else "",
            due_at=target.due_at,
            minutes=int(grace.total_seconds() // 60),
        )
    return {t.id: t.post_id for t in rows}


def claim_reconcile(session: Session, now: datetime, max_checks: int, limit: int = 20) -> list[int]:
    """Unknown-outcome targets due for another 'does it exist?' question; reserved briefly."""
    ids = list(
        session.execute(
            _to_reconcile(now, max_checks)
            .order_by(PostTarget.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).scalars()
    )
    if ids:
        session.execute(
            update(PostTarget)
            .where(col(PostTarget.id).in_(ids))
            .values(next_attempt_at=now + timedelta(minutes=2))
        )
    return ids


def relaxed_commit(session: Session) -> None:
    """PostgreSQL: this transaction need not wait for its WAL flush.

    Only for the claim and the record. The start (attempt row, send_started_at) always
    commits synchronously, and a synchronous commit flushes all earlier WAL, so a server
    crash can lose at most a claim nobody started (the target is simply due again) or a
    recorded outcome (the target falls back to "started", recovery flags it and
    reconciliation finds the post): never a reason to send twice.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql_text("SET LOCAL synchronous_commit TO OFF"))


def refresh_statistics(session: Session) -> None:
    """SQLite only: ANALYZE the queue table, so its planner walks ix_post_target_claimable.

    Without statistics SQLite may pick the (status, due_at) index and sort every due row,
    which after a long downtime is slow; PostgreSQL keeps its statistics by itself.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql_text("ANALYZE post_target"))
