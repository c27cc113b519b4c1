"""Scheduling: creating, editing, rescheduling, cancelling and deleting posts.

Edits and cancels are conditional updates that lose to a send already under way
(`send_started_at` is set in the same transaction that writes the attempt row), so what
goes out is always the latest version and a cancelled post never goes out. The lifecycle
they obey is planner/lifecycle.py; a person's decisions on a target that needs attention
are in planner/publishing/attention.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from planner.accounts import publishing_problems
from planner.i18n import LOCALES
from planner.lifecycle import S, lock_post, moves, refresh_post_status
from planner.limits import limits_for
from planner.models import (
    Account,
    AccountStatus,
    Notification,
    Post,
    PostTarget,
    PublishAttempt,
    utcnow,
)
from planner.people import approval, audit
from planner.people.actors import Actor
from planner.people.guard import check, check_targets
from planner.people.roles import Action
from planner.scheduling_errors import (
    ConflictError,
    PastTimeError,
    _joined,
    _same,
    _worded,
    refusal,
)
from planner.scheduling_errors import (
    SchedulingError as SchedulingError,  # re-exported: callers import it from here
)
from planner.utm import campaign_label, post_campaign, tag_text
from planner.validation import validate

# Set-based changes used below, checked once at import.
_CANCELLABLE = moves(
    (
        S.DRAFT,
        S.IN_REVIEW,
        S.APPROVED,
        S.SCHEDULED,
        S.RETRYING,
        S.PUBLISHING,
        S.FAILED,
        S.NEEDS_ATTENTION,
    ),
    S.CANCELLED,
)
# approved: a reviewed post whose time had passed (or had none) gets its time here.
_RESCHEDULABLE = moves(
    (S.SCHEDULED, S.RETRYING, S.PUBLISHING, S.FAILED, S.NEEDS_ATTENTION, S.APPROVED), S.SCHEDULED
)
_EDITABLE = [*_RESCHEDULABLE, *moves((S.DRAFT, S.APPROVED), S.SCHEDULED)]


def local_to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A wall-clock date and time in the library's zone, as an aware UTC-comparable datetime."""
    return datetime.combine(day, at).replace(tzinfo=tz)


def resolve_due(due: datetime, now: datetime, publish_now: bool) -> datetime:
    """`due`, or now when the person confirmed 'publish now?' for a time that has passed."""
    if due.tzinfo is None:
        raise refusal("no_zone")
    # A minute's slack: a time picked "for now" in a form is a few seconds old on submit.
    if due < now - timedelta(minutes=1):
        if not publish_now:
            raise refusal("past", PastTimeError)
        return now
    return max(due, now) if publish_now else due


class PostCreate(BaseModel):
    """What a person (or an import row) supplies to schedule a post."""

    title: str = ""
    texts: dict[str, str]  # platform -> text
    account_ids: list[int] = Field(min_length=1)
    due_at: datetime | None = None
    # Per-account times (e.g. each account's next free slot); overrides due_at for those.
    due_by_account: dict[int, datetime] = Field(default_factory=dict)
    media_asset_id: int | None = None
    alt_text: str = ""
    link: str = ""
    template_id: str | None = None
    event_id: int | None = None
    item_id: int | None = None
    campaign_id: int | None = None
    series_id: int | None = None
    author: str = ""
    # Used only when the system acts for someone (a series' posts belong to its creator).
    author_id: int | None = None
    import_key: str | None = None
    # X text over 280 characters goes out as a thread instead of being refused.
    x_thread: bool = False


class PostUpdate(BaseModel):
    """An edit of a scheduled post; fields left out stay as they are."""

    title: str | None = None
    texts: dict[str, str] | None = None
    alt_text: str | None = None
    link: str | None = None
    media_asset_id: int | None = None
    due_at: datetime | None = None


