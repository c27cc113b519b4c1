"""Starting claimed sends: guard, undo, and build what goes out.

A claimed target is started in one transaction per batch, in three steps:

1. guard  – the conditional UPDATE an edit or cancel races against (whichever commits first
            wins): the target must still be ours, still publishing, not yet started. RETURNING
            gives the text as it is now.
2. undo   – a target whose post was cancelled or whose account was paused meanwhile is put
            back in that same transaction: nobody saw the start and nothing was sent.
3. build  – the attempt rows are written and each request is built, all before any call
            begins, so a crash mid-call leaves a trace that recovery can read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import Row
from sqlmodel import Session, col, select

from planner.db import session_scope
from planner.lifecycle import moves
from planner.limits import limits_for
from planner.media import asset_path
from planner.models import (
    Account,
    AccountStatus,
    MediaAsset,
    Post,
    PostStatus,
    PostTarget,
    PublishAttempt,
)
from planner.platforms.base import MediaItem, PublishRequest
from planner.publishing.claims import release
from planner.publishing.context import WorkerContext
from planner.publishing.results import PassResult
from planner.utm import post_campaign, tag, tag_text
from planner.validation import thread_parts

S = PostStatus
_CANCEL_CLAIMED = moves((S.PUBLISHING,), S.CANCELLED)


@dataclass
class StartedSend:
    """A send on record as started: what goes out, to which account, under which attempt."""

    request: PublishRequest
    account: Account
    post_id: int
    attempt_id: int
    verify_first: bool
    found: bool = False  # find_existing answered before publishing (after a "send again")


def idempotency_key(target: PostTarget | Row) -> str:
    """A key stable across retries of one target, for reconciliation."""
    return f"planner-{target.id}"


def _media(session: Session, media_ids: list[int], alt_text: str) -> tuple[MediaItem, ...]:
    items = []
    for asset_id in media_ids:
        asset = session.get(MediaAsset, asset_id)
        if asset is not None:
            items.append(MediaItem(path=asset_path(asset), alt_text=alt_text, mime=asset.mime))
    return tuple(items)


def build_request(session: Session, target: PostTarget | Row, post: Post) -> PublishRequest:
    """Exactly what goes out for `target` (a row or the start's RETURNING), read as it is now.

    Links in the text and the post's link get UTM parameters for the target's platform
    (planner/utm.py), the same tagging the checks and previews showed.
    """
    campaign = post_campaign(session, post)
    text = tag_text(target.text, platform=target.platform, campaign=campaign)
    limits = limits_for(target.platform)
    parts = thread_parts(text, limits.max_chars, target.platform) if target.as_thread else [text]
    link = tag(post.link, platform=target.platform, campaign=campaign) if post.link else None
    return PublishRequest(
        target_id=target.id,
        account_id=target.account_id,
        text=parts[0],
        thread=tuple(parts[1:]),
        media=_media(session, target.media_ids, target.alt_text),
        link=link,
        idempotency_key=idempotency_key(target),
    )


def guard(session: Session, ids: list[int], worker_id: str, now: datetime) -> list[Row]:
    """Mark the targets still ours and unstarted as started; their rows as they are now."""
    return session.execute(
        update(PostTarget)
        .where(col(PostTarget.id).in_(ids))
        .where(PostTarget.status == S.PUBLISHING.value)
        .where(PostTarget.lease_owner == worker_id)
        .where(col(PostTarget.send_started_at).is_(None))
        .values(attempts=PostTarget.attempts + 1, send_started_at=now, updated_at=now)
        .returning(
            PostTarget.id,
            PostTarget.post_id,
            PostTarget.account_id,
            PostTarget.platform,
            PostTarget.text,
            PostTarget.media_ids,
            PostTarget.alt_text,
            PostTarget.verify_before_send,
            PostTarget.as_thread,
        )
        .execution_options(synchronize_session=False)
    ).all()


def unwanted(post: Post, account: Account) -> bool:
    """Whether a started send must not go ahead: post cancelled, account paused or not active."""
    return post.cancelled_at is not None or account.paused or account.status != AccountStatus.ACTIVE


def undo(session: Session, target_id: int, *, cancelled: bool, worker_id: str) -> None:
    """Take back a start nobody saw: a cancelled post's target ends cancelled, others wait."""
    session.execute(
        update(PostTarget)
        .where(PostTarget.id == target_id)
        .values(attempts=PostTarget.attempts - 1, send_started_at=None)
        .execution_options(synchronize_session=False)
    )
    if cancelled:
        session.execute(
            update(PostTarget)
            .where(PostTarget.id == target_id)
            .where(col(PostTarget.status).in_(_CANCEL_CLAIMED))
            .values(status=S.CANCELLED.value, lease_owner=None)
            .execution_options(synchronize_session=False)
        )
    else:
        release(session, target_id, worker_id)


def _by_id(session: Session, model: type, ids: set[int]) -> dict[int, object]:
    return {row.id: row for row in session.exec(select(model).where(col(model.id).in_(ids)))}


def start(
    ctx: WorkerContext, ids: list[int], result: PassResult, stop: threading.Event | None = None
) -> list[StartedSend]:
    """Guard, undo and build for a batch of claimed targets: the sends that may begin.

    When the worker is stopping, claimed targets are released instead (nothing started).
    """
    if not ids:
        return []
    if stop is not None and stop.is_set():
        with session_scope() as session:
            released = sum(release(session, i, ctx.worker_id) for i in ids)
        result.add(released=released)
        return []
    now = ctx.clock()
    started: list[tuple[Row, Post, Account, PublishAttempt]] = []
    with session_scope() as session:
        rows = guard(session, ids, ctx.worker_id, now)
        result.add(skipped=len(ids) - len(rows))  # cancelled, moved or taken over
        posts = _by_id(session, Post, {r.post_id for r in rows})
        accounts = _by_id(session, Account, {r.account_id for r in rows})
        for row in rows:
            post, account = posts[row.post_id], accounts[row.account_id]
            if unwanted(post, account):
                undo(
                    session,
                    row.id,
                    cancelled=post.cancelled_at is not None,
                    worker_id=ctx.worker_id,
                )
                result.add(skipped=1)
                continue
            attempt = PublishAttempt(
                target_id=row.id, worker_id=ctx.worker_id, platform=row.platform, started_at=now
            )
            session.add(attempt)
            started.append((row, post, account, attempt))
        session.flush()  # one round trip for every attempt row of the batch
        return [
            StartedSend(
                request=build_request(session, row, post),
                account=account,
                post_id=row.post_id,
                attempt_id=attempt.id,
                verify_first=row.verify_before_send,
            )
            for row, post, account, attempt in started
        ]
