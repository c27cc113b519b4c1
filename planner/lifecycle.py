"""The post lifecycle, enforced in one place, and each post's summary status.

Every status change of a post target is checked against `TRANSITIONS`: a single-row change
goes through `transition`, and every set-based change (the worker's claim, the sweep, an
edit racing a worker) names its source states through `moves`, which refuses an illegal
move when the module that declares it is imported, not when the bad row turns up.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from planner.models import Post, PostStatus, PostTarget, utcnow

S = PostStatus
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.CANCELLED},
    S.IN_REVIEW: {S.DRAFT, S.APPROVED, S.CANCELLED},
    # approved/scheduled/retrying/publishing → in_review: an edit after approval sends the
    # post back to review (planner/people/approval.py), a send not yet started included.
    S.APPROVED: {S.DRAFT, S.SCHEDULED, S.CANCELLED, S.IN_REVIEW},
    # scheduled → needs_attention: the sweep found it missed (worker down past the grace).
    S.SCHEDULED: {
        S.DRAFT,
        S.PUBLISHING,
        S.CANCELLED,
        S.SCHEDULED,
        S.NEEDS_ATTENTION,
        S.IN_REVIEW,
    },
    # publishing → scheduled/retrying: released unsent (shutdown, edit, account paused).
    S.PUBLISHING: {
        S.PUBLISHED,
        S.RETRYING,
        S.FAILED,
        S.NEEDS_ATTENTION,
        S.CANCELLED,
        S.SCHEDULED,
        S.IN_REVIEW,
    },
    S.RETRYING: {
        S.PUBLISHING,
        S.CANCELLED,
        S.FAILED,
        S.SCHEDULED,
        S.NEEDS_ATTENTION,
        S.IN_REVIEW,
    },
    S.NEEDS_ATTENTION: {S.PUBLISHED, S.SCHEDULED, S.CANCELLED},
    S.FAILED: {S.SCHEDULED, S.CANCELLED},
    S.PUBLISHED: set(),
    S.CANCELLED: {S.DRAFT},
}
OPEN_STATUSES = (S.SCHEDULED, S.RETRYING, S.PUBLISHING, S.NEEDS_ATTENTION)
CLAIMABLE = (S.SCHEDULED, S.RETRYING)


class IllegalTransition(ValueError):
    """A status change the lifecycle does not allow."""


def moves(sources: tuple[str, ...] | list[str], new: str) -> list[str]:
    """The source states of a set-based change to `new`, each checked against TRANSITIONS."""
    bad = [s for s in sources if new not in TRANSITIONS.get(s, set())]
    if bad:
        raise IllegalTransition(f"{', '.join(bad)} → {new} is not allowed")
    return [str(s) for s in sources]


def transition(target: PostTarget, new: str) -> None:
    """Move `target` to `new`, or raise IllegalTransition."""
    if new not in TRANSITIONS.get(target.status, set()):
        raise IllegalTransition(f"target {target.id}: {target.status} → {new} is not allowed")
    target.status = new
    target.updated_at = utcnow()


def lock_post(session: Session, post_id: int) -> Post | None:
    """The post, re-read and row-locked for this transaction (PostgreSQL; SQLite is serial).

    Every change to a post's targets locks the post first, so concurrent changes queue in
    one order (post, then targets) and the post's summary status is computed from what the
    others committed, never from a stale view.
    """
    query = (
        select(Post)
        .where(Post.id == post_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.exec(query).first()


def summary_status(statuses: set[str]) -> str | None:
    """A post's status from its targets': the most urgent open one, else how it ended."""
    for status in (S.NEEDS_ATTENTION, S.FAILED, S.PUBLISHING, S.RETRYING, S.SCHEDULED):
        if status in statuses:
            return status.value
    if statuses == {S.CANCELLED}:
        return S.CANCELLED.value
    if S.PUBLISHED in statuses:
        return S.PUBLISHED.value
    return sorted(statuses)[0] if statuses else None


def lock_posts(session: Session, post_ids: list[int] | set[int]) -> None:
    """Row-lock several posts, in id order so that concurrent lockers never deadlock."""
    session.execute(
        select(Post.id)
        .where(col(Post.id).in_(sorted(post_ids)))
        .order_by(Post.id)
        .with_for_update()
    ).all()


def refresh_posts(
    session: Session, post_ids: list[int] | set[int], *, locked: bool = False
) -> None:
    """Recompute the summary status of several posts from their targets (plain SQL: the
    worker calls this for every batch it records)."""
    if not post_ids:
        return
    session.flush()
    if not locked:
        lock_posts(session, post_ids)
    statuses: dict[int, set[str]] = {}
    for post_id, status in session.execute(
        select(PostTarget.post_id, PostTarget.status).where(col(PostTarget.post_id).in_(post_ids))
    ):
        statuses.setdefault(post_id, set()).add(status)
    by_status: dict[str, list[int]] = {}
    for post_id, found in statuses.items():
        if (status := summary_status(found)) is not None:
            by_status.setdefault(status, []).append(post_id)
    now = utcnow()
    for status, ids in by_status.items():
        session.execute(
            update(Post)
            .where(col(Post.id).in_(ids))
            .values(status=status, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        for post_id in ids:  # keep loaded objects in step with the row
            post = session.identity_map.get(Session.identity_key(Post, post_id))
            if post is not None:
                set_committed_value(post, "status", status)


def refresh_post_status(session: Session, post_id: int) -> None:
    """The post shows 'published' once every target is, else its most urgent target status."""
    refresh_posts(session, [post_id])
