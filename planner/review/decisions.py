"""Submitting a post for review and deciding on it: approve, request changes, reject.

Nobody decides on their own post; trainers decide only on trainees' practice posts (every
target a sandbox account); managers and admins on any. Approval needs the checklist
(planner/review/checklist.py) and every text to pass, then queues the targets whose time is
still ahead; the others wait, approved, for a time. Every step is in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from planner.lifecycle import S, lock_post, refresh_post_status, transition
from planner.models import Account, Campaign, Post, PostTarget, Role, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.approval import ReviewState, author_role
from planner.people.guard import check, refused
from planner.people.roles import Action, PermissionDenied, Scope, require, scope
from planner.review import checklist, comments, notices
from planner.review.drafts import DraftRow, draft_row, draft_targets, editable_post
from planner.review.errors import ReviewError
from planner.scheduling import PostCreate, check_post, requeue_values


def text_problems(session: Session, post: Post) -> list[dict[str, str]]:
    """What scheduling would refuse in the post's texts, accounts and image (every language)."""
    targets = [t for t in draft_targets(session, post.id) if t.status != S.CANCELLED]
    if not targets:
        return []
    data = PostCreate(
        texts={t.platform: t.text for t in targets},
        account_ids=[t.account_id for t in targets],
        media_asset_id=post.media_asset_id,
        alt_text=post.alt_text,
        x_thread=any(t.as_thread for t in targets),
    )
    return check_post(session, data)[1]


def submit(session: Session, *, actor: Actor, post_id: int, now: datetime | None = None) -> Post:
    """Send a draft to review (its texts must pass); reviewers are e-mailed if the policy says."""
    now = now or utcnow()
    post = editable_post(session, actor, post_id, Action.SUBMIT_POST)
    targets = draft_targets(session, post_id)
    if any(t.status != S.DRAFT for t in targets):
        raise ReviewError("already_submitted", post_id=post_id)
    if problems := text_problems(session, post):
        raise ReviewError("not_ready", problems)
    for target in targets:
        transition(target, S.IN_REVIEW)
        session.add(target)
    post.review_state = ReviewState.IN_REVIEW
    post.submitted_at = now
    post.reviewed_by_id = post.reviewed_at = post.approved_version = None
    session.add(post)
    audit.record(session, actor, "post.submit", ("post", post_id), version=post.version)
    notices.tell_reviewers(session, post, actor.name)
    refresh_post_status(session, post_id)
    return post


def decision_refusal(session: Session, actor: Actor, post: Post) -> PermissionDenied | None:
    """Why `actor` may not decide on `post` (None when they may)."""
    try:
        granted = require(actor, Action.APPROVE_POST)
    except PermissionDenied as exc:
        return exc
    if post.author_id is not None and post.author_id == actor.id:
        return PermissionDenied(actor, Action.APPROVE_POST, "own_post")
    if granted == Scope.SANDBOX:
        live = session.exec(
            select(Account.id)
            .join(PostTarget, PostTarget.account_id == Account.id)
            .where(PostTarget.post_id == post.id)
            .where(Account.is_sandbox == False)  # noqa: E712 (SQL comparison)
        ).first()
        if author_role(session, post) != Role.TRAINEE.value or live is not None:
            return PermissionDenied(actor, Action.APPROVE_POST, "practice_only")
    return None


def _in_review(session: Session, actor: Actor, post_id: int) -> Post:
    """The post, locked, if it waits for review and `actor` may decide on it."""
    post = lock_post(session, post_id)
    if post is None:
        raise ReviewError("no_post", post_id=post_id)
    if refusal := decision_refusal(session, actor, post):
        refused(
            session, actor, Action.APPROVE_POST, ("post", post_id), reason=refusal.reason or "role"
        )
        raise refusal
    if post.review_state != ReviewState.IN_REVIEW:
        raise ReviewError("not_in_review", post_id=post_id)
    return post


def _blockers(session: Session, post: Post) -> list[dict[str, str]]:
    return [p.worded() for p in checklist.problems(session, post)] + text_problems(session, post)


def _approve(
    session: Session, actor: Actor, post: Post, note: str, now: datetime, **detail: object
) -> int:
    """Record the approval and queue the targets whose time is ahead; returns how many."""
    post.review_state = ReviewState.APPROVED
    post.reviewed_by_id, post.reviewed_at = actor.id, now
    post.approved_version = post.version
    session.add(post)
    comments.add(session, actor, post, "approved", note)
    queued = 0
    for target in draft_targets(session, post.id):
        if target.status != S.IN_REVIEW:
            continue
        transition(target, S.APPROVED)
        if target.due_at is not None and target.due_at > now:
            transition(target, S.SCHEDULED)
            for name, value in requeue_values(target.due_at).items():
                setattr(target, name, value)
            queued += 1
        session.add(target)
    audit.record(
        session,
        actor,
        "post.approve",
        ("post", post.id),
        version=post.version,
        queued=queued,
        **detail,
    )
    session.flush()
    refresh_post_status(session, post.id)
    return queued


