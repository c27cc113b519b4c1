"""Programme indicators benchmark: the views over many posts and snapshots; one JSON object.

    python bench/indicators.py           10,000 posts × 3 accounts, 1,000,000 snapshots
    python bench/indicators.py --quick   2,000 posts × 3 accounts, 60,000 snapshots

Fills a fresh SQLite file and a fresh PostgreSQL database (PLANNER_BENCH_PG, default the test
server) with posts linked to events (directly or through a campaign), published across twelve
local months, each target with its snapshots, then times `indicators_view` for one month with a
twelve-month trend (events, months, feedback) and each of its queries alone: the median of 5
runs after one warm-up. Keys per database: fill_s, view_s, per_event_s, per_month_s,
feedback_s, posts, snapshots.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/queue.py would shadow the standard library's `queue` (urllib3 needs it): the project
# root replaces bench/ on the path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

from sqlalchemy import create_engine, text

PG_ADMIN = os.environ.get("PLANNER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ACCOUNTS = 3
MONTHS = 12
FIRST = datetime(2025, 12, 1, tzinfo=UTC)


def _stamp(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def fill(url: str, posts: int, snapshots: int) -> None:
    """Accounts, events, campaigns, posts, published targets, snapshots, notes and months."""
    from planner import db

    db.migrate(url)
    engine = create_engine(url)
    rng = random.Random(11)
    per_target = max(1, snapshots // (posts * ACCOUNTS))
    events = max(1, posts // 20)
    now = _stamp(datetime.now(UTC))
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO account (id, platform, name, handle, is_sandbox, status, "
                 "status_reason, config, dry_run, paused, created_at) VALUES "
                 "(:id, :p, :n, '', false, 'active', '', '{}', false, false, :now)"),
            [{"id": i + 1, "p": ("x", "facebook", "instagram")[i], "n": f"a{i}", "now": now}
             for i in range(ACCOUNTS)],
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO event (id, key, title, description, category, starts_at, place, "
                 "speaker, audience, registration_url, attendance, created_at, updated_at) "
                 "VALUES (:id, :key, :t, '', '', :at, '', '', '', '', :att, :now, :now)"),
            [{"id": e + 1, "key": f"e{e}", "t": f"Acara {e}", "now": now,
              "at": _stamp(FIRST + timedelta(days=e * 365 / events)),
              "att": rng.choice([None, rng.randint(5, 80)])} for e in range(events)],
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO campaign (id, name, event_id, created_at) "
                 "VALUES (:id, :n, :e, :now)"),
            [{"id": e + 1, "n": f"k{e}", "e": e + 1, "now": now} for e in range(events)],
        )  # fmt: skip
        post_rows, target_rows = [], []
        for p in range(posts):
            event = p % events + 1
            via_campaign = p % 2 == 0
            post_rows.append({"id": p + 1, "e": None if via_campaign else event,
                              "c": event if via_campaign else None, "now": now})  # fmt: skip
            published = FIRST + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            for a in range(ACCOUNTS):
                tid = p * ACCOUNTS + a + 1
                target_rows.append({"id": tid, "post": p + 1, "acc": a + 1, "rid": f"r{tid}",
                                    "pl": ("x", "facebook", "instagram")[a],
                                    "at": _stamp(published), "now": now})  # fmt: skip
        conn.execute(
            text("INSERT INTO post (id, title, event_id, campaign_id, author, alt_text, link, "
                 "status, version, created_at, updated_at, review_state) VALUES "
                 "(:id, 't', :e, :c, '', '', '', 'published', 1, :now, :now, '')"),
            post_rows,
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO post_target (id, post_id, account_id, platform, text, media_ids, "
                 "alt_text, status, attempts, content_version, remote_id, published_at, "
                 "updated_at, reconcile_checks, verify_before_send, as_thread) VALUES "
                 "(:id, :post, :acc, :pl, '', '[]', '', 'published', 1, 1, :rid, :at, :now, 0, "
                 "false, false)"),
            target_rows,
        )  # fmt: skip
        insert = text(
            "INSERT INTO metric_snapshot (target_id, taken_at, age_bucket, reach, likes, comments, "
            "shares, saves, clicks, simulated, raw) VALUES (:t, :at, '', :reach, :likes, "
            ":comments, :shares, :saves, :clicks, false, '{}')"
        )
        snap_rows: list[dict] = []  # written 50,000 at a time, so memory stays flat
        for target in target_rows:
            published = target["at"]
            for k in range(per_target):
                gap = rng.random() < 0.1
                snap_rows.append({
                    "t": target["id"], "at": published + timedelta(hours=k + 1),
                    "reach": None if gap else rng.randint(10, 5000),
                    "likes": rng.randint(0, 90), "comments": rng.randint(0, 9),
                    "shares": None if target["acc"] == 2 else rng.randint(0, 9),
                    "saves": None if target["acc"] != 3 else rng.randint(0, 9),
                    "clicks": rng.randint(0, 20),
                })  # fmt: skip
                if len(snap_rows) == 50_000:
                    conn.execute(insert, snap_rows)
                    snap_rows = []
        if snap_rows:
            conn.execute(insert, snap_rows)
        conn.execute(
            text("INSERT INTO feedback_note (noted_on, source, sentiment, text, created_at) "
                 "VALUES (:d, :s, :m, 'x', :now)"),
            [{"d": date(2025, 12, 1) + timedelta(days=rng.randint(0, 364)),
              "s": rng.choice(["front_desk", "survey"]),
              "m": rng.choice(["positive", "neutral", "negative"]), "now": now}
             for _ in range(2000)],
        )  # fmt: skip
    engine.dispose()


def _median(fn) -> float:
    fn()
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return round(statistics.median(runs), 4)


def run(url: str, posts: int, snapshots: int) -> dict:
    from planner.db import session_scope
    from planner.evaluation.indicators.promotion import promotion_per_event, promotion_per_month
    from planner.evaluation.indicators.views import feedback_months, indicators_view
    from planner.evaluation.period import month_period, months_back

    started = time.perf_counter()
    fill(url, posts, snapshots)
    filled = time.perf_counter() - started
    period = month_period("2026-11")
    trend = months_back("2026-11", MONTHS)
    with session_scope(url) as session:
        counted = session.execute(text("SELECT count(*) FROM metric_snapshot")).scalar_one()
        return {
            "posts": posts,
            "snapshots": counted,
            "fill_s": round(filled, 1),
            "view_s": _median(lambda: indicators_view(session, period, MONTHS)),
            "per_event_s": _median(lambda: promotion_per_event(session, period)),
            "per_month_s": _median(lambda: promotion_per_month(session, trend, period.zone)),
            "feedback_s": _median(lambda: feedback_months(session, trend, period.zone)),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    posts, snapshots = (2_000, 60_000) if args.quick else (10_000, 1_000_000)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run(f"sqlite:///{folder}/bench.db", posts, snapshots)
    name = f"planner_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        results["postgresql"] = run(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", posts, snapshots)
    finally:
        from planner import db

        db.dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
