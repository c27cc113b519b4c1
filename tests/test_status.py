"""`planner status`: workers seen recently, queue depth by status, the oldest overdue post."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from planner.db import session_scope
from planner.models import utcnow
from planner.publishing.claims import claim_due
from planner.publishing.heartbeat import beat, mark_stopped
from planner.publishing.status import running_workers, status_report
from tests.test_worker import schedule

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> tuple:
    """Three workers (running, lost, stopped) and three targets (claimed, late, future)."""
    now = utcnow()
    schedule(due=now - timedelta(minutes=10))
    late_post = schedule(due=now - timedelta(minutes=2))
    schedule(due=now + timedelta(hours=1))
    with session_scope() as session:  # the older one is being sent: not overdue
        claim_due(session, "w-run", now, 1, lease_seconds=10)

    def ago(**delta: float):
        return now - timedelta(**delta)

    with session_scope() as session:
        beat(session, "w-lost", ago(seconds=40), 10, started_at=ago(hours=2))
        beat(session, "w-done", ago(seconds=90), 10, started_at=ago(hours=1))
        mark_stopped(session, "w-done", ago(seconds=60))
        beat(session, "w-run", now, 10, started_at=ago(minutes=5))
        beat(session, "w-old", ago(hours=3), 10, started_at=ago(hours=4))  # not seen lately
    return now, late_post


def test_status_report_lists_workers_queue_and_oldest_overdue(any_db) -> None:
    now, late_post = _setup()
    with session_scope() as session:
        report = status_report(session, now, lease_seconds=10)
    states = {w["id"]: (w["state"], w["in_flight"]) for w in report["workers"]}
    assert states == {"w-run": ("running", 1), "w-lost": ("lost", 0), "w-done": ("stopped", 0)}
    assert report["queue"] == {"publishing": 1, "scheduled": 2}
    late = report["oldest_overdue"]
    assert late["post_id"] == late_post and late["status"] == "scheduled"
    assert 119 <= late["overdue_seconds"] <= 130


def test_only_workers_beating_within_a_lease_count_as_running(any_db) -> None:
    now, _ = _setup()
    with session_scope() as session:
        assert running_workers(session, now, lease_seconds=10) == 1  # w-run
        assert running_workers(session, now, lease_seconds=60) == 2  # and w-lost


def test_nothing_overdue_is_none(sqlite_db) -> None:
    schedule(due=utcnow() + timedelta(hours=1))
    with session_scope() as session:
        report = status_report(session, utcnow(), lease_seconds=10)
    assert report == {"workers": [], "queue": {"scheduled": 1}, "oldest_overdue": None}


def planner_status(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", "status", *args],
        cwd=ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_planner_status_json_shape(sqlite_db) -> None:
    _, late_post = _setup()
    run = planner_status("--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert set(report) == {"workers", "queue", "oldest_overdue"}
    assert [w["id"] for w in report["workers"]] == ["w-run", "w-lost", "w-done"]
    assert set(report["workers"][0]) == {
        "id", "host", "pid", "started_at", "last_seen_at", "seen_seconds_ago", "in_flight",
        "state",
    }  # fmt: skip
    assert report["workers"][0]["pid"] == os.getpid()  # the beat above ran in this process
    assert report["queue"] == {"publishing": 1, "scheduled": 2}
    assert set(report["oldest_overdue"]) == {
        "post_id", "target_id", "platform", "account", "status", "due_at", "overdue_seconds"
    }  # fmt: skip
    assert report["oldest_overdue"]["post_id"] == late_post


def test_planner_status_lines(sqlite_db) -> None:
    _setup()
    run = planner_status()
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "workers (3 seen in the last hour):"
    assert lines[1].split()[:2] == ["w-run", "running"] and "1 in flight" in lines[1]
    assert "queue: publishing 1, scheduled 2" in lines
    assert lines[-1].startswith("oldest overdue: post #")
