"""Two app processes on one SQLite file: migrations serialise, posts go out once, no corruption."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from planner import config, db
from planner.db import session_scope
from planner.models import PostTarget
from planner.platforms.sandbox import outbox_records
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        try:
            if (
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read()
                == b"ok"
            ):
                return
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode()[-2000:]
            time.sleep(0.2)
    raise AssertionError("app did not start")


def test_two_servers_share_one_sqlite_file(data_dir: Path) -> None:
    env = {
        **os.environ,
        "PLANNER_DATA_DIR": str(data_dir),
        "PLANNER_EMBEDDED_WORKER": "true",
        "PLANNER_WORKER_POLL_SECONDS": "0.2",
    }
    procs = []
    try:
        for _ in range(2):
            port = _free_port()
            proc = subprocess.Popen(
                [sys.executable, "-m", "planner.cli", "serve", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            procs.append((port, proc))
        for port, proc in procs:
            _wait_healthy(port, proc)

        config.reset_settings()
        db.dispose_engines()
        with session_scope() as session:
            accounts = add_sandbox_accounts(session)
            for i in range(30):
                schedule_post(
                    session,
                    data=PostCreate(
                        title=f"post {i}",
                        texts={p: f"Halo {i} {p}" for p in ("x", "facebook", "instagram")},
                        account_ids=[a.id for a in accounts[:2]],
                        due_at=datetime.now(UTC),
                    ),
                    publish_now=True,
                    actor=ADMIN,
                )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with session_scope() as session:
                statuses = Counter(t.status for t in session.exec(select(PostTarget)))
            if statuses == Counter({"published": 60}):
                break
            time.sleep(0.3)
        assert statuses == Counter({"published": 60})
    finally:
        for _, proc in procs:
            proc.terminate()
            proc.wait(15)
    records = outbox_records(data_dir / "outbox")
    per_target = Counter(r["target_id"] for r in records)
    assert len(per_target) == 60 and set(per_target.values()) == {1}
    db.dispose_engines()
    conn = sqlite3.connect(data_dir / "planner.db")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
