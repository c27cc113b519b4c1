"""The publishing worker: claim due targets, send each at most once, record every attempt.

Sending is split into three short transactions so that no database lock is held during a
network call, and so that a crash at any point leaves a trace that recovery can read:

1. claim   – due targets move scheduled/retrying → publishing under this worker's lease
             (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one conditional UPDATE).
2. check   – just before sending, the target must still be ours and still publishing (a
             cancel or edit since the claim wins); an attempt row is written *before* the call.
3. record  – the outcome: published, retrying (nothing was sent), failed, or needs_attention
             (the request may have reached the platform: never resent blindly).

A lease that expires with a started-but-unfinished attempt means a worker died mid-call:
that target goes to needs_attention and is reconciled with the platform's find_existing.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.media import asset_path
from planner.models import (
    Account,
    AccountStatus,
    MediaAsset,
    Notification,
    Post,
    PostStatus,
    PostTarget,
    PublishAttempt,
    utcnow,
)
from planner.platforms import for_account
from planner.platforms.base import (
    AuthExpired,
    MediaItem,
    OutcomeUnknown,
    Platform,
    PlatformError,
    PublishRequest,
    RateLimited,
    TransientError,
)
from planner.scheduling import transition

log = logging.getLogger(__name__)
S = PostStatus
PlatformFactory = Callable[[Account], Platform]


@dataclass
class PassResult:
    """What one worker pass did, for logs, the CLI and tests."""

    claimed: int = 0
    published: int = 0
    retrying: int = 0
    failed: int = 0
    needs_attention: int = 0
    skipped: int = 0
    recovered: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def idempotency_key(target: PostTarget) -> str:
    """A key stable across retries of one target, for reconciliation."""
    return f"planner-{target.id}"


def claim_due(
    session: Session, worker_id: str, now: datetime, limit: int, lease_seconds: int
) -> list[int]:
    """Atomically move up to `limit` due targets to publishing under this worker's lease."""
    active_accounts = select(Account.id).where(
        Account.status == AccountStatus.ACTIVE, col(Account.paused).is_(False)
    )
    due = (
        select(PostTarget.id)
        .where(col(PostTarget.status).in_([S.SCHEDULED.value, S.RETRYING.value]))
        .where(col(PostTarget.due_at) <= now)
        .where(
            (col(PostTarget.next_attempt_at).is_(None)) | (col(PostTarget.next_attempt_at) <= now)
        )
        .where(col(PostTarget.account_id).in_(active_accounts))
        .order_by(PostTarget.due_at, PostTarget.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(PostTarget)
        .where(col(PostTarget.id).in_(due.scalar_subquery()))
        .where(col(PostTarget.status).in_([S.SCHEDULED.value, S.RETRYING.value]))
        .values(
            status=S.PUBLISHING.value,
            lease_owner=worker_id,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
            updated_at=now,
        )
        .returning(PostTarget.id)
    )
    ids = [row[0] for row in session.execute(stmt)]
    session.commit()
    return sorted(ids)


class Worker:
    """One publishing worker; the CLI process, cron pass and embedded thread all use this."""

    def __init__(
        self,
        worker_id: str,
        *,
        settings: Settings | None = None,
        platform_factory: PlatformFactory | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.worker_id = worker_id
        self.settings = settings or get_settings()
        self.clock = clock
        self._factory = platform_factory or (
            lambda account: for_account(account, self.settings, clock=self.clock)
        )

    # -- one pass -------------------------------------------------------------------------
    def run_once(self) -> PassResult:
        """Recover expired leases, then claim and send what is due, in batches."""
        result = PassResult()
        result.recovered = self.recover()
        while True:
            now = self.clock()
            with session_scope() as session:
                ids = claim_due(
                    session,
                    self.worker_id,
                    now,
                    self.settings.worker_batch_size,
                    self.settings.lease_seconds,
                )
            if not ids:
                break
            result.claimed += len(ids)
            for target_id in ids:
                self._process(target_id, result)
        return result

    # -- the three steps for one target ---------------------------------------------------
    def _prepare(self, target_id: int) -> tuple[PublishRequest, Account, int] | None:
        """Check the target is still ours and wanted; write the attempt row before sending."""
        now = self.clock()
        with session_scope() as session:
            stmt = (
                update(PostTarget)
                .where(
                    PostTarget.id == target_id,
                    PostTarget.status == S.PUBLISHING.value,
                    PostTarget.lease_owner == self.worker_id,
                )
                .values(attempts=PostTarget.attempts + 1, updated_at=now)
            )
            if session.execute(stmt).rowcount != 1:
                return None  # cancelled, edited back to draft, or taken over since the claim
            target = session.get(PostTarget, target_id)
            post = session.get(Post, target.post_id)
            account = session.get(Account, target.account_id)
            if post is None or post.status == S.CANCELLED:
                transition(target, S.CANCELLED)
                target.lease_owner = None
                return None
            media = []
            for asset_id in target.media_ids:
                asset = session.get(MediaAsset, asset_id)
                if asset is not None:
                    media.append(
                        MediaItem(path=asset_path(asset), alt_text=target.alt_text, mime=asset.mime)
                    )
            attempt = PublishAttempt(
                target_id=target_id,
                worker_id=self.worker_id,
                platform=target.platform,
                started_at=now,
            )
            session.add(attempt)
            session.flush()
            request = PublishRequest(
                target_id=target_id,
                account_id=account.id,
                text=target.text,
                media=tuple(media),
                link=post.link or None,
                idempotency_key=idempotency_key(target),
            )
            return request, account, attempt.id

    def _process(self, target_id: int, result: PassResult) -> None:
        prepared = self._prepare(target_id)
        if prepared is None:
            result.skipped += 1
            return
        request, account, attempt_id = prepared
        try:
            platform = self._factory(account)
            ref = platform.publish(request)
        except PlatformError as exc:
            self._record_failure(target_id, attempt_id, exc, result)
            return
        except Exception as exc:  # an adapter bug: we cannot know whether it was sent
            log.exception("unexpected error publishing target %s", target_id)
            self._record_failure(
                target_id, attempt_id, OutcomeUnknown(f"unexpected error: {exc}"), result
            )
            return
        now = self.clock()
        with session_scope() as session:
            target = session.get(PostTarget, target_id)
            attempt = session.get(PublishAttempt, attempt_id)
            transition(target, S.PUBLISHED)
            target.remote_id = ref.remote_id
            target.remote_url = ref.url
            target.published_at = ref.published_at or now
            target.lease_owner = None
            target.lease_expires_at = None
            target.error_kind = None
            target.last_error = None
            attempt.outcome = "sent"
            attempt.finished_at = now
            attempt.remote_id = ref.remote_id
            _refresh_post_status(session, target.post_id)
        result.published += 1

    def _record_failure(
        self, target_id: int, attempt_id: int, exc: PlatformError, result: PassResult
    ) -> None:
        now = self.clock()
        with session_scope() as session:
            target = session.get(PostTarget, target_id)
            attempt = session.get(PublishAttempt, attempt_id)
            attempt.finished_at = now
            attempt.error_kind = exc.kind
            attempt.error_message = exc.message
            target.error_kind = exc.kind
            target.last_error = exc.message
            target.lease_owner = None
            target.lease_expires_at = None
            if isinstance(exc, TransientError) and target.attempts < self.settings.max_attempts:
                attempt.outcome = "not_sent"
                transition(target, S.RETRYING)
                target.next_attempt_at = self._next_attempt(target.attempts, now, exc)
                result.retrying += 1
            elif isinstance(exc, OutcomeUnknown):
                attempt.outcome = "unknown"
                transition(target, S.NEEDS_ATTENTION)
                result.needs_attention += 1
                _notify(session, "warning", target, exc.message)
            else:
                attempt.outcome = "failed"
                transition(target, S.FAILED)
                result.failed += 1
                if isinstance(exc, AuthExpired):
                    account = session.get(Account, target.account_id)
                    account.status = AccountStatus.RECONNECT_NEEDED
                    account.status_reason = exc.message
                _notify(session, "error", target, exc.message)
            _refresh_post_status(session, target.post_id)

    def _next_attempt(self, attempts: int, now: datetime, exc: PlatformError) -> datetime:
        if isinstance(exc, RateLimited) and exc.reset_at is not None:
            return max(exc.reset_at, now)
        # Exponential backoff with full jitter: 30 s, 60 s, 120 s … capped at one hour.
        ceiling = min(3600, 30 * 2 ** max(attempts - 1, 0))
        return now + timedelta(seconds=random.uniform(ceiling / 2, ceiling))

    # -- recovery -------------------------------------------------------------------------
    def recover(self) -> int:
        """Release targets whose lease expired: unsent ones go back, in-flight ones get flagged."""
        now = self.clock()
        changed = 0
        with session_scope() as session:
            expired = session.exec(
                select(PostTarget)
                .where(PostTarget.status == S.PUBLISHING.value)
                .where(col(PostTarget.lease_expires_at) < now)
                .with_for_update(skip_locked=True)
            ).all()
            for target in expired:
                open_attempt = session.exec(
                    select(PublishAttempt).where(
                        PublishAttempt.target_id == target.id, PublishAttempt.outcome == "started"
                    )
                ).first()
                target.lease_owner = None
                target.lease_expires_at = None
                if open_attempt is None:
                    transition(target, S.RETRYING)  # claimed but never sent: safe to try again
                else:
                    open_attempt.outcome = "unknown"
                    open_attempt.finished_at = now
                    open_attempt.error_kind = OutcomeUnknown.kind
                    open_attempt.error_message = "worker stopped during the publish call"
                    transition(target, S.NEEDS_ATTENTION)
                    target.error_kind = OutcomeUnknown.kind
                    target.last_error = open_attempt.error_message
                    _notify(session, "warning", target, open_attempt.error_message)
                changed += 1
        return changed


def _notify(session: Session, level: str, target: PostTarget, message: str) -> None:
    session.add(
        Notification(
            level=level,
            target_id=target.id,
            message=f"Post #{target.post_id} ({target.platform}): {message}",
        )
    )


def _refresh_post_status(session: Session, post_id: int) -> None:
    """The post shows 'published' once every target is, else the most urgent target status."""
    post = session.get(Post, post_id)
    statuses = {
        t.status for t in session.exec(select(PostTarget).where(PostTarget.post_id == post_id))
    }
    for status in (S.NEEDS_ATTENTION, S.FAILED, S.PUBLISHING, S.RETRYING, S.SCHEDULED):
        if status in statuses:
            post.status = status
            break
    else:
        if statuses == {S.CANCELLED}:
            post.status = S.CANCELLED
        elif S.PUBLISHED in statuses:
            post.status = S.PUBLISHED
    post.updated_at = utcnow()


def serve(
    worker: Worker,
    stop: threading.Event,
    *,
    collect_metrics: bool = True,
    on_pass: Callable[[PassResult], None] | None = None,
) -> None:
    """Run passes until `stop` is set: the long-running CLI worker and the app thread share this."""
    from planner.metrics import collect_once

    while not stop.is_set():
        try:
            result = worker.run_once()
            if collect_metrics:
                collect_once(settings=worker.settings, now=worker.clock())
            if on_pass is not None:
                on_pass(result)
        except Exception:  # keep serving; the next pass retries (the database may be back)
            log.exception("worker pass failed")
        stop.wait(worker.settings.worker_poll_seconds)


class BackgroundWorker:
    """The embedded worker thread of the default setup (one per app process)."""

    def __init__(self, worker_id: str, settings: Settings | None = None) -> None:
        self.worker = Worker(worker_id, settings=settings)
        self.stop_event = threading.Event()
        self.last_result: PassResult | None = None
        self._thread = threading.Thread(target=self._run, name=f"planner-{worker_id}", daemon=True)

    def _run(self) -> None:
        serve(self.worker, self.stop_event, on_pass=self._remember)

    def _remember(self, result: PassResult) -> None:
        self.last_result = result

    def start(self) -> BackgroundWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self.stop_event.set()
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()


_embedded: BackgroundWorker | None = None
_embedded_lock = threading.Lock()


def ensure_embedded_worker(settings: Settings | None = None) -> BackgroundWorker | None:
    """Start this process's one embedded worker (if enabled) and return it; later calls reuse it."""
    global _embedded
    settings = settings or get_settings()
    if not settings.embedded_worker:
        return None
    with _embedded_lock:
        if _embedded is None or not _embedded.alive:
            import os
            import socket

            worker_id = f"app-{socket.gethostname()}-{os.getpid()}"
            _embedded = BackgroundWorker(worker_id, settings=settings).start()
        return _embedded
