"""Recording the outcomes of finished sends: published, retrying, failed or needs attention.

One transaction records a batch (posts locked in id order, as everywhere). Only an error
that proves nothing was sent is retried; an unclear outcome goes to needs_attention and is
reconciled with the platform, never resent blindly.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, update
from sqlmodel import Session

from planner.accounts import mark_reconnect_needed
from planner.config import Settings
from planner.db import session_scope
from planner.lifecycle import lock_posts, moves, refresh_posts
from planner.models import Account, Post, PostStatus, PostTarget, PublishAttempt
from planner.notify import notify
from planner.people import audit
from planner.people.actors import SYSTEM
from planner.platforms.base import (
    AuthExpired,
    OutcomeUnknown,
    PlatformError,
    RateLimited,
    RemoteRef,
    TransientError,
)
from planner.publishing.claims import relaxed_commit
from planner.publishing.context import WorkerContext
from planner.publishing.results import PassResult
from planner.publishing.starting import StartedSend

log = logging.getLogger(__name__)
S = PostStatus
_RECORD_FROM = moves((S.PUBLISHING, S.NEEDS_ATTENTION), S.PUBLISHED)
Outcome = tuple[StartedSend, RemoteRef | PlatformError]


def record(ctx: WorkerContext, outcomes: list[Outcome], result: PassResult) -> None:
    """Store the outcomes of finished sends, in one transaction (posts locked in order)."""
    if not outcomes:
        return
    now = ctx.clock()
    post_ids = {p.post_id for p, _ in outcomes}
    with session_scope() as session:
        relaxed_commit(session)
        lock_posts(session, post_ids)
        sent = [(p, o) for p, o in outcomes if not isinstance(o, PlatformError)]
        record_sent(session, sent, now)
        result.add(published=len(sent), reconciled=sum(p.found for p, _ in sent))
        for prepared, outcome in outcomes:
            if isinstance(outcome, PlatformError):
                result.add(**{record_failure(ctx, session, prepared, outcome, now): 1})
        refresh_posts(session, post_ids, locked=True)


def record_sent(session: Session, sent: list[tuple[StartedSend, RemoteRef]], now: datetime) -> None:
    """Published: the targets and their attempt rows, two pipelined statements."""
    if not sent:
        return
    table, attempts = PostTarget.__table__, PublishAttempt.__table__
    targets = session.execute(
        update(table)
        .where(table.c.id == bindparam("tid"))
        .where(or_(*(table.c.status == s for s in _RECORD_FROM)))  # no IN: executemany
        .values(
            status=S.PUBLISHED.value,
            remote_id=bindparam("rid"),
            remote_url=bindparam("url"),
            published_at=bindparam("at"),
            lease_owner=None,
            lease_expires_at=None,
            send_started_at=None,
            verify_before_send=False,
            error_kind=None,
            last_error=None,
            updated_at=now,
        ),
        [
            {
                "tid": p.request.target_id,
                "rid": ref.remote_id,
                "url": ref.url,
                "at": ref.published_at or now,
            }
            for p, ref in sent
        ],
    )
    session.execute(
        update(attempts)
        .where(attempts.c.id == bindparam("aid"))
        .values(outcome=bindparam("outcome"), finished_at=now, remote_id=bindparam("rid")),
        [
            {"aid": p.attempt_id, "outcome": "found" if p.found else "sent", "rid": ref.remote_id}
            for p, ref in sent
        ],
    )
    # One audit entry per target that went out: the log answers "who published what".
    for p, ref in sent:
        audit.record(
            session,
            SYSTEM,
            "post.published",
            ("target", p.request.target_id),
            post_id=p.post_id,
            remote_id=ref.remote_id,
        )
    if targets.rowcount == len(sent):
        return
    # Some target had been moved meanwhile (recovered, dropped): it went out anyway.
    for prepared, ref in sent:
        target = session.get(PostTarget, prepared.request.target_id)
        if target is not None and target.status != S.PUBLISHED:
            log.error("target %s went out but had been moved meanwhile", target.id)
            notify(
                session, "notify.sent_anyway", level="error", target=target, remote_id=ref.remote_id
            )


def record_failure(
    ctx: WorkerContext,
    session: Session,
    prepared: StartedSend,
    exc: PlatformError,
    now: datetime,
) -> str:
    """Store the outcome of a failed call; returns the PassResult counter to bump."""
    post = session.get(Post, prepared.post_id)
    target = session.get(PostTarget, prepared.request.target_id)
    attempt = session.get(PublishAttempt, prepared.attempt_id)
    account = session.get(Account, prepared.account.id)
    attempt.finished_at = now
    attempt.error_kind = exc.kind
    attempt.error_message = exc.message
    if target.status != S.PUBLISHING or target.lease_owner != ctx.worker_id:
        # Recovery took it over while we were calling (lease ran out): it already
        # stands at needs_attention; the attempt row keeps what we learned.
        attempt.outcome = "unknown" if isinstance(exc, OutcomeUnknown) else "not_sent"
        return "skipped"
    target.error_kind = exc.kind
    target.last_error = exc.message
    target.lease_owner = None
    target.lease_expires_at = None
    target.send_started_at = None
    target.updated_at = now
    params = {"account": account.name, "kind": exc.kind, "detail": exc.message}
    if isinstance(exc, TransientError) and post.cancelled_at is not None:
        attempt.outcome = "not_sent"
        target.status = S.CANCELLED.value  # nothing went out and nobody wants it now
        return "skipped"
    if isinstance(exc, TransientError) and target.attempts < ctx.settings.max_attempts:
        attempt.outcome = "not_sent"
        target.status = S.RETRYING.value
        target.next_attempt_at = next_attempt(ctx, target.attempts, now, exc)
        return "retrying"
    if isinstance(exc, OutcomeUnknown):
        attempt.outcome = "unknown"
        target.status = S.NEEDS_ATTENTION.value
        target.next_attempt_at = None  # reconciled on the next pass
        target.reconcile_checks = 0
        notify(session, "notify.unknown", target=target, **params)
        _failed(session, prepared, exc, "unknown")
        return "needs_attention"
    attempt.outcome = "not_sent" if isinstance(exc, TransientError) else "failed"
    target.status = S.FAILED.value
    if isinstance(exc, TransientError):
        params["detail"] = f"{exc.message}; gave up after {target.attempts} tries"
    notify(session, "notify.failed", level="error", target=target, **params)
    _failed(session, prepared, exc, "failed")
    if isinstance(exc, AuthExpired):
        mark_reconnect_needed(session, account.id, exc.message)
    return "failed"


def _failed(session: Session, prepared: StartedSend, exc: PlatformError, outcome: str) -> None:
    """The audit entry of a send that did not (or may not have) gone out."""
    audit.record(
        session,
        SYSTEM,
        "post.failed",
        ("target", prepared.request.target_id),
        outcome=outcome,
        post_id=prepared.post_id,
        kind=exc.kind,
    )


def next_attempt(ctx: WorkerContext, attempts: int, now: datetime, exc: PlatformError) -> datetime:
    """When to try again: the platform's reset time, else exponential backoff with jitter."""
    if isinstance(exc, RateLimited) and exc.reset_at is not None:
        return max(exc.reset_at, now) + timedelta(seconds=ctx.rng.uniform(0, 5))
    settings: Settings = ctx.settings
    ceiling = min(
        settings.retry_max_seconds, settings.retry_base_seconds * 2 ** max(attempts - 1, 0)
    )
    return now + timedelta(seconds=ctx.rng.uniform(ceiling / 2, ceiling))
