"""Telling reviewers that a post waits for them: by e-mail through planner/notify.py.

Only when the library's policy asks for it (`email_reviewers`); the message goes to the
reviewers' own addresses (their profile's e-mail), not to the failure list NOTIFY_EMAILS.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from planner.models import Notification, Post, Role, User
from planner.notify import notify
from planner.people.approval import author_role
from planner.people.policy import load_policy

REVIEWER_ROLES = (Role.ADMIN.value, Role.MANAGER.value)


def reviewer_addresses(session: Session, post: Post) -> list[str]:
    """E-mail addresses of everyone who may decide on `post` (never its author)."""
    roles = list(REVIEWER_ROLES)
    if author_role(session, post) == Role.TRAINEE.value:
        roles.append(Role.TRAINER.value)  # trainers review trainees' practice posts
    query = (
        select(User.email)
        .where(col(User.role).in_(roles))
        .where(User.active == True)  # noqa: E712 (SQL comparison)
        .where(User.email != "")
        .order_by(User.id)
    )
    if post.author_id is not None:
        query = query.where(User.id != post.author_id)
    return list(dict.fromkeys(session.exec(query)))


def tell_reviewers(session: Session, post: Post, author: str) -> Notification | None:
    """Queue the 'waiting for review' e-mail (sent by the worker's delivery pass), if wanted."""
    if not load_policy(session).email_reviewers:
        return None
    addresses = reviewer_addresses(session, post)
    if not addresses:
        return None
    note = notify(
        session,
        "review.notify.submitted",
        level="info",
        post_id=post.id,
        title=post.title or f"#{post.id}",
        author=author,
        to=addresses,
    )
    # Reviewers asked for this message: PLANNER_NOTIFY_MIN_LEVEL (for failures) does not apply.
    note.delivered_at = None
    return note