def approve(
    session: Session, *, actor: Actor, post_id: int, note: str = "", now: datetime | None = None
) -> Post:
    """Approve the post as it is now; refused, with every reason, when the checklist fails."""
    now = now or utcnow()
    post = _in_review(session, actor, post_id)
    if blockers := _blockers(session, post):
        raise ReviewError("checklist", blockers, post_id=post_id)
    _approve(session, actor, post, note, now)
    return post


def _send_back(
    session: Session, actor: Actor, post: Post, *, state: str, target_status: str, body: str
) -> None:
    post.review_state = state
    post.reviewed_by_id, post.reviewed_at = actor.id, utcnow()
    post.approved_version = None
    if target_status == S.CANCELLED:
        post.cancelled_at = post.reviewed_at
    session.add(post)
    for target in draft_targets(session, post.id):
        if target.status == S.IN_REVIEW:
            transition(target, target_status)
            session.add(target)
    comments.add(session, actor, post, state, body)
    session.flush()
    refresh_post_status(session, post.id)


def request_changes(session: Session, *, actor: Actor, post_id: int, comment: str) -> Post:
    """Send the post back to its author as a draft, saying what to change (required)."""
    post = _in_review(session, actor, post_id)
    if not comment.strip():
        raise ReviewError("comment_required")
    _send_back(session, actor, post, state=ReviewState.CHANGES, target_status=S.DRAFT, body=comment)
    audit.record(session, actor, "post.request_changes", ("post", post_id), version=post.version)
    return post


def reject(session: Session, *, actor: Actor, post_id: int, reason: str) -> Post:
    """Refuse the post for good (it is cancelled), giving the reason (required)."""
    post = _in_review(session, actor, post_id)
    if not reason.strip():
        raise ReviewError("reason_required")
    _send_back(
        session, actor, post, state=ReviewState.REJECTED, target_status=S.CANCELLED, body=reason
    )
    audit.record(session, actor, "post.reject", ("post", post_id), version=post.version)
    return post


def review_queue(session: Session, *, actor: Actor) -> list[DraftRow]:
    """The posts waiting for review that `actor` may decide on, oldest submission first."""
    if scope(actor, Action.APPROVE_POST) is None:
        return []
    query = (
        select(Post)
        .where(Post.review_state == ReviewState.IN_REVIEW)
        .order_by(col(Post.submitted_at), col(Post.id))
    )
    posts = [p for p in session.exec(query) if decision_refusal(session, actor, p) is None]
    return [draft_row(session, post) for post in posts]


def queue_count(session: Session, *, actor: Actor) -> int:
    """How many posts wait for `actor`'s decision (shown in the navigation)."""
    return len(review_queue(session, actor=actor))


def campaigns_in_review(session: Session, *, actor: Actor) -> list[tuple[Campaign, int]]:
    """Campaigns with posts waiting for review, and how many, for those who approve campaigns."""
    if scope(actor, Action.APPROVE_CAMPAIGN) is None:
        return []
    rows = session.exec(
        select(Campaign, Post.id)
        .join(Post, Post.campaign_id == Campaign.id)
        .where(Post.review_state == ReviewState.IN_REVIEW)
        .order_by(Campaign.id)
    ).all()
    counts: dict[int, tuple[Campaign, int]] = {}
    for campaign, _ in rows:
        counts[campaign.id] = (campaign, counts.get(campaign.id, (campaign, 0))[1] + 1)
    return list(counts.values())


def submit_campaign(
    session: Session, *, actor: Actor, campaign_id: int, now: datetime | None = None
) -> list[Post]:
    """Send every draft post of a campaign to review in one step."""
    posts = session.exec(
        select(Post)
        .where(Post.campaign_id == campaign_id)
        .where(Post.status == S.DRAFT.value)
        .order_by(Post.id)
    ).all()
    if not posts:
        raise ReviewError("nothing_to_submit")
    return [submit(session, actor=actor, post_id=p.id, now=now) for p in posts]


def approve_campaign(
    session: Session,
    *,
    actor: Actor,
    campaign_id: int,
    note: str = "",
    now: datetime | None = None,
) -> Campaign:
    """Approve every post of the campaign in review at once, or none when any fails the checks."""
    now = now or utcnow()
    check(session, actor, Action.APPROVE_CAMPAIGN, ("campaign", campaign_id))
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise ReviewError("no_campaign", campaign_id=campaign_id)
    ids = session.exec(
        select(Post.id)
        .where(Post.campaign_id == campaign_id)
        .where(Post.review_state == ReviewState.IN_REVIEW)
        .order_by(Post.id)
    ).all()
    if not ids:
        raise ReviewError("nothing_to_approve", campaign_id=campaign_id)
    posts = [_in_review(session, actor, post_id) for post_id in ids]
    blockers = [
        {loc: f"#{post.id}: {text}" for loc, text in problem.items()}
        for post in posts
        for problem in _blockers(session, post)
    ]
    if blockers:
        raise ReviewError("campaign_checklist", blockers, campaign_id=campaign_id)
    for post in posts:
        _approve(session, actor, post, note, now, campaign_id=campaign_id)
    campaign.approved_by_id, campaign.approved_at = actor.id, now
    session.add(campaign)
    audit.record(session, actor, "campaign.approve", ("campaign", campaign_id), posts=ids)
    return campaign
