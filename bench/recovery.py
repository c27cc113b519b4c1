"""Recovery benchmark: how soon a SIGKILLed worker's targets are taken over; one JSON object.

    python bench/recovery.py            3 kills on SQLite and 3 on PostgreSQL
    python bench/recovery.py --quick    1 kill on each

Each run seeds a backlog, starts a *victim* worker and a *live* worker (real processes
running the worker loop `planner worker` runs — heartbeat, passes, recovery — against the
sandbox platform with a slow send) and kills the victim with SIGKILL when it holds sends
mid-call (started) and claims it never started. The live worker is busy with the backlog at
that moment, so recovery has to happen inside its pass, not after it. Measured from the
kill, on the database: `unstarted_sent_s` (every claimed-but-unstarted target of the
victim published by the live worker) and `started_flagged_s` (every started one in
needs_attention for reconciliation). Counted on the sandbox outbox: `duplicates` (a target
out twice), `started_resent` (a started send sent again) and `lost` (a target neither
published nor with a person once the backlog is done). Budget: both times under 15 s with
the default lease (10 s) and heartbeat (3 s).

PostgreSQL: a throwaway database on PLANNER_BENCH_PG (default: the test server,
postgresql://postgres@127.0.0.1:5432), dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

# Running a file in bench/ puts bench/ first on sys.path, where bench/queue.py would shadow
# the standard library's `queue` (urllib3 and concurrent.futures need it): the root instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from sqlalchemy import create_engine, func, insert, select, text

PG_ADMIN = os.environ.get("PLANNER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
VICTIM_IN_FLIGHT = 8  # first claim: 4 quick sends (odd ids) and 4 slow ones (even ids)
SLOW_SEND = 60.0  # the victim's slow sends never finish before the kill
LIVE_SEND = 0.1  # the live worker's platform latency, before and after the outbox write
BACKLOG = 400  # targets the live worker is busy with when the victim dies
BUDGET_S = 15.0


# -- worker processes ---------------------------------------------------------------------
def run_worker(name: str, role: str) -> None:
    """The worker loop of `planner worker` (heartbeat, passes, recovery), slow sandbox sends.

    victim: odd target ids are quick, even ones take SLOW_SEND; inside its second claim it
    prints `holding IDS` and never starts them, so a kill finds both kinds of held target.
    live: every send takes LIVE_SEND before and after the outbox write.
    """
    from planner.config import get_settings
    from planner.platforms.sandbox import SandboxPlatform
    from planner.publishing.passlog import PassLog
    from planner.publishing.worker import Worker, serve

    class SlowSandbox(SandboxPlatform):
        def publish(self, request):
            delay = LIVE_SEND if role == "live" else (0.05 if request.target_id % 2 else SLOW_SEND)
            time.sleep(delay)
            ref = super().publish(request)
            time.sleep(delay)
            return ref

    class Victim(Worker):
        claims = 0

        def claim(self, limit: int) -> list[int]:
            ids = super().claim(limit)
            self.claims += 1
            if self.claims == 2 and ids:
                print("holding " + " ".join(map(str, ids)), flush=True)
                threading.Event().wait()  # until SIGKILL
            return ids

    settings = get_settings()
    worker = (Victim if role == "victim" else Worker)(
        name, platform_factory=lambda a: SlowSandbox(a.platform, a.name, settings.outbox_dir)
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    log = PassLog(name, json_lines=True)
    serve(
        worker,
        stop,
        collect_metrics=False,
        on_pass=log.pass_done,
        on_start=lambda: print("started", flush=True),
    )


def spawn(name: str, role: str, env: dict[str, str], log_path: Path) -> subprocess.Popen:
    with open(log_path, "wb") as log:  # a file, not a pipe: a full pipe would stall it
        return subprocess.Popen(
            [sys.executable, __file__, "--worker", name, role],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )


# -- database -----------------------------------------------------------------------------
def create_pg_database() -> str:
    name = f"planner_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(url: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def reset_and_seed(url: str, n: int) -> None:
    """Empty queue tables, three sandbox accounts, `n` targets due now (ids 1..n)."""
    from planner.db import get_engine
    from planner.models import Account, Post, PostTarget, SQLModel

    engine = get_engine(url)
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())
        if engine.dialect.name == "postgresql":  # SQLite reuses ids of an empty table
            for table in ("account", "post", "post_target", "publish_attempt"):
                conn.execute(text(f"ALTER SEQUENCE {table}_id_seq RESTART WITH 1"))
        now = datetime.now(UTC)
        conn.execute(
            insert(Account),
            [
                {"platform": p, "name": f"Bench {p}", "handle": f"@b_{p}", "is_sandbox": True,
                 "status": "active", "status_reason": "", "config": {}, "dry_run": False,
                 "paused": False, "created_at": now}
                for p in ("x", "facebook", "instagram")
            ],
        )  # fmt: skip
        accounts = conn.execute(select(Account.id, Account.platform).order_by(Account.id)).all()
        conn.execute(
            insert(Post),
            [
                {"title": f"p{i}", "status": "scheduled", "author": "", "alt_text": "",
                 "link": "", "version": 1, "created_at": now, "updated_at": now}
                for i in range(n)
            ],
        )  # fmt: skip
        post_ids = conn.execute(select(Post.id).order_by(Post.id)).scalars().all()
        conn.execute(
            insert(PostTarget),
            [
                {"post_id": pid, "account_id": accounts[i % 3][0], "platform": accounts[i % 3][1],
                 "text": f"Halo #{i}", "media_ids": [], "alt_text": "", "status": "scheduled",
                 "due_at": now, "attempts": 0, "content_version": 1, "updated_at": now,
                 "reconcile_checks": 0, "verify_before_send": False}
                for i, pid in enumerate(post_ids)
            ],
        )  # fmt: skip


def statuses(url: str, ids: list[int] | None = None) -> Counter:
    from planner.db import get_engine
    from planner.models import PostTarget

    query = select(PostTarget.status, func.count()).group_by(PostTarget.status)
    if ids is not None:
        query = query.where(PostTarget.id.in_(ids))
    with get_engine(url).connect() as conn:
        return Counter(dict(conn.execute(query).all()))


def held_by(url: str, worker_id: str) -> tuple[list[int], list[int]]:
    """(started, unstarted) ids of the targets `worker_id` holds."""
    from planner.db import get_engine
    from planner.models import PostTarget

    with get_engine(url).connect() as conn:
        rows = conn.execute(
            select(PostTarget.id, PostTarget.send_started_at).where(
                PostTarget.lease_owner == worker_id
            )
        ).all()
    return sorted(i for i, s in rows if s is not None), sorted(i for i, s in rows if s is None)


def wait_until(predicate, timeout: float) -> float | None:
    """Seconds until `predicate()` held (polled every 50 ms), or None after `timeout`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if predicate():
            return time.monotonic() - began
        time.sleep(0.05)
    return None


