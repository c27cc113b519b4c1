"""A person's decisions on a target that needs attention or failed: send again, drop,
or confirm it was published. Each is one click in the app and one command in the CLI."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from planner.lifecycle import S, lock_post, moves, refresh_post_status
from planner.models import Post, PostTarget, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.scheduling import guarded, refusal, requeue_values


def _one_target(session: Session, target_id: int, actor: Actor, action: Action) -> PostTarget:
    """The target, its post locked, after checking `actor` may do `action` to that post."""
    target = session.get(PostTarget, target_id)
    if target is None:
        raise refusal("no_target", target_id=target_id)
    post = session.get(Post, target.post_id)
    owner = post.author_id if post else None
    check(session, actor, action, ("target", target_id), owner_id=owner, owned=True)
    lock_post(session, target.post_id)
    return target


def resend_target(
    session: Session, target_id: int, *, actor: Actor, now: datetime | None = None
) -> None:
    """A person's 'send again' for a target that needs attention or failed: due now.

    After an unknown outcome the worker still asks the platform first, so a post that did
    arrive after all is marked published instead of sent twice.
    """
    now = now or utcnow()
    target = _one_target(session, target_id, actor, Action.RETRY_POST)
    verify = target.error_kind == "unknown" or target.verify_before_send
    values = requeue_values(now) | {"verify_before_send": verify, "reconcile_checks": 0}
    if not guarded(session, target_id, moves((S.NEEDS_ATTENTION, S.FAILED), S.SCHEDULED), **values):
        raise refusal("not_resendable", target_id=target_id, status=target.status)
    audit.record(session, actor, "post.retry", ("target", target_id), post_id=target.post_id)
    session.expire_all()
    refresh_post_status(session, target.post_id)


def drop_target(session: Session, target_id: int, *, actor: Actor, by: str = "") -> None:
    """A person's 'do not send' for a target that needs attention or failed."""
    target = _one_target(session, target_id, actor, Action.CANCEL_POST)
    if not guarded(
        session,
        target_id,
        moves((S.NEEDS_ATTENTION, S.FAILED), S.CANCELLED),
        status=S.CANCELLED.value,
        last_error=f"dropped by {by}" if by else "dropped",
    ):
        raise refusal("not_droppable", target_id=target_id, status=target.status)
    audit.record(session, actor, "post.cancel", ("target", target_id), post_id=target.post_id)
    session.expire_all()
    refresh_post_status(session, target.post_id)


def mark_published(
    session: Session, target_id: int, *, actor: Actor, remote_url: str = "", by: str = ""
) -> None:
    """A person saw the post on the platform: record it as published without sending."""
    target = _one_target(session, target_id, actor, Action.RETRY_POST)
    if not guarded(
        session,
        target_id,
        moves((S.NEEDS_ATTENTION,), S.PUBLISHED),
        status=S.PUBLISHED.value,
        remote_url=remote_url or None,
        published_at=target.published_at or utcnow(),
        error_kind=None,
        last_error=f"confirmed published by {by}" if by else "confirmed published",
    ):
        raise refusal("not_attention", target_id=target_id, status=target.status)
    audit.record(
        session,
        actor,
        "post.published",
        ("target", target_id),
        post_id=target.post_id,
        confirmed_by_person=True,
    )
    session.expire_all()
    refresh_post_status(session, target.post_id)