@dataclass
class ChangeResult:
    """Which targets an edit, reschedule or cancel changed, and which were already too late."""

    post_id: int
    changed: list[int] = field(default_factory=list)
    too_late: list[int] = field(default_factory=list)  # being sent or already sent

    def __len__(self) -> int:
        return len(self.changed)


def check_post(session: Session, data: PostCreate) -> tuple[list[Account], list[dict[str, str]]]:
    """The accounts of `data` and every problem with it (in every language); writes nothing."""
    accounts: list[Account] = []
    problems: list[dict[str, str]] = []
    campaign = campaign_label(session, data.campaign_id, data.template_id)
    for account_id in data.account_ids:
        account = session.get(Account, account_id)
        if account is None:
            problems.append(_worded("no_account", account_id=account_id))
            continue
        accounts.append(account)
        if account.status != AccountStatus.ACTIVE:
            reason = account.status_reason or account.status
            problems.append(_worded("account_unusable", account=account.name, reason=reason))
        problems += [_same(p) for p in publishing_problems(session, account, data.media_asset_id)]
        text = data.texts.get(account.platform)
        if text is None:
            problems.append(_worded("no_text", account=account.name, platform=account.platform))
            continue
        problems += _text_problems(
            account,
            text,
            data.media_asset_id,
            data.alt_text,
            thread=data.x_thread,
            campaign=campaign,
        )
    return accounts, problems


def _text_problems(
    account: Account,
    text: str,
    media_id: int | None,
    alt: str,
    *,
    thread: bool = False,
    campaign: str | None = None,
) -> list[dict[str, str]]:
    """The text's problems as it will go out: with its links UTM-tagged (longer)."""
    result = validate(
        account.platform,
        tag_text(text, platform=account.platform, campaign=campaign),
        thread=thread,
        image_count=1 if media_id else 0,
        alt_texts=[alt] if media_id else [],
    )
    return [{loc: f"{account.name}: {p.text(loc)}" for loc in LOCALES} for p in result.errors]


def schedule_post(
    session: Session,
    *,
    actor: Actor,
    data: PostCreate,
    now: datetime | None = None,
    publish_now: bool = False,
) -> Post:
    """Create a post with one scheduled target per account, after validating each text.

    A time in the past raises PastTimeError unless `publish_now` (the person confirmed).
    The actor becomes the author; a trainee's live account is refused before anything.
    """
    known = [a for a in (session.get(Account, i) for i in data.account_ids) if a is not None]
    check_targets(session, actor, Action.SCHEDULE_POST, known, ("post", None))
    now = now or utcnow()
    dues = {}
    for account_id in data.account_ids:
        due = data.due_by_account.get(account_id) or data.due_at
        if due is None:
            raise refusal("no_time")
        dues[account_id] = resolve_due(due, now, publish_now)
    accounts, problems = check_post(session, data)
    if problems:
        raise _joined(problems)
    post = Post(
        title=data.title,
        template_id=data.template_id,
        event_id=data.event_id,
        item_id=data.item_id,
        campaign_id=data.campaign_id,
        series_id=data.series_id,
        author=data.author or (actor.name if not actor.is_system else ""),
        author_id=actor.id if actor.id is not None else data.author_id,
        media_asset_id=data.media_asset_id,
        alt_text=data.alt_text,
        link=data.link,
        import_key=data.import_key,
        status=S.SCHEDULED,
    )
    session.add(post)
    session.flush()
    for account in accounts:
        session.add(
            PostTarget(
                post_id=post.id,
                account_id=account.id,
                platform=account.platform,
                text=data.texts[account.platform],
                media_ids=[data.media_asset_id] if data.media_asset_id else [],
                alt_text=data.alt_text,
                status=S.SCHEDULED,
                due_at=dues[account.id],
                content_version=post.version,
                as_thread=data.x_thread and limits_for(account.platform).threads,
            )
        )
    session.flush()
    if code := approval.refusal_code(session, post):
        raise refusal(code)
    audit.record(
        session,
        actor,
        "post.schedule",
        ("post", post.id),
        accounts=[a.id for a in accounts],
        due=min(dues.values()),
    )
    return post


