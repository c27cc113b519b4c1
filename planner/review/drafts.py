"""Drafts: posts kept without going into the queue, found again and edited by their author.

A draft is a Post whose targets are in status `draft`; the time a person picked is kept on
each target (`due_at`) but nothing is queued until the post is scheduled or, when it needs
review, approved. Texts are not checked on saving (a draft may be half-written); they are
when the draft is submitted or scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import delete
from sqlmodel import Session, col, select

from planner.campaigns import CampaignPlan, step_post
from planner.lifecycle import S, lock_post, refresh_post_status
from planner.limits import limits_for
from planner.models import Account, Campaign, Post, PostTarget, User, utcnow
from planner.people import approval, audit
from planner.people.actors import Actor
from planner.people.approval import ReviewState
from planner.people.guard import check, check_targets
from planner.people.roles import Action, Scope, scope
from planner.review.errors import ReviewError
from planner.scheduling import PostCreate

# A post is still a draft (editable here) while none of its targets is queued or sent.
DRAFT_STATES = (S.DRAFT, S.IN_REVIEW, S.APPROVED)


class DraftUpdate(BaseModel):
    """An edit of a draft; fields left out stay as they are."""

    title: str | None = None
    texts: dict[str, str] | None = None  # platform -> text
    alt_text: str | None = None
    link: str | None = None
    media_asset_id: int | None = None
    account_ids: list[int] | None = None
    due_at: datetime | None = None
    x_thread: bool | None = None


@dataclass
class DraftRow:
    """One draft in a list: the post, where it would go, when, and who wrote it."""

    post: Post
    platforms: list[str]
    due_at: datetime | None
    author: str


def _accounts(
    session: Session, actor: Actor, account_ids: list[int], post_id: int | None = None
) -> list[Account]:
    accounts = []
    for account_id in account_ids:
        account = session.get(Account, account_id)
        if account is None:
            raise ReviewError("no_account", account_id=account_id)
        accounts.append(account)
    check_targets(session, actor, Action.DRAFT_POST, accounts, ("post", post_id))
    return accounts


def _target(post: Post, account: Account, text: str, due: datetime | None, thread: bool):
    return PostTarget(
        post_id=post.id,
        account_id=account.id,
        platform=account.platform,
        text=text,
        media_ids=[post.media_asset_id] if post.media_asset_id else [],
        alt_text=post.alt_text,
        status=S.DRAFT,
        due_at=due,
        content_version=post.version,
        as_thread=thread and limits_for(account.platform).threads,
    )


def save_draft(session: Session, *, actor: Actor, data: PostCreate) -> Post:
    """A new draft by `actor`: one draft target per account, the chosen time kept, none queued."""
    accounts = _accounts(session, actor, data.account_ids)
    post = Post(
        title=data.title,
        template_id=data.template_id,
        event_id=data.event_id,
        item_id=data.item_id,
        campaign_id=data.campaign_id,
        author=data.author or actor.name,
        author_id=actor.id,
        media_asset_id=data.media_asset_id,
        alt_text=data.alt_text,
        link=data.link,
        status=S.DRAFT,
    )
    session.add(post)
    session.flush()
    for account in accounts:
        due = data.due_by_account.get(account.id) or data.due_at
        text = data.texts.get(account.platform, "")
        session.add(_target(post, account, text, due, data.x_thread))
    session.flush()
    audit.record(session, actor, "post.draft", ("post", post.id), title=post.title)
    return post


def draft_targets(session: Session, post_id: int) -> list[PostTarget]:
    """The post's targets in the order they were made."""
    query = select(PostTarget).where(PostTarget.post_id == post_id).order_by(PostTarget.id)
    return list(session.exec(query))


def editable_post(session: Session, actor: Actor, post_id: int, action: Action) -> Post:
    """The post, locked, if `actor` may do `action` to it and nothing of it is queued yet."""
    post = lock_post(session, post_id)
    if post is None:
        raise ReviewError("no_post", post_id=post_id)
    check(session, actor, action, ("post", post_id), owner_id=post.author_id, owned=True)
    targets = draft_targets(session, post_id)
    if not targets or any(t.status not in DRAFT_STATES for t in targets):
        raise ReviewError("not_a_draft", post_id=post_id)
    return post


