"""`planner serve` runs the publishing worker as a child process, started and stopped with it.

A real server on a free port over a temporary SQLite database: a due post goes out through
the child (not the app's own process), a worker killed with SIGKILL is started again, and
when the server goes — SIGTERM, or killed outright — no worker process is left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from planner import config, db
from planner.db import read_scope, session_scope
from planner.models import PostTarget, WorkerHeartbeat
from planner.publishing.embedded import WorkerProcess
from planner.scheduling import PostCreate, schedule_post
from tests.conftest import free_port
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN
from tests.test_two_apps import _wait_healthy

ROOT = Path(__file__).resolve().parent.parent


def gone(pid: int) -> bool:
    """No such process, or only its zombie (exited, not yet reaped by whoever adopted it)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def running_worker_pids() -> set[int]:
    with read_scope() as session:
        rows = session.exec(
            select(WorkerHeartbeat).where(WorkerHeartbeat.stopped_at == None)  # noqa: E711
        ).all()
    return {row.pid for row in rows if not gone(row.pid)}


def schedule_due(accounts: list[int], title: str) -> int:
    with session_scope() as session:
        post = schedule_post(
            session,
            data=PostCreate(
                title=title,
                texts={"x": f"{title}!"},
                account_ids=accounts,
                due_at=datetime.now(UTC),
            ),
            publish_now=True,
            actor=ADMIN,
        )
        return post.id


def published(post_id: int) -> bool:
    with read_scope() as session:
        statuses = session.exec(select(PostTarget.status).where(PostTarget.post_id == post_id))
        return set(statuses) == {"published"}


@pytest.fixture
def server(data_dir: Path, tmp_path: Path):
    """`planner serve` with its worker, on a free port; the test stops it as it wants."""
    env = {
        **os.environ,
        "PLANNER_DATA_DIR": str(data_dir),
        "PLANNER_EMBEDDED_WORKER": "true",
        "PLANNER_WORKER_POLL_SECONDS": "0.2",
    }
    port = free_port()
    with open(tmp_path / "serve.log", "wb") as log:  # a file: a full pipe would stall the server
        proc = subprocess.Popen(
            [sys.executable, "-m", "planner.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_healthy(port, proc)
        config.reset_settings()
        db.dispose_engines()
        with session_scope() as session:
            accounts = [add_sandbox_accounts(session)[0].id]
        yield proc, accounts
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


def test_the_child_worker_publishes_is_restarted_and_stops_with_the_server(server) -> None:
    proc, accounts = server
    post_id = schedule_due(accounts, "Dongeng Sabtu")
    wait_for(lambda: published(post_id), 60, "the post to go out")
    [first] = wait_for(running_worker_pids, 30, "the worker's heartbeat")
    assert first != proc.pid  # published by a process of its own

    os.kill(first, signal.SIGKILL)
    wait_for(lambda: gone(first), 10, "the killed worker to end")
    [second] = wait_for(lambda: running_worker_pids() - {first}, 60, "a restarted worker")
    post_id = schedule_due(accounts, "Pameran Buku")
    wait_for(lambda: published(post_id), 60, "the next post to go out")

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0
    wait_for(lambda: gone(second), 10, "the worker to stop with the server")
    with read_scope() as session:  # a clean stop: it said goodbye
        beat = session.exec(select(WorkerHeartbeat).where(WorkerHeartbeat.pid == second)).one()
    assert beat.stopped_at is not None


def test_a_server_killed_outright_leaves_no_worker_behind(server) -> None:
    proc, _ = server
    [worker] = wait_for(running_worker_pids, 30, "the worker's heartbeat")
    proc.kill()
    proc.wait(30)
    wait_for(lambda: gone(worker), 15, "the orphaned worker to notice and stop")


def test_stopping_a_worker_process_that_will_not_end_kills_it(data_dir: Path) -> None:
    """A worker stuck past the grace period is killed, and the supervisor does not restart it."""
    stubborn = WorkerProcess(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
        ]
    ).start()
    pid = stubborn.pid
    time.sleep(0.5)
    stubborn.stop(timeout=1)
    assert gone(pid) and not stubborn.alive
    time.sleep(1.5)
    assert stubborn.pid == pid and stubborn.restarts == 0
