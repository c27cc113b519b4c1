"""Real worker processes against one database: every target exactly once, none lost.

PostgreSQL: 4 `planner worker` processes × 2,000 due targets; SQLite: 2 processes. The
count is taken on the sandbox outbox (what "went out"), not on the database's own say-so.
Then a worker killed with SIGKILL mid-batch: after a restart nothing is sent twice and
nothing is lost (unknown outcomes are reconciled or wait in needs_attention).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert
from sqlmodel import select

from planner.config import get_settings
from planner.db import get_engine, session_scope
from planner.models import Account, Post, PostTarget, PublishAttempt
from planner.platforms.sandbox import outbox_records

ROOT = Path(__file__).resolve().parent.parent


def seed(n: int, due: datetime) -> None:
    """`n` due targets spread over three sandbox accounts, inserted in bulk."""
    with session_scope() as session:
        accounts = [
            Account(platform=p, name=f"Sandbox {p}", handle=f"@c_{p}", is_sandbox=True)
            for p in ("x", "facebook", "instagram")
        ]
        session.add_all(accounts)
        session.flush()
        ids = [(a.id, a.platform) for a in accounts]
    engine = get_engine()
    now = datetime.now(UTC)
    with engine.begin() as conn:
        posts = [
            {"title": f"p{i}", "status": "scheduled", "author": "", "alt_text": "", "link": "",
             "version": 1, "created_at": now, "updated_at": now}
            for i in range(n)
        ]  # fmt: skip
        conn.execute(insert(Post), posts)
        post_ids = conn.execute(select(Post.id).order_by(Post.id)).scalars().all()
        conn.execute(
            insert(PostTarget),
            [
                {"post_id": pid, "account_id": ids[i % 3][0], "platform": ids[i % 3][1],
                 "text": f"Halo #{i}", "media_ids": [], "alt_text": "", "status": "scheduled",
                 "due_at": due, "attempts": 0, "content_version": 1, "updated_at": now,
                 "reconcile_checks": 0, "verify_before_send": False}
                for i, pid in enumerate(post_ids)
            ],
        )  # fmt: skip


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc


def worker_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PLANNER_DATA_DIR": str(get_settings().data_dir),
        "PLANNER_EMBEDDED_WORKER": "false",
        "PLANNER_WORKER_POLL_SECONDS": "0.1",
        **extra,
    }
    return env


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def statuses() -> Counter:
    with session_scope() as session:
        rows = session.exec(select(PostTarget.status, func.count()).group_by(PostTarget.status))
        return Counter(dict(rows.all()))


def test_many_worker_processes_publish_each_target_exactly_once(any_db) -> None:
    processes = 4 if any_db.startswith("postgresql") else 2
    n = 2000
    env = worker_env(PLANNER_SEND_CONCURRENCY="4", PLANNER_WORKER_BATCH_SIZE="20")
    procs = [spawn(["planner.cli", "worker", "--id", f"w{i}"], env) for i in range(processes)]
    try:
        for proc in procs:  # every worker is up and polling before anything falls due
            assert "started" in proc.stderr.readline()
        seed(n, datetime.now(UTC))
        wait_for(lambda: statuses() == Counter({"published": n}), 240, "all published")
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        codes = [proc.wait(30) for proc in procs]
    assert codes == [0] * processes  # SIGTERM: finish, release, exit cleanly
    sent = Counter(r["target_id"] for r in outbox_records(get_settings().outbox_dir))
    assert len(sent) == n, "lost targets"
    assert set(sent.values()) == {1}, "duplicates"
    with session_scope() as session:
        per_worker = Counter(session.exec(select(PublishAttempt.worker_id)).all())
        outcomes = Counter(session.exec(select(PublishAttempt.outcome)).all())
    assert outcomes == Counter({"sent": n})
    assert len(per_worker) == processes and min(per_worker.values()) > 0, per_worker


def test_sigkill_mid_batch_then_restart_sends_nothing_twice_and_loses_nothing(any_db) -> None:
    n = 300
    seed(n, datetime.now(UTC))
    outbox = get_settings().outbox_dir
    env = worker_env(PLANNER_SEND_CONCURRENCY="4", PLANNER_LEASE_SECONDS="2")
    victim = spawn(["tests.slow_worker", "victim", "0.05"], env)
    try:
        assert "started" in victim.stdout.readline()
        wait_for(lambda: len(outbox_records(outbox)) >= 40, 120, "the batch to be under way")
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
    assert statuses()["publishing"] > 0  # it really died holding targets
    time.sleep(2.5)  # its leases run out
    restart = subprocess.run(
        [sys.executable, "-m", "planner.cli", "worker", "--once", "--id", "restarted", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert restart.returncode == 0, restart.stderr
    sent = Counter(r["target_id"] for r in outbox_records(outbox))
    assert set(sent.values()) == {1}, "a target went out twice"
    with session_scope() as session:
        rows = session.exec(select(PostTarget)).all()
        unknown = set(
            session.exec(
                select(PublishAttempt.target_id).where(PublishAttempt.outcome == "unknown")
            ).all()
        )
        found = set(
            session.exec(
                select(PublishAttempt.target_id).where(PublishAttempt.outcome == "found")
            ).all()
        )
    final = Counter(t.status for t in rows)
    assert set(final) <= {"published", "needs_attention"}, final  # nothing lost in between
    assert unknown, "the kill should have caught sends in flight"
    for target in rows:
        if target.status == "published":
            assert sent[target.id] == 1
        else:  # never sent and not resent blindly: a person decides
            assert target.id in unknown and sent[target.id] == 0
    assert found <= unknown  # reconciled ones were sends the victim made before dying
    assert final["published"] == len(sent)


RECOVERY_BOUND = 15.0  # seconds from a SIGKILL until its targets are out or with a person


def test_sigkilled_worker_is_recovered_by_a_live_worker_within_seconds(any_db) -> None:
    """Default lease and heartbeat: a live worker takes over a dead one's targets in < 15 s.

    The victim dies holding sends mid-call (started) and claims it never started; the live
    worker (`planner worker --log-json`) sends the unstarted ones and hands the started
    ones to reconciliation, never resending them blindly.
    """
    n = 12
    seed(n, datetime.now(UTC))
    outbox = get_settings().outbox_dir
    env = worker_env(PLANNER_SEND_CONCURRENCY="4")
    env.pop("PLANNER_LEASE_SECONDS", None)
    env.pop("PLANNER_HEARTBEAT_SECONDS", None)
    victim = spawn(["tests.slow_worker", "victim", "60", "hold"], env)
    live = None
    try:
        assert victim.stdout.readline().strip() == "started"
        held = [int(i) for i in victim.stdout.readline().split()[1:]]
        with session_scope() as session:
            held_by_victim = select(PostTarget).where(PostTarget.lease_owner == "victim")
            mine = session.exec(held_by_victim).all()
        started = sorted(t.id for t in mine if t.send_started_at is not None)
        unstarted = sorted(t.id for t in mine if t.send_started_at is None)
        assert started and unstarted == sorted(held), (started, unstarted, held)
        live = spawn(["planner.cli", "worker", "--id", "live", "--log-json"], env)
        assert json.loads(live.stderr.readline())["event"] == "started"
        wait_for(lambda: statuses()["published"] == n - len(mine), 60, "the rest sent")
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        killed_at = time.monotonic()
        wait_for(
            lambda: statuses() == Counter({"published": n - len(started),
                                           "needs_attention": len(started)}),
            RECOVERY_BOUND + 5,
            "the victim's targets recovered",
        )  # fmt: skip
        took = time.monotonic() - killed_at
    finally:
        for proc in (victim, live):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM if proc is live else signal.SIGKILL)
                proc.wait(30)
    assert took < RECOVERY_BOUND, f"recovery took {took:.1f} s"
    sent = Counter(r["target_id"] for r in outbox_records(outbox))
    assert set(sent.values()) == {1}, "a target went out twice"
    assert all(sent[i] == 0 for i in started), "a started send was resent blindly"
    with session_scope() as session:
        by_id = {t.id: t for t in session.exec(select(PostTarget)).all()}
        senders = dict(
            session.exec(
                select(PublishAttempt.target_id, PublishAttempt.worker_id).where(
                    PublishAttempt.outcome == "sent"
                )
            ).all()
        )
    assert all(by_id[i].error_kind == "unknown" for i in started)
    assert all(senders[i] == "live" for i in unstarted)  # went out through the live worker
    events = [json.loads(line) for line in live.stderr.read().splitlines() if line.strip()]
    passes = [e for e in events if e["event"] == "pass"]
    assert events[-1]["event"] == "stopped" and passes
    assert sum(e["published"] for e in passes) == sum(v == "live" for v in senders.values())
    assert sum(e["needs_attention"] for e in passes) == len(started)