def update_draft(
    session: Session,
    *,
    actor: Actor,
    post_id: int,
    changes: DraftUpdate,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Post:
    """Edit a draft (or a post in review, or approved and waiting for a time).

    The version goes up; an approved post then follows the library's policy (back to review,
    or the approval carries over), see planner/people/approval.py.
    """
    now = now or utcnow()
    post = editable_post(session, actor, post_id, Action.EDIT_POST)
    if expected_version is not None and post.version != expected_version:
        raise ReviewError("changed", post_id=post_id)
    for name in ("title", "alt_text", "link", "media_asset_id"):
        if getattr(changes, name) is not None:
            setattr(post, name, getattr(changes, name))
    post.version += 1
    post.updated_at = now
    targets = draft_targets(session, post_id)
    status = targets[0].status
    if changes.account_ids is not None:
        targets = _retarget(session, actor, post, targets, changes, status)
    for target in targets:
        if changes.texts is not None and target.platform in changes.texts:
            target.text = changes.texts[target.platform]
        if changes.due_at is not None:
            target.due_at = changes.due_at
        if changes.x_thread is not None:
            target.as_thread = changes.x_thread and limits_for(target.platform).threads
        target.alt_text = post.alt_text
        target.media_ids = [post.media_asset_id] if post.media_asset_id else []
        target.content_version = post.version
        target.updated_at = now
        session.add(target)
    session.add(post)
    session.flush()
    approval.after_edit(session, post, now=now)
    audit.record(session, actor, "post.edit", ("post", post.id), version=post.version)
    session.flush()
    session.expire_all()  # send_back moved targets in bulk
    refresh_post_status(session, post_id)
    session.refresh(post)
    return post


def _retarget(
    session: Session,
    actor: Actor,
    post: Post,
    targets: list[PostTarget],
    changes: DraftUpdate,
    status: str,
) -> list[PostTarget]:
    """Drop the targets of accounts no longer chosen and add the new ones (same status)."""
    wanted = list(dict.fromkeys(changes.account_ids or []))
    if not wanted:
        raise ReviewError("no_accounts")
    keep = [t for t in targets if t.account_id in wanted]
    dropped = [t.id for t in targets if t.account_id not in wanted]
    if dropped:
        session.execute(delete(PostTarget).where(col(PostTarget.id).in_(dropped)))
    have = {t.account_id for t in keep}
    due = changes.due_at or next((t.due_at for t in targets if t.due_at), None)
    thread = changes.x_thread if changes.x_thread is not None else any(t.as_thread for t in targets)
    texts = {t.platform: t.text for t in targets} | (changes.texts or {})
    for account in _accounts(session, actor, [a for a in wanted if a not in have], post.id):
        target = _target(post, account, texts.get(account.platform, ""), due, thread)
        target.status = status
        session.add(target)
        keep.append(target)
    session.flush()
    return keep


def list_drafts(
    session: Session, *, actor: Actor, everyone: bool = False, limit: int = 200
) -> list[DraftRow]:
    """Drafts, posts in review and approved posts waiting for a time, newest change first.

    Everyone's for those who may see every post and ask for it, else the actor's own;
    rejected posts stay in their author's list so the reason can be read.
    """
    shown = [s.value for s in DRAFT_STATES]
    query = (
        select(Post)
        .where(
            col(Post.status).in_(shown)
            | ((Post.review_state == ReviewState.REJECTED) & (Post.status == S.CANCELLED.value))
        )
        .order_by(col(Post.updated_at).desc(), col(Post.id).desc())
        .limit(limit)
    )
    if not (everyone and scope(actor, Action.VIEW_ALL_POSTS) == Scope.ANY):
        query = query.where(Post.author_id == actor.id)
    posts = list(session.exec(query))
    return [draft_row(session, post) for post in posts]


def draft_row(session: Session, post: Post) -> DraftRow:
    targets = draft_targets(session, post.id)
    dues = [t.due_at for t in targets if t.due_at is not None]
    author = session.get(User, post.author_id) if post.author_id else None
    return DraftRow(
        post=post,
        platforms=list(dict.fromkeys(t.platform for t in targets)),
        due_at=min(dues) if dues else None,
        author=(author.display_name or author.username) if author else post.author,
    )


@dataclass
class DraftContent:
    """Everything the compose page needs to reopen a draft for editing."""

    post_id: int
    version: int
    title: str
    texts: dict[str, str]
    account_ids: list[int]
    due_at: datetime | None
    alt_text: str
    link: str
    media_asset_id: int | None
    template_id: str | None
    event_id: int | None
    item_id: int | None
    x_thread: bool
    review_state: str


def draft_content(session: Session, *, actor: Actor, post_id: int) -> DraftContent:
    """A draft as the compose page reopens it (refused when it may not be edited)."""
    post = editable_post(session, actor, post_id, Action.EDIT_POST)
    targets = draft_targets(session, post_id)
    dues = [t.due_at for t in targets if t.due_at is not None]
    return DraftContent(
        post_id=post_id,
        version=post.version,
        title=post.title,
        texts={t.platform: t.text for t in targets},
        account_ids=[t.account_id for t in targets],
        due_at=min(dues) if dues else None,
        alt_text=post.alt_text,
        link=post.link,
        media_asset_id=post.media_asset_id,
        template_id=post.template_id,
        event_id=post.event_id,
        item_id=post.item_id,
        x_thread=any(t.as_thread for t in targets),
        review_state=post.review_state,
    )


def campaign_posts(plan: CampaignPlan, account_ids: list[int], locale: str) -> list[PostCreate]:
    """One post per active step of a planned campaign, at the step's time."""
    return [step_post(plan, planned, account_ids, locale) for planned in plan.active]


def save_campaign(
    session: Session,
    *,
    actor: Actor,
    name: str,
    event_id: int | None,
    posts: list[PostCreate],
) -> tuple[Campaign, list[Post]]:
    """A campaign whose posts are kept as drafts (each with its step's time), to be reviewed."""
    check(session, actor, Action.PLAN_CAMPAIGN, ("campaign", None))
    campaign = Campaign(name=name, event_id=event_id, created_by_id=actor.id)
    session.add(campaign)
    session.flush()
    made = [
        save_draft(session, actor=actor, data=data.model_copy(update={"campaign_id": campaign.id}))
        for data in posts
    ]
    audit.record(session, actor, "campaign.draft", ("campaign", campaign.id), posts=len(made))
    return campaign, made
