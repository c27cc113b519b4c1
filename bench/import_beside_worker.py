"""A long import beside the publishing worker on SQLite: the worker's delay, with and without.

    python bench/import_beside_worker.py            100,000-row events import
    python bench/import_beside_worker.py --quick    10,000 rows (what `make bench` runs)
    python bench/import_beside_worker.py --batch-rows 1000000000   the old single transaction

Prints one JSON object. One real Worker process (poll 0.2 s, sandbox platform) publishes
targets due evenly over a window, first alone, then while another process imports the
events CSV through planner.importing.kinds.import_file, as `planner import events` does.
A probe thread in this process writes a row every 0.25 s (a person saving something).
Keys: alone / beside (p50_s, p99_s, max_s of due → published, over targets due while the
import ran), p99_ratio, import (rows, seconds, rows_per_s, batches), locked_errors (worker
stderr lines, probe failures and refused rows that say "database is locked"), probe_p99_s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`; running any script here puts
# bench/ first on sys.path, which would shadow it. Drop bench/ and put the project root first.
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
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

POLL = 0.2
LEAD = 3.0


def run_worker() -> None:
    """A real worker on the sandbox platform, until SIGTERM."""
    from planner.publishing.worker import Worker, serve

    worker = Worker("bench-worker")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("started", flush=True)
    serve(worker, stop, collect_metrics=False)


def run_import(csv_path: str, batch_rows: int) -> None:
    """Import the events CSV as `planner import events` would; print a summary line."""
    from planner.importing import rows
    from planner.importing.kinds import import_file
    from planner.people.actors import SYSTEM

    rows.BATCH_ROWS = batch_rows
    if batch_rows >= 1_000_000:  # the old importer: one transaction, no pauses
        rows.THROTTLE_AFTER_SECONDS = float("inf")
    started = time.monotonic()
    report = import_file("events", Path(csv_path).read_bytes(), "bench.csv", actor=SYSTEM)
    seconds = time.monotonic() - started
    locked = sum(1 for r in report.rows if "locked" in r.reason("en"))
    print(json.dumps({"seconds": seconds, "batches": report.batches, "locked_rows": locked,
                      "counts": report.counts}), flush=True)  # fmt: skip


def _setup(url: str) -> None:
    from planner.db import get_engine, migrate

    migrate(url)
    with get_engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO account (platform, name, handle, is_sandbox, status, status_reason,"
                " config, dry_run, paused, created_at) VALUES"
                " ('x','Bench X','@bx',1,'active','','{}',0,0,'2026-01-01'),"
                " ('facebook','Bench FB','bfb',1,'active','','{}',0,0,'2026-01-01'),"
                " ('instagram','Bench IG','@big',1,'active','','{}',0,0,'2026-01-01')"
            )
        )
        conn.execute(text("CREATE TABLE bench_probe (id INTEGER PRIMARY KEY, at TEXT)"))


def _seed(url: str, count: int, start: datetime, window: float) -> None:
    """`count` text-only targets for the X and Facebook accounts, due evenly over `window`."""
    from planner.db import get_engine

    step = window / count
    with get_engine(url).begin() as conn:
        for n in range(count):
            due = (start + timedelta(seconds=n * step)).replace(tzinfo=None)
            post_id = conn.execute(
                text(
                    "INSERT INTO post (title, author, alt_text, link, status, version,"
                    " created_at, updated_at) VALUES ('p', '', '', '', 'scheduled', 1,"
                    " :now, :now) RETURNING id"
                ),
                {"now": datetime.now(UTC).replace(tzinfo=None)},
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO post_target (post_id, account_id, platform, text, media_ids,"
                    " alt_text, status, due_at, attempts, content_version, updated_at,"
                    " reconcile_checks, verify_before_send) VALUES (:p, :a, :pf, :t, '[]', '',"
                    " 'scheduled', :due, 0, 1, :due, 0, 0)"
                ),
                {"p": post_id, "a": 1 + n % 2, "pf": ("x", "facebook")[n % 2],
                 "t": f"Halo pembaca #{n}", "due": due},
            )  # fmt: skip


def _delays(url: str, since: datetime, until: datetime) -> list[float]:
    from planner.db import get_engine

    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text("SELECT due_at, published_at FROM post_target WHERE status = 'published'")
        ).all()
    out = []
    for due, sent in rows:
        due, sent = (datetime.fromisoformat(str(v)) for v in (due, sent))
        if since.replace(tzinfo=None) <= due <= until.replace(tzinfo=None):
            out.append((sent - due).total_seconds())
    return sorted(out)


def _wait_published(url: str, total: int, timeout: float) -> None:
    from planner.db import get_engine

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with get_engine(url).connect() as conn:
            done = conn.execute(
                text("SELECT count(*) FROM post_target WHERE status = 'published'")
            ).scalar_one()
        if done >= total:
            return
        time.sleep(0.2)


def _summary(delays: list[float]) -> dict:
    cuts = statistics.quantiles(delays, n=100, method="inclusive")
    return {"targets": len(delays), "p50_s": round(cuts[49], 3), "p99_s": round(cuts[98], 3),
            "max_s": round(delays[-1], 3)}  # fmt: skip


class Probe(threading.Thread):
    """Writes one row every 0.25 s, timing each write and counting failures."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.times, self.failures = url, threading.Event(), [], []

    def run(self) -> None:
        from planner.db import get_engine

        engine = get_engine(self.url)
        while not self.stop.wait(0.25):
            started = time.monotonic()
            try:
                with engine.begin() as conn:
                    conn.execute(text("INSERT INTO bench_probe (at) VALUES (datetime('now'))"))
                self.times.append(time.monotonic() - started)
            except Exception as exc:
                self.failures.append(str(exc).splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--batch-rows", type=int, default=500)
    parser.add_argument("--role", default="main")
    parser.add_argument("--csv", default="")
    args = parser.parse_args()
    if args.role == "worker":
        return run_worker()
    if args.role == "import":
        return run_import(args.csv, args.batch_rows)
    rows = args.rows or (10_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "DATABASE_URL": url, "PLANNER_DATA_DIR": tmp,
               "PLANNER_EMBEDDED_WORKER": "false", "PLANNER_WORKER_POLL_SECONDS": str(POLL),
               "PLANNER_IMPORT_MAX_ROWS": str(max(rows, 100_000))}  # fmt: skip
        os.environ.update(env)
        _setup(url)
        csv_path = Path(tmp) / "events.csv"
        lines = ["judul;tanggal;jam;tempat"] + [
            f"Acara {n};2030-{1 + n % 12:02d}-{1 + n % 28:02d};{8 + n % 10:02d}:00;Aula {n}"
            for n in range(rows)
        ]
        csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        worker = subprocess.Popen(
            [sys.executable, __file__, "--role", "worker"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert worker.stdout.readline().strip() == "started"
        probe = Probe(url)
        probe.start()
        try:
            # Alone: as many targets over the same kind of window as beside the import.
            window = max(10.0, rows / 1_500)
            count = int(window * 4)
            start = datetime.now(UTC) + timedelta(seconds=LEAD)
            _seed(url, count, start, window)
            _wait_published(url, count, LEAD + window + 120)
            alone = _summary(_delays(url, start, start + timedelta(seconds=window)))
            probe_alone = len(probe.times)

            start = datetime.now(UTC) + timedelta(seconds=LEAD)
            _seed(url, count, start, window)
            time.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()))
            began = datetime.now(UTC)
            importer = subprocess.run(
                [sys.executable, __file__, "--role", "import", "--csv", str(csv_path),
                 "--batch-rows", str(args.batch_rows)],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            ended = datetime.now(UTC)
            _wait_published(url, 2 * count, window + 120)
            beside = _summary(_delays(url, began, ended))
        finally:
            probe.stop.set()
            probe.join()
            worker.send_signal(signal.SIGTERM)
            _, worker_err = worker.communicate(timeout=60)
        if importer.returncode != 0:
            raise SystemExit(f"import failed: {importer.stderr.strip().splitlines()[-1]}")
        imported = json.loads(importer.stdout.strip().splitlines()[-1])
        locked = (
            sum("database is locked" in line for line in worker_err.splitlines())
            + sum("locked" in f for f in probe.failures)
            + imported["locked_rows"]
        )
        beside_probe = sorted(probe.times[probe_alone:])
        print(json.dumps({
            "rows": rows,
            "batch_rows": args.batch_rows,
            "cpus": os.cpu_count(),
            "alone": alone,
            "beside": beside,
            "p99_ratio": round(beside["p99_s"] / alone["p99_s"], 2),
            "import": {"seconds": round(imported["seconds"], 1),
                       "rows_per_s": round(rows / imported["seconds"]),
                       "batches": imported["batches"], "counts": imported["counts"]},
            "locked_errors": locked,
            "probe_failures": len(probe.failures),
            "probe_p99_s": _summary(beside_probe)["p99_s"] if beside_probe else None,
        }))  # fmt: skip


if __name__ == "__main__":
    main()
