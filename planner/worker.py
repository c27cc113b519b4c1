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

from planner.claims import Caps, claim_due, recover_expired, refresh_statistics, sweep_missed
from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.lifecycle import refresh_post_status
from planner.models import utcnow
from planner.notify import deliver_pending
from planner.platforms import for_account
from planner.reconcile import Reconciler
from planner.sending import PlatformFactory, SendSteps, StartedSend, relaxed_commit

log = logging.getLogger(__name__)
SERIES_EVERY = timedelta(minutes=1)
GATHER_SECONDS = 0.01  # how long a finished send waits for others, to share a transaction
ANALYZE_EVERY = timedelta(hours=6)


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


class Worker(SendSteps, Reconciler):
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
        inflight: dict[Future, StartedSend] = {}
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
            relaxed_commit(session)
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

    def _prepare(self, target_id: int) -> StartedSend | None:
        """Start one claimed target: the attempt is on record, the send may begin."""
        started = self._start([target_id], PassResult())
        return started[0] if started else None


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
