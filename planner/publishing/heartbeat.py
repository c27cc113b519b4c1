"""Heartbeats: a running worker says it is alive and keeps the leases of what it holds.

Leases are short (`PLANNER_LEASE_SECONDS`, 10 s) so that a worker that dies — SIGKILL, a
power cut, a lost machine — gives its targets up within seconds: the unstarted ones go out
through another worker, the started ones go to needs_attention and are reconciled. A live
worker whose send takes longer than a lease keeps its targets because this thread renews
every lease it holds every few seconds (`PLANNER_HEARTBEAT_SECONDS`).

Renewal is a conditional UPDATE on rows still ours and still publishing, so it never takes
back a target that recovery, a person or another worker has already moved: exactly-once
rests on the start's guard and on recovery, not on the heartbeat being on time. A late
heartbeat costs at most a false recovery (a started send flagged for reconciliation).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col

from planner.changes import INVISIBLE
from planner.db import session_scope
from planner.models import PostStatus, PostTarget, WorkerHeartbeat
from planner.publishing.context import WorkerContext

log = logging.getLogger(__name__)
FORGET_AFTER = timedelta(days=1)  # heartbeat rows of workers gone this long are deleted


def renew_leases(session: Session, worker_id: str, now: datetime, lease_seconds: float) -> int:
    """Extend the lease of every target this worker holds; how many it holds."""
    return session.execute(
        update(PostTarget)
        .where(PostTarget.status == PostStatus.PUBLISHING.value)
        .where(PostTarget.lease_owner == worker_id)
        .values(lease_expires_at=now + timedelta(seconds=lease_seconds))
        # A renewed lease is nothing a page shows: the change counter stays put.
        .execution_options(synchronize_session=False, **INVISIBLE)
    ).rowcount


def beat(
    session: Session,
    worker_id: str,
    now: datetime,
    lease_seconds: float,
    *,
    started_at: datetime | None = None,
) -> int:
    """One heartbeat: renew this worker's leases and record that it was seen; what it holds.

    `started_at` marks the first beat of a run: the row is (re)started, not just touched.
    """
    held = renew_leases(session, worker_id, now, lease_seconds)
    row = session.get(WorkerHeartbeat, worker_id)
    if row is None:
        row = WorkerHeartbeat(worker_id=worker_id, started_at=started_at or now)
        session.add(row)
    if started_at is not None:
        row.started_at = started_at
        row.stopped_at = None
        row.host = socket.gethostname()[:255]
        row.pid = os.getpid()
    row.last_seen_at = now
    row.in_flight = held
    return held


def mark_stopped(session: Session, worker_id: str, now: datetime) -> None:
    """A clean exit: the worker released what it held and will not be back under this run."""
    row = session.get(WorkerHeartbeat, worker_id)
    if row is not None:
        row.last_seen_at = now
        row.stopped_at = now
        row.in_flight = 0


def forget_old(session: Session, now: datetime) -> int:
    """Delete heartbeat rows of workers not seen for a day; how many."""
    return session.execute(
        delete(WorkerHeartbeat).where(col(WorkerHeartbeat.last_seen_at) < now - FORGET_AFTER)
    ).rowcount


class Heartbeat:
    """A worker's heartbeat thread: beats once on start, then every `heartbeat_interval`.

    Used as a context manager around a worker's passes (`serve`, `planner worker --once`).
    """

    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx
        self.interval = ctx.settings.heartbeat_interval
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat-{ctx.worker_id}", daemon=True
        )

    def start(self) -> Heartbeat:
        """Beat once (so `planner status` lists the worker at once), then keep beating."""
        now = self.ctx.clock()
        self._beat(started_at=now)
        self._safely(lambda session: forget_old(session, now))
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop beating and record a clean exit."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._safely(lambda session: mark_stopped(session, self.ctx.worker_id, self.ctx.clock()))

    def __enter__(self) -> Heartbeat:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._beat()

    def _beat(self, started_at: datetime | None = None) -> None:
        self._safely(
            lambda session: beat(
                session,
                self.ctx.worker_id,
                self.ctx.clock(),
                self.ctx.settings.lease_seconds,
                started_at=started_at,
            )
        )

    def _safely(self, step: Callable[[Session], object]) -> None:
        # The database may be briefly away; the next beat tries again, and the lease is
        # several beats long, so one missed beat costs nothing.
        try:
            with session_scope() as session:
                step(session)
        except Exception:
            log.warning("worker %s: heartbeat failed", self.ctx.worker_id, exc_info=True)