def _post(
    session: Session,
    post_id: int,
    expected_version: int | None = None,
    *,
    actor: Actor,
    action: Action,
) -> Post:
    """The post, locked, after checking `actor` may do `action` to it (OWN: theirs only)."""
    post = session.get(Post, post_id)
    if post is None:
        raise refusal("no_post", post_id=post_id)
    check(session, actor, action, ("post", post_id), owner_id=post.author_id, owned=True)
    post = lock_post(session, post_id)
    if post is None:
        raise refusal("no_post", post_id=post_id)
    if expected_version is not None and post.version != expected_version:
        raise ConflictError(
            f"post {post_id} was changed by someone else (version {post.version}); reopen it"
        )
    return post


def targets_of(session: Session, post_id: int) -> list[PostTarget]:
    """The post's targets (one per account), in the order they were made."""
    query = select(PostTarget).where(PostTarget.post_id == post_id).order_by(PostTarget.id)
    return list(session.exec(query))


def guarded(session: Session, target_id: int, sources: list[str], **values: object) -> bool:
    """Update one target only if it is in `sources` and no send has started; True if it was."""
    stmt = (
        update(PostTarget)
        .where(PostTarget.id == target_id)
        .where(col(PostTarget.status).in_(sources))
        .where(col(PostTarget.send_started_at).is_(None))
        .values(updated_at=utcnow(), **values)
    )
    return session.execute(stmt).rowcount == 1


def edit_post(
    session: Session,
    post_id: int,
    changes: PostUpdate,
    *,
    actor: Actor,
    now: datetime | None = None,
    publish_now: bool = False,
    expected_version: int | None = None,
) -> ChangeResult:
    """Apply an edit to every target not yet being sent; it takes effect at once.

    A target a worker has claimed but not started is pulled back when its time changes and
    otherwise sends the new text; one whose send has started is reported as too late.
    """
    now = now or utcnow()
    post = _post(session, post_id, expected_version, actor=actor, action=Action.EDIT_POST)
    due = resolve_due(changes.due_at, now, publish_now) if changes.due_at else None
    media_id = changes.media_asset_id or post.media_asset_id
    alt = changes.alt_text if changes.alt_text is not None else post.alt_text
    targets = targets_of(session, post_id)
    problems: list[dict[str, str]] = []
    campaign = post_campaign(session, post)
    for target in targets:
        account = session.get(Account, target.account_id)
        text = (changes.texts or {}).get(target.platform, target.text)
        if target.status in _EDITABLE and account is not None:
            problems += _text_problems(
                account, text, media_id, alt, thread=target.as_thread, campaign=campaign
            )
    if problems:
        raise _joined(problems)
    post.version += 1
    for name in ("title", "link", "alt_text", "media_asset_id"):
        if getattr(changes, name) is not None:
            setattr(post, name, getattr(changes, name))
    post.updated_at = now
    result = ChangeResult(post_id)
    for target in targets:
        values: dict[str, object] = {
            "text": (changes.texts or {}).get(target.platform, target.text),
            "alt_text": alt,
            "media_ids": [media_id] if media_id else [],
            "content_version": post.version,
        }
        if due is not None:
            values.update(requeue_values(due))
        if target.status not in _EDITABLE or not guarded(session, target.id, _EDITABLE, **values):
            if target.status not in (S.CANCELLED, S.DRAFT, S.IN_REVIEW):
                result.too_late.append(target.id)
            continue
        result.changed.append(target.id)
    session.flush()
    if code := approval.after_edit(session, post, rescheduled=due is not None, now=now):
        raise refusal(code)
    changed = sorted(k for k, v in changes.model_dump(exclude_unset=True).items() if v is not None)
    audit.record(session, actor, "post.edit", ("post", post_id), fields=changed)
    session.flush()
    session.expire_all()
    refresh_post_status(session, post_id)
    return result


