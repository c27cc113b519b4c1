"""Scheduling: the post lifecycle, creating scheduled posts, the queue, cancelling.

Every status change of a post target goes through `transition`, so an illegal move (say,
from published back to scheduled) is refused in one place whatever code asks for it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from planner.accounts import publishing_problems
from planner.models import Account, AccountStatus, Post, PostStatus, PostTarget, utcnow
from planner.validation import validate

S = PostStatus
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.CANCELLED},
    S.IN_REVIEW: {S.DRAFT, S.APPROVED, S.CANCELLED},
    S.APPROVED: {S.DRAFT, S.SCHEDULED, S.CANCELLED},
    S.SCHEDULED: {S.DRAFT, S.PUBLISHING, S.CANCELLED, S.SCHEDULED},
    S.PUBLISHING: {S.PUBLISHED, S.RETRYING, S.FAILED, S.NEEDS_ATTENTION, S.CANCELLED},
    S.RETRYING: {S.PUBLISHING, S.CANCELLED, S.FAILED, S.SCHEDULED},
    S.NEEDS_ATTENTION: {S.PUBLISHED, S.SCHEDULED, S.CANCELLED},
    S.FAILED: {S.SCHEDULED, S.CANCELLED},
    S.PUBLISHED: set(),
    S.CANCELLED: {S.DRAFT},
}
OPEN_STATUSES = (S.SCHEDULED, S.RETRYING, S.PUBLISHING, S.NEEDS_ATTENTION)


class IllegalTransition(ValueError):
    """A status change the lifecycle does not allow."""


class SchedulingError(ValueError):
    """A post that cannot be scheduled as asked; the message says why."""


class PastTimeError(SchedulingError):
    """The chosen time has passed: the caller should ask 'publish now?' instead."""


def transition(target: PostTarget, new: str) -> None:
    """Move `target` to `new`, or raise IllegalTransition."""
    if new not in TRANSITIONS.get(target.status, set()):
        raise IllegalTransition(f"target {target.id}: {target.status} → {new} is not allowed")
    target.status = new
    target.updated_at = utcnow()


def local_to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A wall-clock date and time in the library's zone, as an aware UTC-comparable datetime."""
    return datetime.combine(day, at).replace(tzinfo=tz)


class PostCreate(BaseModel):
    """What a person (or an import row) supplies to schedule a post."""

    title: str = ""
    texts: dict[str, str]  # platform -> text
    account_ids: list[int] = Field(min_length=1)
    due_at: datetime
    media_asset_id: int | None = None
    alt_text: str = ""
    link: str = ""
    template_id: str | None = None
    event_id: int | None = None
    item_id: int | None = None
    author: str = ""


def schedule_post(
    session: Session, *, data: PostCreate, now: datetime | None = None, publish_now: bool = False
) -> Post:
    """Create a post with one scheduled target per account, after validating each text."""
    now = now or utcnow()
    due = data.due_at
    if due.tzinfo is None:
        raise SchedulingError("the publish time needs a time zone")
    if due < now:
        if not publish_now:
            raise PastTimeError("that time has already passed; publish now instead?")
        due = now
    accounts = [session.get(Account, account_id) for account_id in data.account_ids]
    problems: list[str] = []
    for account_id, account in zip(data.account_ids, accounts, strict=True):
        if account is None:
            problems.append(f"no account with id {account_id}")
            continue
        if account.status != AccountStatus.ACTIVE:
            problems.append(f"{account.name}: {account.status_reason or account.status}")
        problems += publishing_problems(session, account, data.media_asset_id)
        text = data.texts.get(account.platform)
        if text is None:
            problems.append(f"{account.name}: no text for {account.platform}")
            continue
        result = validate(
            account.platform,
            text,
            image_count=1 if data.media_asset_id else 0,
            alt_texts=[data.alt_text] if data.media_asset_id else [],
        )
        problems += [f"{account.name}: {p.text('en')}" for p in result.errors]
    if problems:
        raise SchedulingError("; ".join(problems))
    post = Post(
        title=data.title,
        template_id=data.template_id,
        event_id=data.event_id,
        item_id=data.item_id,
        author=data.author,
        media_asset_id=data.media_asset_id,
        alt_text=data.alt_text,
        link=data.link,
        status=S.SCHEDULED,
    )
    session.add(post)
    session.flush()
    for account in accounts:
        assert account is not None
        session.add(
            PostTarget(
                post_id=post.id,
                account_id=account.id,
                platform=account.platform,
                text=data.texts[account.platform],
                media_ids=[data.media_asset_id] if data.media_asset_id else [],
                alt_text=data.alt_text,
                status=S.SCHEDULED,
                due_at=due,
                content_version=post.version,
            )
        )
    session.flush()
    return post


def cancel_post(session: Session, post_id: int) -> list[PostTarget]:
    """Cancel every target of the post that has not gone out; returns the cancelled ones."""
    post = session.get(Post, post_id)
    if post is None:
        raise SchedulingError(f"no post with id {post_id}")
    cancelled = []
    targets = session.exec(select(PostTarget).where(PostTarget.post_id == post_id)).all()
    for target in targets:
        if S.CANCELLED in TRANSITIONS.get(target.status, set()):
            transition(target, S.CANCELLED)
            target.lease_owner = None
            cancelled.append(target)
    if not cancelled and not any(t.status == S.CANCELLED for t in targets):
        raise SchedulingError(f"post {post_id} has already been published and cannot be cancelled")
    post.status = S.CANCELLED
    post.version += 1
    post.updated_at = utcnow()
    session.flush()
    return cancelled


def upcoming(session: Session, limit: int = 50) -> list[tuple[PostTarget, Post, Account]]:
    """The next targets due, soonest first (what the queue view and `planner queue` show)."""
    query = (
        select(PostTarget, Post, Account)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(col(PostTarget.status).in_([s.value for s in OPEN_STATUSES]))
        .order_by(PostTarget.due_at)
        .limit(limit)
    )
    return list(session.exec(query))


def recent(session: Session, limit: int = 20) -> list[tuple[PostTarget, Post, Account]]:
    """Targets that have finished (published, failed or cancelled), latest first."""
    query = (
        select(PostTarget, Post, Account)
        .join(Post, Post.id == PostTarget.post_id)
        .join(Account, Account.id == PostTarget.account_id)
        .where(col(PostTarget.status).in_([S.PUBLISHED, S.FAILED, S.CANCELLED]))
        .order_by(col(PostTarget.updated_at).desc())
        .limit(limit)
    )
    return list(session.exec(query))
