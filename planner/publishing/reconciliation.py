"""Reconciliation: ask the platform whether a post with an unknown outcome exists.

After a timeout or a crash mid-call nobody knows whether the post went out. It is never
resent blindly: the platform is asked (`find_existing`), right away and again after 1, 5
and 30 minutes; a post found is marked published, one never found is left to a person.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session

from planner.db import read_scope, session_scope
from planner.lifecycle import lock_post, refresh_post_status
from planner.models import Account, Post, PostStatus, PostTarget, PublishAttempt
from planner.notify import notify
from planner.people import audit
from planner.people.actors import SYSTEM
from planner.platforms.base import RemoteRef
from planner.publishing.claims import any_to_reconcile, claim_reconcile
from planner.publishing.context import WorkerContext
from planner.publishing.results import PassResult
from planner.publishing.starting import build_request

log = logging.getLogger(__name__)
S = PostStatus
RECONCILE_BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


def reconcile(ctx: WorkerContext, result: PassResult) -> None:
    """Ask the platform whether unknown-outcome posts exist; mark found ones published."""
    now = ctx.clock()
    with read_scope() as session:
        if not any_to_reconcile(session, now, ctx.settings.reconcile_checks):
            return
    with session_scope() as session:
        ids = claim_reconcile(session, now, ctx.settings.reconcile_checks)
    for target_id in ids:
        with session_scope() as session:
            target = session.get(PostTarget, target_id)
            post = session.get(Post, target.post_id)
            account = session.get(Account, target.account_id)
            request = build_request(session, target, post)
        try:
            ref = ctx.platforms(account).find_existing(request)
        except Exception as exc:  # the question failed; ask again later
            log.warning("reconciling target %s failed: %s", target_id, exc)
            ref = None
        with session_scope() as session:
            lock_post(session, post.id)
            if ref is not None and mark_found(session, target_id, ref, now, ctx.worker_id):
                result.add(reconciled=1)
                continue
            _ask_again_later(ctx, session, target_id, account.name, now)


def _ask_again_later(
    ctx: WorkerContext, session: Session, target_id: int, account: str, now: datetime
) -> None:
    """Not found (yet): back off, and tell people once the checks are used up."""
    target = session.get(PostTarget, target_id)
    if target is None or target.status != S.NEEDS_ATTENTION:
        return
    target.reconcile_checks += 1
    step = min(target.reconcile_checks, len(RECONCILE_BACKOFF)) - 1
    target.next_attempt_at = now + RECONCILE_BACKOFF[step]
    if target.reconcile_checks >= ctx.settings.reconcile_checks:
        notify(
            session,
            "notify.unconfirmed",
            target=target,
            account=account,
            checks=target.reconcile_checks,
        )


def mark_found(
    session: Session, target_id: int, ref: RemoteRef, now: datetime, worker_id: str
) -> bool:
    """Record a target found on the platform as published (False if it moved meanwhile)."""
    changed = session.execute(
        update(PostTarget)
        .where(PostTarget.id == target_id)
        .where(PostTarget.status == S.NEEDS_ATTENTION.value)
        .values(
            status=S.PUBLISHED.value,
            remote_id=ref.remote_id,
            remote_url=ref.url,
            published_at=ref.published_at or now,
            next_attempt_at=None,
            error_kind=None,
            last_error="found on the platform after an unclear outcome",
            updated_at=now,
        )
    ).rowcount
    if changed != 1:
        return False
    target = session.get(PostTarget, target_id)
    session.add(
        PublishAttempt(
            target_id=target_id,
            worker_id=worker_id,
            platform=target.platform,
            started_at=now,
            finished_at=now,
            outcome="found",
            remote_id=ref.remote_id,
        )
    )
    notify(session, "notify.reconciled", level="info", target=target)
    audit.record(
        session,
        SYSTEM,
        "post.published",
        ("target", target_id),
        post_id=target.post_id,
        remote_id=ref.remote_id,
        found=True,
    )
    session.flush()
    refresh_post_status(session, target.post_id)
    return True
