"""The publishing worker: claim due targets, send each at most once, record every attempt.

Sending is split into three short transactions so that no database lock is held during a
network call, and so that a crash at any point leaves a trace that recovery can read:

1. claim   – due targets move scheduled/retrying → publishing under this worker's lease
             (planner/claims.py: FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on
             SQLite).
2. check   – just before sending, the target must still be ours, still publishing and not
             started; `send_started_at` and the attempt row are committed *before* the call,
             and from then on an edit or cancel is refused (it reports "too late").
3. record  – the outcome: published, retrying (nothing was sent), failed, or needs_attention
             (the request may have reached the platform: never resent blindly).

Every pass also releases expired leases, flags targets missed beyond the grace period,
asks platforms about unknown outcomes (`find_existing`), turns recurring series into posts
and delivers notifications. `planner worker`, `planner worker --once` and the app's
embedded thread all run `Worker.run_once`; only the loop around it differs.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, update
from sqlalchemy import text as sql_text
from sqlmodel import Session, col, select

from planner.claims import (
    Caps,
    claim_due,
    claim_reconcile,
    recover_expired,
    refresh_statistics,
    release,
    sweep_missed,
)
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.media import asset_path
from planner.models import (
    Account,
    AccountStatus,
    MediaAsset,
    Post,
    PostStatus,
    PostTarget,
    PublishAttempt,
    utcnow,
)
from planner.notify import deliver_pending, notify
from planner.platforms import for_account
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
from planner.scheduling import lock_post, lock_posts, moves, refresh_post_status, refresh_posts

log = logging.getLogger(__name__)
S = PostStatus
PlatformFactory = Callable[[Account], Platform]
_RECORD_FROM = moves((S.PUBLISHING, S.NEEDS_ATTENTION), S.PUBLISHED)
SERIES_EVERY = timedelta(minutes=1)
GATHER_SECONDS = 0.01
ANALYZE_EVERY = timedelta(hours=6)
RECONCILE_BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


class SetupError(PlatformError):
    """The adapter could not be made (no credentials, platform not available): nothing sent."""

    kind = "setup"


@dataclass
class PassResult:
    """What one worker pass did, for logs, the CLI and tests."""

    claimed: int = 0
    published: int = 0
    retrying: int = 0
    failed: int = 0
    needs_attention: int = 0
    skipped: int = 0
    released: int = 0
    recovered: int = 0
    missed: int = 0
    reconciled: int = 0
    series_posts: int = 0
    notifications_sent: int = 0
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        """Add to counters (sends run on several threads)."""
        with self._lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


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


def build_request(session: Session, target: PostTarget, post: Post) -> PublishRequest:
    """Exactly what goes out for `target`, read from its row as it is now."""
    return PublishRequest(
        target_id=target.id,
        account_id=target.account_id,
        text=target.text,
        media=_media(session, target.media_ids, target.alt_text),
        link=post.link or None,
        idempotency_key=idempotency_key(target),
    )


@dataclass
class _Prepared:
    request: PublishRequest
    account: Account
    post_id: int
    attempt_id: int
    verify_first: bool
    found: bool = False  # find_existing answered before publishing (after a "send again")


class Worker:
    """One publishing worker; the CLI process, cron pass and embedded thread all use this."""

    def __init__(
        self,
        worker_id: str,
        *,
        settings: Settings | None = None,
        platform_factory: PlatformFactory | None = None,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.worker_id = worker_id
        self.settings = settings or get_settings()
        self.clock = clock
        self.rng = rng or random.Random()
        self._factory = platform_factory or (
            lambda account: for_account(account, self.settings, clock=self.clock)
        )
        self.caps = Caps(self.settings.platform_concurrency, self.settings.daily_caps)
        self._series_checked_at: datetime | None = None
        self._analyzed_at: datetime | None = None

    # -- one pass -------------------------------------------------------------------------
    def run_once(self, stop: threading.Event | None = None) -> PassResult:
        """Housekeeping, then claim and send what is due until nothing is; one pass."""
        result = PassResult()
        self.maintain(result)
        self.send_due(result, stop)
        result.notifications_sent += deliver_pending(self.settings, now=self.clock())
        return result

    def maintain(self, result: PassResult) -> None:
        """Expired leases, missed targets, unknown outcomes and recurring series."""
        from planner.recurrence import materialize_all

        now = self.clock()
        with session_scope() as session:
            released, flagged, touched = recover_expired(session, now)
        result.add(released=released, recovered=released + flagged, needs_attention=flagged)
        grace = timedelta(minutes=self.settings.grace_minutes)
        while True:
            with session_scope() as session:
                missed = sweep_missed(session, now, grace)
            result.add(missed=len(missed))
            touched |= set(missed.values())
            if len(missed) < 500:
                break
        # Separate transactions: these held target locks, and posts are locked before targets.
        for post_id in sorted(touched):
            with session_scope() as session:
                refresh_post_status(session, post_id)
        self.reconcile(result)
        if self._analyzed_at is None or now - self._analyzed_at >= ANALYZE_EVERY:
            self._analyzed_at = now
            with session_scope() as session:
                refresh_statistics(session)
        # Series change rarely: looking once a minute is plenty and keeps passes cheap.
        if self._series_checked_at is None or now - self._series_checked_at >= SERIES_EVERY:
            self._series_checked_at = now
            result.add(series_posts=materialize_all(now, self.settings))

    def send_due(self, result: PassResult, stop: threading.Event | None = None) -> None:
        """Keep up to `send_concurrency` publish calls in flight until nothing is due.

        The database work (claim, start, record) stays on this thread and is batched: one
        transaction starts every claimed send, one records every send that has finished.
        Only the platform calls run on the pool.
        """
        cap = max(1, self.settings.send_concurrency)
        refill = max(1, cap // 2)  # claim in small batches, not one row per finished send
        inflight: dict[Future, _Prepared] = {}
        exhausted = False
        with ThreadPoolExecutor(cap, thread_name_prefix=f"send-{self.worker_id}") as pool:
            while True:
                free = cap - len(inflight)
                stopping = stop is not None and stop.is_set()
                if not (stopping or exhausted) and free >= (refill if inflight else 1):
                    ids = self._claim(free)
                    result.add(claimed=len(ids))
                    exhausted = not ids
                    for prepared in self._start(ids, result, stop):
                        inflight[pool.submit(self._send, prepared)] = prepared
                if not inflight:
                    return
                done, pending = wait(list(inflight), return_when=FIRST_COMPLETED)
                if pending and len(done) < refill:
                    # Gather a few more (briefly) so one transaction records several sends.
                    done |= wait(pending, timeout=GATHER_SECONDS, return_when=ALL_COMPLETED)[0]
                self._record([(inflight.pop(f), f.result()) for f in done], result)

    def _claim(self, limit: int) -> list[int]:
        now = self.clock()
        with session_scope() as session:
            _relaxed_commit(session)
            return claim_due(
                session,
                self.worker_id,
                now,
                min(limit, self.settings.worker_batch_size),
                self.settings.lease_seconds,
                grace=timedelta(minutes=self.settings.grace_minutes),
                caps=self.caps,
            )

    # -- the check / send / record steps --------------------------------------------------
    def _process(
        self, target_id: int, result: PassResult, stop: threading.Event | None = None
    ) -> None:
        """Start, send and record one claimed target (what send_due does for a batch)."""
        for prepared in self._start([target_id], result, stop):
            self._record([(prepared, self._send(prepared))], result)

    def _prepare(self, target_id: int) -> _Prepared | None:
        """Start one claimed target: the attempt is on record, the send may begin."""
        started = self._start([target_id], PassResult())
        return started[0] if started else None

    def _start(
        self, ids: list[int], result: PassResult, stop: threading.Event | None = None
    ) -> list[_Prepared]:
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
        prepared: list[_Prepared] = []
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
                    session.execute(
                        update(PostTarget)
                        .where(PostTarget.id == row.id)
                        .values(attempts=PostTarget.attempts - 1, send_started_at=None)
                        .execution_options(synchronize_session=False)
                    )
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
                    _Prepared(
                        request=PublishRequest(
                            target_id=row.id,
                            account_id=row.account_id,
                            text=row.text,
                            media=_media(session, row.media_ids, row.alt_text),
                            link=post.link or None,
                            idempotency_key=f"planner-{row.id}",
                        ),
                        account=account,
                        post_id=row.post_id,
                        attempt_id=attempt.id,
                        verify_first=row.verify_before_send,
                    )
                )
        return prepared

    def _send(self, prepared: _Prepared) -> RemoteRef | PlatformError:
        """The platform call (on a pool thread, no database): a reference or the error."""
        request = prepared.request
        try:
            try:
                platform = self._factory(prepared.account)
            except Exception as exc:  # no adapter, no credentials: surely nothing was sent
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
        self, outcomes: list[tuple[_Prepared, RemoteRef | PlatformError]], result: PassResult
    ) -> None:
        """Store the outcomes of finished sends, in one transaction (posts locked in order)."""
        if not outcomes:
            return
        now = self.clock()
        post_ids = {p.post_id for p, _ in outcomes}
        with session_scope() as session:
            _relaxed_commit(session)
            lock_posts(session, post_ids)
            sent = [(p, o) for p, o in outcomes if not isinstance(o, PlatformError)]
            self._record_sent(session, sent, now)
            result.add(published=len(sent), reconciled=sum(p.found for p, _ in sent))
            for prepared, outcome in outcomes:
                if isinstance(outcome, PlatformError):
                    result.add(**{self._record_failure(session, prepared, outcome, now): 1})
            refresh_posts(session, post_ids, locked=True)

    def _record_sent(
        self, session: Session, sent: list[tuple[_Prepared, RemoteRef]], now: datetime
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
        self, session: Session, prepared: _Prepared, exc: PlatformError, now: datetime
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
        if isinstance(exc, AuthExpired) and account.status == AccountStatus.ACTIVE:
            account.status = AccountStatus.RECONNECT_NEEDED.value
            account.status_reason = exc.message
            notify(
                session,
                "notify.reconnect",
                level="error",
                account_id=account.id,
                account=account.name,
                platform=account.platform,
                kind=exc.kind,
                detail=exc.message,
            )
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

    # -- reconciliation -------------------------------------------------------------------
    def reconcile(self, result: PassResult) -> None:
        """Ask the platform whether unknown-outcome posts exist; mark found ones published."""
        now = self.clock()
        with session_scope() as session:
            ids = claim_reconcile(session, now, self.settings.reconcile_checks)
        for target_id in ids:
            with session_scope() as session:
                target = session.get(PostTarget, target_id)
                post = session.get(Post, target.post_id)
                account = session.get(Account, target.account_id)
                request = build_request(session, target, post)
            try:
                ref = self._factory(account).find_existing(request)
            except Exception as exc:  # the question failed; ask again later
                log.warning("reconciling target %s failed: %s", target_id, exc)
                ref = None
            with session_scope() as session:
                lock_post(session, post.id)
                if ref is not None and self._mark_found(session, target_id, ref, now):
                    result.add(reconciled=1)
                    continue
                target = session.get(PostTarget, target_id)
                if target is None or target.status != S.NEEDS_ATTENTION:
                    continue
                target.reconcile_checks += 1
                step = min(target.reconcile_checks, len(RECONCILE_BACKOFF)) - 1
                target.next_attempt_at = now + RECONCILE_BACKOFF[step]
                if target.reconcile_checks >= self.settings.reconcile_checks:
                    notify(
                        session,
                        "notify.unconfirmed",
                        target=target,
                        account=account.name,
                        checks=target.reconcile_checks,
                    )

    def _mark_found(self, session: Session, target_id: int, ref: RemoteRef, now: datetime) -> bool:
        changed = session.execute(
            update(PostTarget)
            .where(PostTarget.id == target_id)
            .where(PostTarget.status == S.NEEDS_ATTENTION.value)
            .values(
                status=S.PUBLISHED.value,
                remote_id=ref.remote_id,
                remote_url=ref.url,
                published_at=ref.published_at or now,
                next_attempt_at=None,
                error_kind=None,
                last_error="found on the platform after an unclear outcome",
                updated_at=now,
            )
        ).rowcount
        if changed != 1:
            return False
        target = session.get(PostTarget, target_id)
        session.add(
            PublishAttempt(
                target_id=target_id,
                worker_id=self.worker_id,
                platform=target.platform,
                started_at=now,
                finished_at=now,
                outcome="found",
                remote_id=ref.remote_id,
            )
        )
        notify(session, "notify.reconciled", level="info", target=target)
        session.flush()
        refresh_post_status(session, target.post_id)
        return True


def _relaxed_commit(session: Session) -> None:
    """PostgreSQL: this transaction need not wait for its WAL flush.

    Only for the claim and the record. The start (attempt row, send_started_at) always
    commits synchronously, and a synchronous commit flushes all earlier WAL, so a server
    crash can lose at most a claim nobody started (the target is simply due again) or a
    recorded outcome (the target falls back to "started", recovery flags it and
    reconciliation finds the post): never a reason to send twice.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql_text("SET LOCAL synchronous_commit TO OFF"))


def serve(
    worker: Worker,
    stop: threading.Event,
    *,
    collect_metrics: bool = True,
    on_pass: Callable[[PassResult], None] | None = None,
) -> None:
    """Run passes until `stop` is set: the long-running CLI worker and the app thread share this.

    When `stop` is set mid-pass, sends already started finish and are recorded, claimed ones
    not yet started are released, and the loop ends.
    """
    from planner.metrics import collect_once

    while not stop.is_set():
        try:
            result = worker.run_once(stop)
            if collect_metrics and not stop.is_set():
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

    def stop(self, timeout: float = 30) -> None:
        """Finish sends in flight, release the rest, and wait for the thread to end."""
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