def requeue_values(due: datetime) -> dict[str, object]:
    """Column values that put a target back in the queue at `due` with a fresh retry budget."""
    return {
        "status": S.SCHEDULED.value,
        "due_at": due,
        "next_attempt_at": None,
        "lease_owner": None,
        "lease_expires_at": None,
        "attempts": 0,
        "error_kind": None,
        "last_error": None,
    }


def reschedule_post(
    session: Session,
    post_id: int,
    due_at: datetime,
    *,
    actor: Actor,
    now: datetime | None = None,
    publish_now: bool = False,
    target_ids: list[int] | None = None,
) -> ChangeResult:
    """Move the post's unsent targets (or just `target_ids`) to `due_at`."""
    now = now or utcnow()
    due = resolve_due(due_at, now, publish_now)
    _post(session, post_id, actor=actor, action=Action.RESCHEDULE_POST)
    result = ChangeResult(post_id)
    for target in targets_of(session, post_id):
        if target_ids is not None and target.id not in target_ids:
            continue
        if guarded(session, target.id, _RESCHEDULABLE, **requeue_values(due)):
            result.changed.append(target.id)
        elif target.status not in (S.CANCELLED,):
            result.too_late.append(target.id)
    if not result.changed:
        raise refusal("nothing_to_reschedule", post_id=post_id)
    audit.record(
        session, actor, "post.reschedule", ("post", post_id), due=due, targets=result.changed
    )
    session.expire_all()
    refresh_post_status(session, post_id)
    return result


def cancel_post(session: Session, post_id: int, *, actor: Actor, by: str = "") -> ChangeResult:
    """Cancel every target of the post that has not gone out (nor started going out)."""
    post = _post(session, post_id, actor=actor, action=Action.CANCEL_POST)
    result = ChangeResult(post_id)
    for target in targets_of(session, post_id):
        if target.status == S.CANCELLED:
            continue
        if guarded(
            session,
            target.id,
            _CANCELLABLE,
            status=S.CANCELLED.value,
            lease_owner=None,
            lease_expires_at=None,
            last_error=f"cancelled by {by}" if by else None,
        ):
            result.changed.append(target.id)
        else:
            result.too_late.append(target.id)
    if not result.changed and all(t.status == S.PUBLISHED for t in targets_of(session, post_id)):
        raise refusal("already_published", post_id=post_id)
    post.cancelled_at = utcnow()
    post.version += 1
    audit.record(session, actor, "post.cancel", ("post", post_id), targets=result.changed)
    session.flush()
    session.expire_all()
    refresh_post_status(session, post_id)
    return result


def delete_post(session: Session, post_id: int, *, actor: Actor) -> None:
    """Delete a post that never went out (nor is going out); published ones stay as history."""
    post = _post(session, post_id, actor=actor, action=Action.DELETE_POST)
    title = post.title
    for target in targets_of(session, post_id):
        if target.status == S.PUBLISHED or target.send_started_at is not None:
            raise refusal("gone_out", post_id=post_id, platform=target.platform)
    ids = [t.id for t in targets_of(session, post_id)]
    # Only rows still unsent are deleted: a worker that claims one in between finds no row.
    session.execute(delete(Notification).where(col(Notification.target_id).in_(ids)))
    session.execute(delete(PublishAttempt).where(col(PublishAttempt.target_id).in_(ids)))
    gone = session.execute(
        delete(PostTarget)
        .where(PostTarget.post_id == post_id)
        .where(col(PostTarget.send_started_at).is_(None))
        .where(PostTarget.status != S.PUBLISHED.value)
    ).rowcount
    if gone != len(ids):
        raise refusal("started_now", post_id=post_id)
    session.execute(delete(Post).where(Post.id == post_id))
    audit.record(session, actor, "post.delete", ("post", post_id), title=title)
