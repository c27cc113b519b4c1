"""Queue benchmark on PostgreSQL: claim cost, on-time delivery, throughput; one JSON object.

    python bench/queue.py            full run (1k/100k/1M rows, 10,000 targets in one
                                     minute, throughput with 1, 2 and 4 workers)
    python bench/queue.py --quick    a few minutes: the same measurements, smaller

It creates its own database on the server at PLANNER_BENCH_PG (default: the test server,
postgresql://postgres@127.0.0.1:5432) and drops it afterwards. Workers are real processes
running planner.publishing.worker.Worker against the sandbox platform with a simulated platform
latency (50 ms per publish call); every count of what "went out" is taken on the sandbox
outbox. Keys: claim_ms (rows → ms), claim_backlog_ms, claim_backlog_ms_sqlite, claim_plan,
on_time_p50_s, on_time_p99_s, throughput_1/2/4 (targets per second), throughput_runs (with
CPU figures), scaling_4_over_1, duplicates, lost, load.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `queue` (the name the issue asks for);
# running it puts bench/ first on sys.path, which would shadow that module for psycopg
# and concurrent.futures. Drop bench/ and put the project root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import json
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, text

PG_ADMIN = os.environ.get("PLANNER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LATENCY = 0.05
IN_FLIGHT = 8  # sends in flight per worker, the same for every worker count


# -- worker process -----------------------------------------------------------------------
def run_worker(name: str, latency: float) -> None:
    """A real worker whose sandbox takes `latency` seconds per publish call."""
    from planner.config import get_settings
    from planner.platforms.sandbox import SandboxPlatform
    from planner.publishing.worker import Worker, serve

    class SlowSandbox(SandboxPlatform):
        def publish(self, request):
            time.sleep(latency)
            return super().publish(request)

    settings = get_settings()
    worker = Worker(
        name,
        platform_factory=lambda a: SlowSandbox(a.platform, a.name, settings.outbox_dir),
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("started", flush=True)
    serve(worker, stop, collect_metrics=False)


# -- helpers ------------------------------------------------------------------------------
def create_database() -> str:
    name = f"planner_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def drop_database(url: str) -> None:
    from planner.db import dispose_engines

    dispose_engines()
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def reset(url: str) -> None:
    """Empty tables and three sandbox accounts (ids 1–3)."""
    from planner.db import get_engine

    with get_engine(url).begin() as conn:
        conn.execute(
            text(
                "TRUNCATE notification, publish_attempt, metric_snapshot, post_target, post, "
                "account RESTART IDENTITY CASCADE"
            )
        )
        conn.execute(
            text(
                "INSERT INTO account (platform, name, handle, is_sandbox, status, status_reason,"
                " config, dry_run, paused, created_at) VALUES "
                "('x','Bench X','@bx',true,'active','','{}',false,false,now()),"
                "('facebook','Bench FB','bfb',true,'active','','{}',false,false,now()),"
                "('instagram','Bench IG','@big',true,'active','','{}',false,false,now())"
            )
        )


def seed(url: str, rows: int, due_sql: str) -> None:
    """`rows` scheduled targets (one post each, over three accounts); due_at from `due_sql`
    (an SQL expression of g, the row number 1..rows)."""
    from planner.db import get_engine

    with get_engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO post (title, author, alt_text, link, status, version, created_at,"
                " updated_at) SELECT 'p' || g, '', '', '', 'scheduled', 1, now(), now()"
                " FROM generate_series(1, :n) g"
            ),
            {"n": rows},
        )
        conn.execute(
            text(
                "INSERT INTO post_target (post_id, account_id, platform, text, media_ids,"
                " alt_text, status, due_at, attempts, content_version, updated_at,"
                " reconcile_checks, verify_before_send)"
                " SELECT g, 1 + g % 3, (ARRAY['facebook','instagram','x'])[1 + g % 3],"
                " 'Halo #' || g, '[]', '', 'scheduled', " + due_sql + ", 0, 1, now(), 0, false"
                " FROM generate_series(1, :n) g"
            ),
            {"n": rows},
        )
        conn.execute(text("ANALYZE post_target"))


def cpu_times(pids: list[int]) -> float:
    """User + system CPU seconds of the given processes so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError):
            pass
    return total


