"""The approval rule every scheduling path obeys, and what an edit does to an approval.

A post whose author's role needs review (planner/people/policy.py) goes into the queue only
once a reviewer approved the version it has now. The review workflow (submit, approve,
request changes, reject) is planner/review/; this module is the part scheduling asks, kept
here so that scheduling need not import the workflow that builds on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from planner.lifecycle import S, moves
from planner.models import Post, PostTarget, User, utcnow
from planner.people.policy import load_policy


class ReviewState:
    """The values of Post.review_state."""

    NONE = ""
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    CHANGES = "changes"
    REJECTED = "rejected"


# An edit after approval pulls every target that has not started sending back to review.
BACK_TO_REVIEW = moves((S.APPROVED, S.SCHEDULED, S.RETRYING, S.PUBLISHING), S.IN_REVIEW)


def author_role(session: Session, post: Post) -> str | None:
    """The role of the post's author today (None for posts made without a signed-in author)."""
    if post.author_id is None:
        return None
    author = session.get(User, post.author_id)
    return author.role if author is not None else None


def needs_approval(session: Session, post: Post) -> bool:
    """Whether the library's policy sends this post through review before it may go out."""
    role = author_role(session, post)
    return role is not None and load_policy(session).needs_review(role)


def is_approved(post: Post) -> bool:
    """Approved at the version the post has now (an edit since then makes it stale)."""
    return post.review_state == ReviewState.APPROVED and post.approved_version == post.version


def refusal_code(session: Session, post: Post) -> str | None:
    """Why `post` may not be scheduled yet (a 'scheduling.error.<code>' key), or None."""
    if not needs_approval(session, post) or is_approved(post):
        return None
    if post.review_state == ReviewState.IN_REVIEW:
        return "awaiting_review"
    if post.review_state == ReviewState.REJECTED:
        return "rejected"
    return "needs_review"


def after_edit(
    session: Session, post: Post, *, rescheduled: bool = False, now: datetime | None = None
) -> str | None:
    """Apply the policy to an edit of `post` (its version already bumped).

    An approved post goes back to review (with its unsent targets) when the library says an
    edit resets approval, else the approval carries over to the new version. Returns the
    refusal code when the edit would put a post that is not approved into the queue.
    """
    if post.review_state == ReviewState.APPROVED and needs_approval(session, post):
        if load_policy(session).edit_resets_approval:
            send_back(session, post, now=now)
            return None  # nothing of it is queued any more: a new time waits for the review
        post.approved_version = post.version
        session.add(post)
    return refusal_code(session, post) if rescheduled else None


def send_back(session: Session, post: Post, *, now: datetime | None = None) -> list[int]:
    """Put the post and its unsent targets back in review; returns the targets moved."""
    now = now or utcnow()
    post.review_state = ReviewState.IN_REVIEW
    post.submitted_at = now
    post.approved_version = None
    session.add(post)
    moved = session.execute(
        update(PostTarget)
        .where(PostTarget.post_id == post.id)
        .where(col(PostTarget.status).in_(BACK_TO_REVIEW))
        .where(col(PostTarget.send_started_at).is_(None))
        .values(
            status=S.IN_REVIEW.value,
            lease_owner=None,
            lease_expires_at=None,
            next_attempt_at=None,
            updated_at=now,
        )
        .returning(PostTarget.id)
    )
    return [row[0] for row in moved]