# -- one kill -----------------------------------------------------------------------------
def one_kill(url: str, data_dir: Path, run: int) -> dict:
    from planner.config import get_settings
    from planner.platforms.sandbox import outbox_records

    n = VICTIM_IN_FLIGHT + VICTIM_IN_FLIGHT // 2 + BACKLOG
    reset_and_seed(url, n)
    shutil.rmtree(data_dir / "outbox", ignore_errors=True)
    env = {
        **os.environ,
        "PLANNER_DATA_DIR": str(data_dir),
        "DATABASE_URL": url,
        "PLANNER_EMBEDDED_WORKER": "false",
    }
    victim = spawn(
        f"victim{run}", "victim", env | {"PLANNER_SEND_CONCURRENCY": str(VICTIM_IN_FLIGHT)},
        data_dir / f"victim{run}.log",
    )  # fmt: skip
    live = None
    try:
        assert victim.stdout.readline().strip() == "started"
        assert victim.stdout.readline().startswith("holding")
        started, unstarted = held_by(url, f"victim{run}")
        live = spawn(f"live{run}", "live", env, data_dir / f"live{run}.log")
        assert live.stdout.readline().strip() == "started"
        time.sleep(1.0)  # the live worker is well into the backlog
        busy = statuses(url)["scheduled"]
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        flagged_s = unstarted_s = None
        began = time.monotonic()
        while time.monotonic() - began < 60 and (flagged_s is None or unstarted_s is None):
            if flagged_s is None and statuses(url, started) == Counter(
                {"needs_attention": len(started)}
            ):
                flagged_s = time.monotonic() - began
            if unstarted_s is None and statuses(url, unstarted) == Counter(
                {"published": len(unstarted)}
            ):
                unstarted_s = time.monotonic() - began
            time.sleep(0.05)
        wait_until(lambda: statuses(url)["scheduled"] + statuses(url)["publishing"] == 0, 120)
    finally:
        for proc in (victim, live):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGKILL if proc is victim else signal.SIGTERM)
                proc.wait(60)
    sent = Counter(r["target_id"] for r in outbox_records(get_settings().outbox_dir))
    final = statuses(url)
    return {
        "started": len(started),
        "unstarted": len(unstarted),
        "backlog_at_kill": busy,
        "started_flagged_s": round(flagged_s, 2) if flagged_s is not None else None,
        "unstarted_sent_s": round(unstarted_s, 2) if unstarted_s is not None else None,
        "duplicates": sum(1 for c in sent.values() if c > 1),
        "started_resent": sum(sent[i] for i in started),
        "lost": n - final["published"] - final["needs_attention"],
    }


def backend(kind: str, kills: int) -> dict:
    from planner import config, db

    with tempfile.TemporaryDirectory(prefix="planner-recovery-") as tmp:
        data_dir = Path(tmp)
        os.environ["PLANNER_DATA_DIR"] = str(data_dir)
        url = create_pg_database() if kind == "postgresql" else f"sqlite:///{data_dir}/p.db"
        os.environ["DATABASE_URL"] = url
        config.reset_settings()
        try:
            db.migrate(url)
            runs = [one_kill(url, data_dir, i) for i in range(kills)]
        finally:
            db.dispose_engines()
            if kind == "postgresql":
                drop_pg_database(url)
    worst = {
        key: max((r[key] for r in runs if r[key] is not None), default=None)
        for key in ("started_flagged_s", "unstarted_sent_s")
    }
    complete = all(r["started_flagged_s"] is not None and r["unstarted_sent_s"] for r in runs)
    return {
        "runs": runs,
        "max_started_flagged_s": worst["started_flagged_s"],
        "max_unstarted_sent_s": worst["unstarted_sent_s"],
        "median_unstarted_sent_s": statistics.median(r["unstarted_sent_s"] or 0 for r in runs),
        "within_budget": complete and max(worst.values()) < BUDGET_S,
        "duplicates": sum(r["duplicates"] for r in runs),
        "started_resent": sum(r["started_resent"] for r in runs),
        "lost": sum(r["lost"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one kill per database")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "ROLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(*args.worker)
        return
    from planner.config import Settings

    defaults = Settings()
    kills = 1 if args.quick else 3
    out = {
        "lease_seconds": defaults.lease_seconds,
        "heartbeat_seconds": defaults.heartbeat_interval,
        "poll_seconds": defaults.worker_poll_seconds,
        "budget_s": BUDGET_S,
        "sqlite": backend("sqlite", kills),
        "postgresql": backend("postgresql", kills),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
