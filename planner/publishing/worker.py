"""The publishing worker: claim due targets, send each at most once, record every attempt.

Sending is split into three short transactions so that no database lock is held during a
network call, and so that a crash at any point leaves a trace that recovery can read:

1. claim   – due targets move scheduled/retrying → publishing under this worker's lease
             (`claims`: FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite).
2. start   – just before sending, the target must still be ours, still publishing and not
             started; `send_started_at` and the attempt row are committed *before* the call,
             and from then on an edit or cancel is refused (it reports "too late")
             (`starting`).
3. record  – the outcome: published, retrying (nothing was sent), failed, or needs_attention
             (the request may have reached the platform: never resent blindly)
             (`recording`).

Every pass first does the housekeeping (`maintenance`) and ends by delivering
notifications. `planner worker`, `planner worker --once` and the app's embedded thread all
run `Worker.run_once`; only the loop around it (`serve`) differs.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from planner.catalogue.schedule import ScheduledHarvests
from planner.collecting import collect_due
from planner.config import Settings, get_settings
from planner.db import read_scope, session_scope
from planner.models import utcnow
from planner.notify import deliver_pending
from planner.platforms import for_account
from planner.publishing.claims import Caps, any_due, claim_due, relaxed_commit
from planner.publishing.context import PlatformFactory, WorkerContext
from planner.publishing.heartbeat import Heartbeat
from planner.publishing.maintenance import Maintenance
from planner.publishing.recording import record
from planner.publishing.results import PassResult
from planner.publishing.sending import send
from planner.publishing.starting import StartedSend, start

log = logging.getLogger(__name__)
GATHER_SECONDS = 0.01  # how long a finished send waits for others, to share a transaction


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
        settings = settings or get_settings()
        self.ctx = WorkerContext(
            worker_id=worker_id,
            settings=settings,
            clock=clock,
            platforms=platform_factory
            or (lambda account: for_account(account, settings, clock=clock)),
            rng=rng or random.Random(),
        )
        self.caps = Caps(settings.platform_concurrency, settings.daily_caps)
        self.maintenance = Maintenance(self.ctx)

    @property
    def worker_id(self) -> str:
        return self.ctx.worker_id

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.ctx.clock

    # -- one pass -------------------------------------------------------------------------
    def run_once(self, stop: threading.Event | None = None) -> PassResult:
        """Housekeeping, then claim and send what is due until nothing is; one pass."""
        began = time.monotonic()
        result = PassResult()
        self.maintenance.run(result)
        self.send_due(result, stop)
        result.notifications_sent += deliver_pending(self.settings, now=self.clock())
        if self.settings.report_email:
            # Imported only when switched on: the PDF and chart libraries stay out of a
            # worker that never mails a report.
            from planner.evaluation.report.mailing import send_monthly_report

            result.notifications_sent += send_monthly_report(self.settings, now=self.clock())
        result.seconds = time.monotonic() - began
        return result

    def send_due(self, result: PassResult, stop: threading.Event | None = None) -> None:
        """Keep up to `send_concurrency` publish calls in flight until nothing is due.

        The database work (claim, start, record) stays on this thread and is batched: one
        transaction starts every claimed send, one records every send that has finished.
        Only the platform calls run on the pool. Before each claim, expired leases are
        recovered (once a second), so a dead worker's targets are taken over while this
        one is busy with a long backlog rather than only when its pass ends.
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
                    self.maintenance.recover_if_due(result)
                    ids = self.claim(free)
                    result.add(claimed=len(ids))
                    exhausted = not ids
                    for prepared in start(self.ctx, ids, result, stop):
                        inflight[pool.submit(send, self.ctx, prepared)] = prepared
                if not inflight:
                    return
                done, pending = wait(list(inflight), return_when=FIRST_COMPLETED)
                if pending and len(done) < refill:
                    # Gather a few more (briefly) so one transaction records several sends.
                    done |= wait(pending, timeout=GATHER_SECONDS, return_when=ALL_COMPLETED)[0]
                record(self.ctx, [(inflight.pop(f), f.result()) for f in done], result)

    def claim(self, limit: int) -> list[int]:
        """Claim up to `limit` due targets under this worker's lease; their ids.

        A read looks first: when nothing is due (most passes) no write lock is taken.
        """
        now = self.clock()
        grace = timedelta(minutes=self.settings.grace_minutes)
        with read_scope() as session:
            if not any_due(session, now, grace):
                return []
        with session_scope() as session:
            relaxed_commit(session)
            return claim_due(
                session,
                self.worker_id,
                now,
                min(limit, self.settings.worker_batch_size),
                self.settings.lease_seconds,
                grace=grace,
                caps=self.caps,
            )

    def process(self, target_id: int, result: PassResult) -> None:
        """Start, send and record one claimed target (what send_due does for a batch)."""
        for prepared in start(self.ctx, [target_id], result):
            record(self.ctx, [(prepared, send(self.ctx, prepared))], result)

    def prepare(self, target_id: int) -> StartedSend | None:
        """Start one claimed target: the attempt is on record, the send may begin."""
        started = start(self.ctx, [target_id], PassResult())
        return started[0] if started else None


def serve(
    worker: Worker,
    stop: threading.Event,
    *,
    collect_metrics: bool = True,
    on_pass: Callable[[PassResult], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> None:
    """Run passes until `stop` is set: the long-running CLI worker and the app thread share this.

    A heartbeat thread renews the leases of what the worker holds the whole time (leases
    are short so a dead worker's targets are recovered quickly). When `stop` is set
    mid-pass, sends already started finish and are recorded, claimed ones not yet started
    are released, and the loop ends. `on_start` runs once the first heartbeat is recorded.
    """
    with Heartbeat(worker.ctx):
        if on_start is not None:
            on_start()
        _loop(worker, stop, collect_metrics, on_pass)


def _loop(
    worker: Worker,
    stop: threading.Event,
    collect_metrics: bool,
    on_pass: Callable[[PassResult], None] | None,
) -> None:
    every = timedelta(seconds=worker.settings.metrics_interval_seconds)
    collected_at: datetime | None = None
    harvests = ScheduledHarvests()  # catalogue sources on a schedule, on their own thread
    while not stop.is_set():
        try:
            result = worker.run_once(stop)
            now = worker.clock()
            # Looking for due snapshots is a query; once every few minutes is on time enough
            # for milestones an hour apart or more, and leaves publishing passes cheap.
            due = collected_at is None or now - collected_at >= every
            if collect_metrics and due and not stop.is_set():
                collected_at = now
                collect_due(settings=worker.settings, now=now)
            if collect_metrics and not stop.is_set():
                harvests.poke(now)
            if on_pass is not None:
                on_pass(result)
        except Exception:  # keep serving; the next pass retries (the database may be back)
            log.exception("worker pass failed")
        stop.wait(worker.settings.worker_poll_seconds)
