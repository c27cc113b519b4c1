"""Heartbeats: a live worker keeps what it holds however slow its send; a dead one does not."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.models import Notification, PostTarget, PublishAttempt, WorkerHeartbeat, utcnow
from planner.publishing.claims import claim_due
from planner.publishing.heartbeat import Heartbeat, beat, forget_old, mark_stopped
from planner.publishing.worker import Worker, serve
from tests.doubles import PlatformDouble
from tests.test_worker import schedule

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def test_beat_renews_only_this_workers_publishing_targets(any_db) -> None:
    for _ in range(3):
        schedule(due=T0)
    with session_scope() as session:
        [a1, a2] = claim_due(session, "a", T0, 2, lease_seconds=10)
        [b1] = claim_due(session, "b", T0, 1, lease_seconds=10)
    later = T0 + timedelta(seconds=8)
    with session_scope() as session:
        held = beat(session, "a", later, 10, started_at=T0)
    assert held == 2
    with session_scope() as session:
        lease = {t.id: t.lease_expires_at for t in session.exec(select(PostTarget))}
        row = session.get(WorkerHeartbeat, "a")
    assert lease[a1] == lease[a2] == later + timedelta(seconds=10)
    assert lease[b1] == T0 + timedelta(seconds=10)  # another worker's lease is its own
    assert (row.started_at, row.last_seen_at, row.stopped_at) == (T0, later, None)
    assert row.in_flight == 2
    assert row.pid > 0 and row.host


def test_renewal_never_takes_back_a_recovered_target(sqlite_db) -> None:
    schedule(due=T0)
    with session_scope() as session:
        [target_id] = claim_due(session, "a", T0, 1, lease_seconds=10)
        session.get(PostTarget, target_id).lease_owner = None  # recovery got there first
        session.get(PostTarget, target_id).status = "scheduled"
    with session_scope() as session:
        assert beat(session, "a", T0, 10, started_at=T0) == 0
        assert session.get(PostTarget, target_id).lease_expires_at == T0 + timedelta(seconds=10)


def test_stop_marks_a_clean_exit_and_old_rows_are_forgotten(sqlite_db) -> None:
    with session_scope() as session:
        beat(session, "old", T0 - timedelta(days=2), 10, started_at=T0 - timedelta(days=2))
        beat(session, "w", T0, 10, started_at=T0)
    with session_scope() as session:
        mark_stopped(session, "w", T0 + timedelta(seconds=5))
        assert forget_old(session, T0) == 1
    with session_scope() as session:
        [row] = session.exec(select(WorkerHeartbeat)).all()
    assert (row.worker_id, row.stopped_at, row.in_flight) == ("w", T0 + timedelta(seconds=5), 0)


def test_heartbeat_thread_beats_on_start_and_every_interval(sqlite_db) -> None:
    settings = get_settings().model_copy(update={"lease_seconds": 1, "heartbeat_seconds": 5})
    worker = Worker("beating", settings=settings)
    assert Heartbeat(worker.ctx).interval == 1 / 3  # never more than a third of the lease
    with Heartbeat(worker.ctx):
        with session_scope() as session:
            first = session.get(WorkerHeartbeat, "beating").last_seen_at
        time.sleep(0.8)
        with session_scope() as session:
            assert session.get(WorkerHeartbeat, "beating").last_seen_at > first
    with session_scope() as session:
        assert session.get(WorkerHeartbeat, "beating").stopped_at is not None


def test_lease_renewal_keeps_a_slow_send_from_being_stolen(any_db) -> None:
    """A send slower than the lease: another worker's passes leave it alone, and it ends
    published once, not flagged as a dead worker's unknown outcome."""
    schedule(due=utcnow())
    settings = get_settings().model_copy(
        update={"lease_seconds": 1, "heartbeat_seconds": 0.2, "worker_poll_seconds": 0.05}
    )
    slow = PlatformDouble(gate=threading.Event())
    owner = Worker("owner", settings=settings, platform_factory=lambda a: slow)
    other = Worker(
        "other", settings=settings, platform_factory=lambda a: PlatformDouble(),
        rng=random.Random(7),
    )  # fmt: skip
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(owner, stop), kwargs={"collect_metrics": False})
    thread.start()
    try:
        assert slow.entered.wait(10), "the slow send never began"
        deadline = time.monotonic() + 3  # three leases
        recovered = 0
        while time.monotonic() < deadline:
            recovered += other.run_once().recovered
            time.sleep(0.1)
        [target] = session_targets()
        assert recovered == 0
        assert (target.status, target.lease_owner) == ("publishing", "owner")
        slow.gate.set()
        deadline = time.monotonic() + 10
        while session_targets()[0].status != "published" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        slow.gate.set()
        stop.set()
        thread.join(10)
    assert session_targets()[0].status == "published"
    with session_scope() as session:
        outcomes = [a.outcome for a in session.exec(select(PublishAttempt))]
        keys = [n.key for n in session.exec(select(Notification))]
    assert outcomes == ["sent"] and "notify.unknown" not in keys
    assert len(slow.publish_calls) == 1


def session_targets() -> list[PostTarget]:
    with session_scope() as session:
        return list(session.exec(select(PostTarget).order_by(PostTarget.id)))