def postgres_cpu() -> float:
    """CPU seconds of every PostgreSQL server process so far (includes other databases)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return cpu_times(pids)


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, for a utilisation figure."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# -- 1. claim cost ------------------------------------------------------------------------
def claim_cost(url: str, sizes: list[int], repeats: int) -> dict:
    from sqlmodel import Session

    from planner.db import get_engine
    from planner.publishing.claims import claim_due, due_query

    out: dict = {"claim_ms": {}, "claim_backlog_ms": {}, "claim_plan": {}}
    engine = get_engine(url)
    grace = timedelta(minutes=30)
    for rows in sizes:
        for kind, due_sql in (
            # 100 due now, the rest spread over the coming year: a normal day
            ("claim_ms", "CASE WHEN g <= 100 THEN now() - interval '1 minute'"
             " ELSE now() + (g % 525600) * interval '1 minute' END"),
            # every row due within the grace period: catching up after downtime
            ("claim_backlog_ms", "now() - (g % 1500) * interval '1 second'"),
        ):  # fmt: skip
            reset(url)
            seed(url, rows, due_sql)
            timings = []
            now = datetime.now(UTC)
            for _ in range(repeats):
                with Session(engine) as session:
                    start = time.perf_counter()
                    claimed = claim_due(session, "bench", now, 20, 120, grace=grace)
                    timings.append((time.perf_counter() - start) * 1000)
                    session.rollback()
                assert len(claimed) == 20, claimed
            out[kind][str(rows)] = round(statistics.median(timings), 2)
            query = due_query(now, 20, grace=grace)
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            with engine.connect() as conn:
                plan = conn.execute(text("EXPLAIN (ANALYZE, COSTS OFF) " + sql)).scalars()
                out["claim_plan"][f"{kind}:{rows}"] = list(plan)
    return out


def claim_cost_sqlite(sizes: list[int], repeats: int) -> dict:
    """The same claim on SQLite (the one-library setup), with the whole backlog due."""
    from sqlmodel import Session

    from planner.db import get_engine, migrate
    from planner.publishing.claims import claim_due, refresh_statistics

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            url = f"sqlite:///{tmp}/claim-{rows}.db"
            migrate(url)
            engine = get_engine(url)
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO account (platform, name, handle, is_sandbox, status,"
                        " status_reason, config, dry_run, paused, created_at) VALUES"
                        " ('x', 'a', 'a', 1, 'active', '', '{}', 0, 0, '2026-01-01')"
                    )
                )
                conn.execute(
                    text(
                        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g"
                        " WHERE n < :n) INSERT INTO post (title, author, alt_text, link,"
                        " status, version, created_at, updated_at) SELECT 'p', '', '', '',"
                        " 'scheduled', 1, '2026-01-01', '2026-01-01' FROM g"
                    ),
                    {"n": rows},
                )
                conn.execute(
                    text(
                        "INSERT INTO post_target (post_id, account_id, platform, text,"
                        " media_ids, alt_text, status, due_at, attempts, content_version,"
                        " updated_at, reconcile_checks, verify_before_send) SELECT id, 1, 'x',"
                        " 't', '[]', '', 'scheduled', datetime('now', '-' || (id % 1500) ||"
                        " ' seconds'), 0, 1, '2026-01-01', 0, 0 FROM post"
                    )
                )
            with Session(engine) as session:
                refresh_statistics(session)  # what the worker does every few hours
                session.commit()
            now, timings = datetime.now(UTC), []
            for _ in range(repeats):
                with Session(engine) as session:
                    start = time.perf_counter()
                    claimed = claim_due(session, "bench", now, 20, 120, grace=timedelta(minutes=30))
                    timings.append((time.perf_counter() - start) * 1000)
                    session.rollback()
                assert len(claimed) == 20
            out[str(rows)] = round(statistics.median(timings), 2)
            engine.dispose()
    return out


# -- 2 and 3. real workers ----------------------------------------------------------------
class Fleet:
    """N worker processes on one database and data directory."""

    def __init__(self, url: str, data_dir: Path, workers: int, poll: float = 0.2) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "PLANNER_DATA_DIR": str(data_dir),
            "PLANNER_EMBEDDED_WORKER": "false",
            "PLANNER_SEND_CONCURRENCY": str(IN_FLIGHT),
            "PLANNER_WORKER_BATCH_SIZE": str(IN_FLIGHT),
            "PLANNER_WORKER_POLL_SECONDS": str(poll),
        }
        self.procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--role", "worker", "--id", f"bench-{i}"],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for i in range(workers)
        ]
        for proc in self.procs:
            assert proc.stdout.readline().strip() == "started"

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def stop(self) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            proc.wait(60)


def published_count(url: str) -> int:
    from planner.db import get_engine

    with get_engine(url).connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM post_target WHERE status = 'published'")
        ).scalar_one()


def wait_published(url: str, n: int, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if published_count(url) >= n:
            return time.monotonic() - start
        time.sleep(0.05)
    return time.monotonic() - start


def audit(url: str, outbox: Path, n: int) -> tuple[int, int]:
    """(duplicates, lost): extra outbox records per target; targets not published once."""
    from planner.platforms.sandbox import outbox_records

    sent = Counter(r["target_id"] for r in outbox_records(outbox))
    duplicates = sum(c - 1 for c in sent.values() if c > 1)
    return duplicates, n - min(len(sent), published_count(url))


def on_time(url: str, targets: int, window_s: float, workers: int) -> dict:
    reset(url)
    with tempfile.TemporaryDirectory() as tmp:
        fleet = Fleet(url, Path(tmp), workers)
        try:
            lead = 5.0
            # Due times spread evenly over the window, starting `lead` seconds from now.
            seed(
                url,
                targets,
                f"now() + interval '{lead} seconds' + (g - 1) * interval '{window_s / targets:.6f}"
                " seconds'",
            )
            elapsed = wait_published(url, targets, lead + window_s + 300)
        finally:
            fleet.stop()
        from planner.db import get_engine

        with get_engine(url).connect() as conn:
            delays = conn.execute(
                text(
                    "SELECT EXTRACT(EPOCH FROM published_at - due_at) FROM post_target"
                    " WHERE status = 'published'"
                )
            ).scalars()
            delays = sorted(float(d) for d in delays)
        duplicates, lost = audit(url, Path(tmp) / "outbox", targets)
    cuts = statistics.quantiles(delays, n=100)
    return {
        "targets": targets,
        "window_s": window_s,
        "workers": workers,
        "p50_s": round(cuts[49], 3),
        "p99_s": round(cuts[98], 3),
        "max_s": round(delays[-1], 3),
        "elapsed_s": round(elapsed, 1),
        "duplicates": duplicates,
        "lost": lost,
    }


def throughput(url: str, targets: int, workers: int) -> dict:
    reset(url)
    with tempfile.TemporaryDirectory() as tmp:
        fleet = Fleet(url, Path(tmp), workers)
        try:
            cpu0, pg0, (busy0, total0) = cpu_times(fleet.pids), postgres_cpu(), machine_busy()
            seed(url, targets, "now() - interval '1 second'")
            elapsed = wait_published(url, targets, 600)
            cpu1, pg1, (busy1, total1) = cpu_times(fleet.pids), postgres_cpu(), machine_busy()
        finally:
            fleet.stop()
        duplicates, lost = audit(url, Path(tmp) / "outbox", targets)
    worker_cpu, pg_cpu = cpu1 - cpu0, pg1 - pg0
    tick = os.sysconf("SC_CLK_TCK")
    machine_cpu = (busy1 - busy0) / tick
    return {
        "targets": targets,
        "elapsed_s": round(elapsed, 2),
        "per_s": round(targets / elapsed, 1),
        "worker_cpu_s": round(worker_cpu, 2),
        "worker_cpu_ms_per_target": round(worker_cpu * 1000 / targets, 2),
        "postgres_cpu_s": round(pg_cpu, 2),
        "postgres_cpu_ms_per_target": round(pg_cpu * 1000 / targets, 2),
        # what the rest of the machine (the benchmark's own polling, other jobs) used
        "other_cpu_s": round(max(machine_cpu - worker_cpu - pg_cpu, 0), 2),
        "machine_busy_pct": round(100 * (busy1 - busy0) / max(total1 - total0, 1), 1),
        "duplicates": duplicates,
        "lost": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few minutes, smaller sizes")
    parser.add_argument("--role", default="bench", help=argparse.SUPPRESS)
    parser.add_argument("--id", default="bench-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "worker":
        run_worker(args.id, LATENCY)
        return
    from planner.db import migrate

    load_before = os.getloadavg()
    url = create_database()
    try:
        migrate(url)
        result: dict = {
            "mode": "quick" if args.quick else "full",
            "in_flight_per_worker": IN_FLIGHT,
            "latency_ms": int(LATENCY * 1000),
        }
        sizes = [1_000, 100_000, 1_000_000]
        result.update(claim_cost(url, sizes, repeats=15 if args.quick else 40))
        result["claim_backlog_ms_sqlite"] = claim_cost_sqlite(sizes, 15 if args.quick else 40)
        timely = on_time(url, 2_500, 15.0, 4) if args.quick else on_time(url, 10_000, 60.0, 4)
        result["on_time"] = timely
        result["on_time_p50_s"], result["on_time_p99_s"] = timely["p50_s"], timely["p99_s"]
        n = 1_000 if args.quick else 3_000
        runs = {w: throughput(url, n, w) for w in ((1, 4) if args.quick else (1, 2, 4))}
        for w, run in runs.items():
            result[f"throughput_{w}"] = run["per_s"]
        result["throughput_runs"] = {str(w): r for w, r in runs.items()}
        result["scaling_4_over_1"] = round(runs[4]["per_s"] / runs[1]["per_s"], 2)
        result["duplicates"] = timely["duplicates"] + sum(r["duplicates"] for r in runs.values())
        result["lost"] = timely["lost"] + sum(r["lost"] for r in runs.values())
        result["load"] = {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
        }
    finally:
        drop_database(url)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
