"""Reads never take the write lock: `read_scope()` beside a writer, and writes refused in it.

On SQLite a held write transaction (BEGIN IMMEDIATE in another connection) must not stop
a page's queries, in other threads or other processes; a read scope that tries to write
fails at once on both databases, so the split between reads and writes cannot rot.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from planner import calendar as planned
from planner import db
from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.models import Account, Post, PostTarget
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_sandbox_accounts, add_target
from tests.people_helpers import ADMIN

READERS = 8


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock-taking read would wait this little and then fail, instead of 30 s."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    db.dispose_engines()


def _seed() -> None:
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        add_target(session, x, datetime.now(UTC) + timedelta(days=1))


def test_a_read_scope_refuses_to_write(any_db: str) -> None:
    _seed()
    with pytest.raises(DBAPIError, match=r"(?i)read-?only"), read_scope() as session:
        session.add(Post(title="slipped in"))
    with pytest.raises(DBAPIError, match=r"(?i)read-?only"), read_scope() as session:
        session.execute(text("UPDATE post SET title = 'x'"))
    with read_scope() as session:
        assert [p.title for p in session.exec(select(Post))] == ["t"]


def test_the_same_pooled_connection_writes_again_after_a_read(any_db: str) -> None:
    """query_only (SQLite) belongs to the connection: a write scope must get it switched off."""
    _seed()
    for _ in range(3):
        with read_scope() as session:
            session.exec(select(Post)).all()
        with session_scope() as session:
            session.add(Post(title="written"))
    with read_scope() as session:
        assert len(session.exec(select(Post)).all()) == 4


def _hold_write_lock(path: str, locked: threading.Event, release: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE post SET title = 'being edited'")
    locked.set()
    release.wait(30)
    conn.execute("COMMIT")
    conn.close()


def _page_reads() -> int:
    """What the calendar page asks: a month of entries, the queue and the recent list."""
    now = datetime.now(UTC)
    with read_scope() as session:
        found = planned.entries(
            session, now - timedelta(days=31), now + timedelta(days=31), viewer=ADMIN
        )
        queued = planned.upcoming(session, 50, viewer=ADMIN)
        planned.recent(session, 20, viewer=ADMIN)
        planned.filter_options(session, viewer=ADMIN)
    return len(found) + len(queued)


# Another process reads through planner as a page would. A plain subprocess, not
# multiprocessing's spawn: after an AppTest run in the same pytest process, spawn would
# re-run app.py as the child's __main__.
READ_IN_PROCESS = """
import os, sys
os.environ["PLANNER_DATA_DIR"] = sys.argv[1]
from planner import db
db.BUSY_TIMEOUT_MS = 200
from tests.test_read_scope import _page_reads
print(_page_reads())
"""


def _read_in_processes(data_dir: str, count: int) -> list[object]:
    root = Path(__file__).resolve().parent.parent
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READ_IN_PROCESS, data_dir],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    results: list[object] = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        lines = out.split()
        results.append(int(lines[-1]) if proc.returncode == 0 and lines else err[-2000:])
    return results


def test_reads_go_on_while_another_connection_holds_the_write_lock(
    sqlite_db: str, short_busy_timeout: None
) -> None:
    _seed()
    locked, release = threading.Event(), threading.Event()
    path = get_settings().data_dir / "planner.db"
    assert str(path) in sqlite_db
    holder = threading.Thread(target=_hold_write_lock, args=(str(path), locked, release))
    holder.start()
    try:
        assert locked.wait(10)
        results: list[object] = []

        def read() -> None:
            try:
                results.append(_page_reads())
            except Exception as exc:
                results.append(exc)

        threads = [threading.Thread(target=read) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        results += _read_in_processes(str(get_settings().data_dir), 2)
        # The writer's uncommitted edit is invisible, its lock irrelevant to every reader.
        assert results == [2] * (READERS + 2)
        # A writer, by contrast, does wait for the lock (and here gives up after 200 ms).
        with pytest.raises(DBAPIError, match="locked"), session_scope() as session:
            session.add(Post(title="second writer"))
    finally:
        release.set()
        holder.join(30)
    with read_scope() as session:
        assert session.exec(select(Post.title)).all() == ["being edited"]


def test_writer_readers_and_worker_together_never_meet_a_locked_database(
    sqlite_db: str,
) -> None:
    """A real SQLite file: one thread schedules, eight read the calendar, a worker publishes."""
    with session_scope() as session:
        accounts = [a.id for a in add_sandbox_accounts(session)]
    settings = get_settings()
    worker = Worker("load-test", settings=settings)
    stop = threading.Event()
    errors: list[Exception] = []
    reads = [0]

    def guarded(body) -> None:
        try:
            body()
        except Exception as exc:
            errors.append(exc)
            stop.set()

    def write() -> None:
        for i in range(60):
            with session_scope() as session:
                schedule_post(
                    session,
                    actor=ADMIN,
                    data=PostCreate(
                        title=f"Pos {i}",
                        texts={"x": f"Halo {i}", "facebook": f"Halo {i}"},
                        account_ids=accounts[:2],
                        due_at=datetime.now(UTC),
                    ),
                    publish_now=True,
                )

    def read() -> None:
        while not stop.is_set():
            _page_reads()
            reads[0] += 1

    def work() -> None:
        while not stop.is_set():
            worker.run_once(stop)

    readers = [threading.Thread(target=guarded, args=(read,)) for _ in range(READERS)]
    working = threading.Thread(target=guarded, args=(work,))
    for thread in [*readers, working]:
        thread.start()
    guarded(write)
    deadline = datetime.now(UTC) + timedelta(seconds=60)
    while not stop.is_set() and datetime.now(UTC) < deadline:
        with read_scope() as session:
            open_ = session.exec(select(PostTarget).where(PostTarget.status != "published")).all()
        if not open_:
            break
        stop.wait(0.2)
    stop.set()
    for thread in [*readers, working]:
        thread.join(60)
    assert errors == []
    assert reads[0] > READERS
    with read_scope() as session:
        statuses = session.exec(select(PostTarget.status)).all()
        assert session.exec(select(Account)).all()
    assert statuses == ["published"] * 120


def test_an_idle_worker_pass_takes_no_write_lock(sqlite_db: str, short_busy_timeout: None) -> None:
    """Nothing due, expired, missed or unclear: the pass only looks (read scopes), so it runs
    beside a writer that holds the lock instead of queueing behind it."""
    _seed()  # one target, due tomorrow
    worker = Worker("idle-look")
    worker.run_once()  # the first pass also refreshes the queue's statistics (a write)
    locked, release = threading.Event(), threading.Event()
    path = str(get_settings().data_dir / "planner.db")
    holder = threading.Thread(target=_hold_write_lock, args=(path, locked, release))
    holder.start()
    try:
        assert locked.wait(10)
        result = worker.run_once()
    finally:
        release.set()
        holder.join(30)
    assert (result.claimed, result.missed, result.recovered) == (0, 0, 0)
