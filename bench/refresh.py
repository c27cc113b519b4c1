"""What a live page's refresh costs, and whether reads wait for a writer (SQLite).

    python bench/refresh.py           1,000 posts × 2 targets over two months
    python bench/refresh.py --quick   200 posts × 2 targets

Prints one JSON object:
- tick_quiet_ms: one tick of a live page when nothing changed (the change counter and the
  workers' heartbeats, in one read scope): median of many, CPU and wall time;
- tick_changed_ms: the same tick plus every query the calendar runs after a change (a
  month of entries, the next 50, the last 20, the filter choices);
- reads_under_write_lock: eight threads reading the calendar while another connection holds
  SQLite's write lock (BEGIN IMMEDIATE, uncommitted): how many reads succeeded, their
  median wall time, and how many met "database is locked";
- write_waits_for_lock: a write scope in the same situation gives up after the busy timeout
  (set to 200 ms here), as it should.
The numbers for many browser sessions at once come from the websocket load benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

READERS = 8


def _seed(posts: int) -> None:
    from planner.db import session_scope
    from planner.models import Account, Post, PostTarget

    now = datetime.now(UTC)
    with session_scope() as session:
        accounts = [
            Account(platform=p, name=f"Sandbox {p}", handle=f"@b_{p}", is_sandbox=True)
            for p in ("x", "facebook")
        ]
        session.add_all(accounts)
        session.flush()
        for i in range(posts):
            post = Post(title=f"Acara {i}", status="scheduled")
            session.add(post)
            session.flush()
            due = now + timedelta(hours=(i * 1440 // posts) - 720)
            for account in accounts:
                session.add(
                    PostTarget(
                        post_id=post.id,
                        account_id=account.id,
                        platform=account.platform,
                        text=f"Halo {i}",
                        status="published" if due < now else "scheduled",
                        due_at=due,
                        published_at=due if due < now else None,
                    )
                )


def _timed(fn, rounds: int) -> dict:
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "wall_median": round(statistics.median(walls), 3),
        "cpu_median": round(statistics.median(cpus), 3),
    }


def _tick() -> None:
    from planner.changes import version
    from planner.db import read_scope
    from planner.models import utcnow
    from planner.publishing.status import running_workers

    with read_scope() as session:
        version(session)
        running_workers(session, utcnow(), 10)


def _calendar_queries() -> None:
    from planner import calendar as planned
    from planner.db import read_scope
    from planner.people.actors import SYSTEM

    now = datetime.now(UTC)
    with read_scope() as session:
        planned.entries(session, now - timedelta(days=21), now + timedelta(days=21), viewer=SYSTEM)
        planned.upcoming(session, 50, viewer=SYSTEM)
        planned.recent(session, 20, viewer=SYSTEM)
        planned.filter_options(session, viewer=SYSTEM)


def _under_write_lock(db_path: Path) -> tuple[dict, bool]:
    from sqlalchemy.exc import OperationalError

    from planner import db
    from planner.db import session_scope
    from planner.models import Post

    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE post SET title = title || ' (diedit)'")
    times: list[float] = []
    locked = [0]

    def read() -> None:
        for _ in range(5):
            began = time.perf_counter()
            try:
                _calendar_queries()
                times.append((time.perf_counter() - began) * 1000)
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                locked[0] += 1

    threads = [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer_waited = False
    try:
        with session_scope() as session:
            session.add(Post(title="kedua"))
    except OperationalError as exc:
        writer_waited = "locked" in str(exc)
    holder.execute("COMMIT")
    holder.close()
    db.dispose_engines()
    return {
        "reads_ok": len(times),
        "reads_locked": locked[0],
        "read_wall_median_ms": round(statistics.median(times), 3) if times else None,
    }, writer_waited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    posts = 200 if args.quick else 1000
    rounds = 50 if args.quick else 300
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PLANNER_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        from planner import config, db

        config.reset_settings()
        db.BUSY_TIMEOUT_MS = 200  # a waiting write gives up quickly in this run
        db.migrate()
        _seed(posts)
        _calendar_queries()  # warm the statement caches
        quiet = _timed(_tick, rounds)
        changed = _timed(lambda: (_tick(), _calendar_queries()), max(10, rounds // 10))
        reads, writer_waited = _under_write_lock(Path(tmp) / "planner.db")
    print(
        json.dumps(
            {
                "bench": "refresh",
                "db": "sqlite",
                "posts": posts,
                "targets": posts * 2,
                "tick_quiet_ms": quiet,
                "tick_changed_ms": changed,
                "reads_under_write_lock": reads,
                "write_waits_for_lock": writer_waited,
            }
        )
    )


if __name__ == "__main__":
    main()
