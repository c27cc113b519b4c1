"""Around one publish call: start a batch of claimed sends, make the calls, record outcomes.

The Worker runs these steps (planner/worker.py); they are kept here so each module stays
small. Start and record are one transaction per batch; only the platform calls run on the
worker's thread pool, and never touch the database.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, or_, update
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Row
from sqlmodel import Session, col, select

from planner.accounts import mark_reconnect_needed
from planner.claims import release
from planner.config import Settings
from planner.db import session_scope
from planner.lifecycle import lock_posts, moves, refresh_posts
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
from planner.notify import notify
from planner.platforms.base import (
    AuthExpired,
    MediaItem,
    OutcomeUnknown,
    Platform,
    PlatformError,
    PublishRequest,
    RateLimited,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.validation import thread_parts

if TYPE_CHECKING:
    import threading

    from planner.worker import PassResult

log = logging.getLogger(__name__)
S = PostStatus
PlatformFactory = Callable[[Account], Platform]
_RECORD_FROM = moves((S.PUBLISHING, S.NEEDS_ATTENTION), S.PUBLISHED)
_CANCEL_CLAIMED = moves((S.PUBLISHING,), S.CANCELLED)


class SetupError(PlatformError):
    """The adapter could not be made (no credentials, platform not available): nothing sent."""

    kind = "setup"


def idempotency_key(target: PostTarget) -> str:
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
    """Exactly what goes out for `target` (a row or the start's RETURNING), read as it is now."""
    parts = thread_parts(target.text) if target.as_thread else [target.text]
    return PublishRequest(
        target_id=target.id,
        account_id=target.account_id,
        text=parts[0],
        thread=tuple(parts[1:]),
        media=_media(session, target.media_ids, target.alt_text),
        link=post.link or None,
        idempotency_key=idempotency_key(target),
    )


@dataclass
class StartedSend:
    request: PublishRequest
    account: Account
    post_id: int
    attempt_id: int
    verify_first: bool
    found: bool = False  # find_existing answered before publishing (after a "send again")


def relaxed_commit(session: Session) -> None:
    """PostgreSQL: this transaction need not wait for its WAL flush.

    Only for the claim and the record. The start (attempt row, send_started_at) always
    commits synchronously, and a synchronous commit flushes all earlier WAL, so a server
    crash can lose at most a claim nobody started (the target is simply due again) or a
    recorded outcome (the target falls back to "started", recovery flags it and
    reconciliation finds the post): never a reason to send twice.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql_text("SET LOCAL synchronous_commit TO OFF"))


class SendSteps:
    """Start, send and record, for the Worker (which provides these attributes)."""

    worker_id: str
    settings: Settings
    clock: Callable[[], datetime]
    rng: random.Random
    _factory: PlatformFactory

    def _start(
        self, ids: list[int], result: PassResult, stop: threading.Event | None = None
    ) -> list[StartedSend]:
        """Check the claimed targets are still ours and wanted; mark their sends started.

        One transaction for the batch: the conditional UPDATE is the guard an edit or
        cancel races against (whichever commits first wins), RETURNING gives the text as
        it is now, and the attempt rows are committed before any call begins.
        """
        if not ids:
            return []
        if stop is not None and stop.is_set():
            with session_scope() as session:
                released = sum(release(session, i, self.worker_id) for i in ids)
            result.add(released=released)
            return []
        now = self.clock()
        prepared: list[StartedSend] = []
        started: list[tuple] = []
        with session_scope() as session:
            rows = session.execute(
                update(PostTarget)
                .where(col(PostTarget.id).in_(ids))
                .where(PostTarget.status == S.PUBLISHING.value)
                .where(PostTarget.lease_owner == self.worker_id)
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
            result.add(skipped=len(ids) - len(rows))  # cancelled, moved or taken over
            posts = {
                p.id: p
                for p in session.exec(
                    select(Post).where(col(Post.id).in_({r.post_id for r in rows}))
                )
            }
            accounts = {
                a.id: a
                for a in session.exec(
                    select(Account).where(col(Account.id).in_({r.account_id for r in rows}))
                )
            }
            for row in rows:
                post, account = posts[row.post_id], accounts[row.account_id]
                if (
                    post.cancelled_at is not None
                    or account.paused
                    or (account.status != AccountStatus.ACTIVE)
                ):
                    # Undo the start in this same transaction: nobody saw it, nothing sent.
                    # A cancelled post's target ends cancelled; a paused account's waits.
                    session.execute(
                        update(PostTarget)
                        .where(PostTarget.id == row.id)
                        .values(attempts=PostTarget.attempts - 1, send_started_at=None)
                        .execution_options(synchronize_session=False)
                    )
                    if post.cancelled_at is not None:
                        session.execute(
                            update(PostTarget)
                            .where(PostTarget.id == row.id)
                            .where(col(PostTarget.status).in_(_CANCEL_CLAIMED))
                            .values(status=S.CANCELLED.value, lease_owner=None)
                            .execution_options(synchronize_session=False)
                        )
                    else:
                        release(session, row.id, self.worker_id)
                    result.add(skipped=1)
                    continue
                attempt = PublishAttempt(
                    target_id=row.id,
                    worker_id=self.worker_id,
                    platform=row.platform,
                    started_at=now,
                )
                session.add(attempt)
                started.append((row, post, account, attempt))
            session.flush()  # one round trip for every attempt row of the batch
            for row, post, account, attempt in started:
                prepared.append(
                    StartedSend(
                        request=build_request(session, row, post),
                        account=account,
                        post_id=row.post_id,
                        attempt_id=attempt.id,
                        verify_first=row.verify_before_send,
                    )
                )
        return prepared

    def _send(self, prepared: StartedSend) -> RemoteRef | PlatformError:
        """The platform call (on a pool thread, no database): a reference or the error."""
        request = prepared.request
        try:
            try:
                platform = self._factory(prepared.account)
            except PlatformError:
                # The factory already says what is wrong (planner.platforms.for_account):
                # no tokens → AuthExpired (reconnect), a key that cannot decrypt them on this
                # machine → TransientError (retry, maybe elsewhere). Keep that meaning.
                raise
            except Exception as exc:  # no adapter for it: surely nothing was sent
                raise SetupError(f"cannot publish to this account: {exc}") from exc
            if prepared.verify_first and (ref := platform.find_existing(request)) is not None:
                prepared.found = True
                return ref
            for item in request.media:
                if not item.path.is_file():
                    raise Rejected(f"the image file is missing: {item.path.name}")
            return platform.publish(request)
        except PlatformError as exc:
            return exc
        except Exception as exc:  # an adapter bug: we cannot know whether it was sent
            log.exception("unexpected error publishing target %s", request.target_id)
            return OutcomeUnknown(f"unexpected error: {exc}")

    def _record(
        self, outcomes: list[tuple[StartedSend, RemoteRef | PlatformError]], result: PassResult
    ) -> None:
        """Store the outcomes of finished sends, in one transaction (posts locked in order)."""
        if not outcomes:
            return
        now = self.clock()
        post_ids = {p.post_id for p, _ in outcomes}
        with session_scope() as session:
            relaxed_commit(session)
            lock_posts(session, post_ids)
            sent = [(p, o) for p, o in outcomes if not isinstance(o, PlatformError)]
            self._record_sent(session, sent, now)
            result.add(published=len(sent), reconciled=sum(p.found for p, _ in sent))
            for prepared, outcome in outcomes:
                if isinstance(outcome, PlatformError):
                    result.add(**{self._record_failure(session, prepared, outcome, now): 1})
            refresh_posts(session, post_ids, locked=True)

    def _record_sent(
        self, session: Session, sent: list[tuple[StartedSend, RemoteRef]], now: datetime
    ) -> None:
        """Published: the targets and their attempt rows, two pipelined statements."""
        if not sent:
            return
        table, attempts = PostTarget.__table__, PublishAttempt.__table__
        targets = session.execute(
            update(table)
            .where(table.c.id == bindparam("tid"))
            .where(or_(*(table.c.status == s for s in _RECORD_FROM)))  # no IN: executemany
            .values(
                status=S.PUBLISHED.value,
                remote_id=bindparam("rid"),
                remote_url=bindparam("url"),
                published_at=bindparam("at"),
                lease_owner=None,
                lease_expires_at=None,
                send_started_at=None,
                verify_before_send=False,
                error_kind=None,
                last_error=None,
                updated_at=now,
            ),
            [
                {
                    "tid": p.request.target_id,
                    "rid": ref.remote_id,
                    "url": ref.url,
                    "at": ref.published_at or now,
                }
                for p, ref in sent
            ],
        )
        session.execute(
            update(attempts)
            .where(attempts.c.id == bindparam("aid"))
            .values(outcome=bindparam("outcome"), finished_at=now, remote_id=bindparam("rid")),
            [
                {
                    "aid": p.attempt_id,
                    "outcome": "found" if p.found else "sent",
                    "rid": ref.remote_id,
                }
                for p, ref in sent
            ],
        )
        if targets.rowcount == len(sent):
            return
        # Some target had been moved meanwhile (recovered, dropped): it went out anyway.
        for prepared, ref in sent:
            target = session.get(PostTarget, prepared.request.target_id)
            if target is not None and target.status != S.PUBLISHED:
                log.error("target %s went out but had been moved meanwhile", target.id)
                notify(
                    session,
                    "notify.sent_anyway",
                    level="error",
                    target=target,
                    remote_id=ref.remote_id,
                )

    def _record_failure(
        self, session: Session, prepared: StartedSend, exc: PlatformError, now: datetime
    ) -> str:
        """Store the outcome of a failed call; returns the PassResult counter to bump."""
        post = session.get(Post, prepared.post_id)
        target = session.get(PostTarget, prepared.request.target_id)
        attempt = session.get(PublishAttempt, prepared.attempt_id)
        account = session.get(Account, prepared.account.id)
        attempt.finished_at = now
        attempt.error_kind = exc.kind
        attempt.error_message = exc.message
        if target.status != S.PUBLISHING or target.lease_owner != self.worker_id:
            # Recovery took it over while we were calling (lease ran out): it already
            # stands at needs_attention; the attempt row keeps what we learned.
            attempt.outcome = "unknown" if isinstance(exc, OutcomeUnknown) else "not_sent"
            return "skipped"
        target.error_kind = exc.kind
        target.last_error = exc.message
        target.lease_owner = None
        target.lease_expires_at = None
        target.send_started_at = None
        target.updated_at = now
        params = {"account": account.name, "kind": exc.kind, "detail": exc.message}
        if isinstance(exc, TransientError) and post.cancelled_at is not None:
            attempt.outcome = "not_sent"
            target.status = S.CANCELLED.value  # nothing went out and nobody wants it now
            return "skipped"
        if isinstance(exc, TransientError) and target.attempts < self.settings.max_attempts:
            attempt.outcome = "not_sent"
            target.status = S.RETRYING.value
            target.next_attempt_at = self.next_attempt(target.attempts, now, exc)
            return "retrying"
        if isinstance(exc, OutcomeUnknown):
            attempt.outcome = "unknown"
            target.status = S.NEEDS_ATTENTION.value
            target.next_attempt_at = None  # reconciled on the next pass
            target.reconcile_checks = 0
            notify(session, "notify.unknown", target=target, **params)
            return "needs_attention"
        attempt.outcome = "not_sent" if isinstance(exc, TransientError) else "failed"
        target.status = S.FAILED.value
        if isinstance(exc, TransientError):
            params["detail"] = f"{exc.message}; gave up after {target.attempts} tries"
        notify(session, "notify.failed", level="error", target=target, **params)
        if isinstance(exc, AuthExpired):
            mark_reconnect_needed(session, account.id, exc.message)
        return "failed"

    def next_attempt(self, attempts: int, now: datetime, exc: PlatformError) -> datetime:
        """When to try again: the platform's reset time, else exponential backoff with jitter."""
        if isinstance(exc, RateLimited) and exc.reset_at is not None:
            return max(exc.reset_at, now) + timedelta(seconds=self.rng.uniform(0, 5))
        ceiling = min(
            self.settings.retry_max_seconds,
            self.settings.retry_base_seconds * 2 ** max(attempts - 1, 0),
        )
        return now + timedelta(seconds=self.rng.uniform(ceiling / 2, ceiling))
