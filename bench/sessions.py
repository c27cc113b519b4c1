"""Many people at once: simulated browser sessions against a real `planner serve`.

    python bench/sessions.py                 50 calendar sessions, then 20 sessions doing rounds
    python bench/sessions.py --quick         12 calendar sessions, 5 doing rounds (~1–2 min)
    python bench/sessions.py --db postgresql two app copies (embedded worker off) + one
                                             `planner worker`, sessions split between them

Starts its own server(s) on free ports with a fresh database (SQLite in a temporary data
directory, or a database of its own on the PostgreSQL server at PLANNER_BENCH_PG, dropped
afterwards), migrated and with the demo loaded. Each simulated session is a websocket that
speaks Streamlit's own protocol (bench/support/st_client.py) — no browser, so the client
costs far less than the server — signed in the way a browser is after a reload: a session
started in the database and its signed cookie (planner.people.sessions).

Scenario "calendar": N sessions open the calendar and, like the browser, ask for its live
tables every 3 s (the fragment's own interval) whether or not the last ask was answered;
each ask is timed until a fragment run finishes. Scenario "rounds": M sessions each open the
app, then the calendar, the dashboard and the compose page, and make a draft, with a 1 s
pause between steps; a round's time is the sum of the five waits. Throughout, sandbox posts
fall due every second (--due-every) and the worker's lateness (published_at − due_at) is
read from the database. "database is locked" is counted in the servers' logs.

Prints one JSON object: calendar_sessions, refreshes, unanswered, refresh_p50_s,
refresh_p95_s, round_sessions, rounds, round_p50_s, round_p95_s, step_p95_s (per step),
worker_late_p50_s / p99_s / max_s, due_posts, published, locked_errors, errors (page
exceptions and timeouts), server_cpu_s (per scenario, all server processes), peak_rss_mb.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from bench.support.st_client import RunFailed, StreamlitClient
from planner.i18n import t

PG_ADMIN = os.environ.get("PLANNER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PLANNER = str(Path(sys.executable).parent / "planner")
# (step, url path): "" is the default page, compose.
ROUND = (("open", ""), ("calendar", "calendar"), ("dashboard", "dashboard"), ("compose", ""))
THINK_S = 1.0
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Streamlit prints tracebacks in colour
CAUSE = re.compile(r"OperationalError: database is locked\s*$")  # the chained cause
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
DRAFT_BUTTON = {t("compose.make_draft", lang) for lang in ("id", "en")}
DRAFT_SHOWN = {t("compose.alt_text", lang) for lang in ("id", "en")}  # the draft editor


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quantile(values: list[float], q: int) -> float | None:
    """The q-th percentile (inclusive method), None for no values."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 3)


# -- the servers --------------------------------------------------------------------------
class Servers:
    """`planner serve` copies (and a `planner worker`) on a prepared database, with logs."""

    def __init__(self, env: dict[str, str], tmp: Path, copies: int, separate_worker: bool):
        self.env, self.tmp = env, tmp
        self.ports = [free_port() for _ in range(copies)]
        self.procs: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        for n, port in enumerate(self.ports):
            self._start(f"serve{n}", [PLANNER, "serve", "--port", str(port)])
        if separate_worker:
            self._start("worker", [PLANNER, "worker", "--id", "bench-worker"])
        for port in self.ports:
            self._wait(port)

    def _start(self, name: str, argv: list[str]) -> None:
        log = self.tmp / f"{name}.log"
        self.logs.append(log)
        out = log.open("w")
        self.procs.append(
            subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        )

    def _wait(self, port: int) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"planner serve on port {port} did not start; see {self.logs}")

    def cpu_seconds(self) -> float:
        """User + system CPU of every server process and its children (threads included)."""
        total = 0
        for proc in self.procs:
            for pid in [proc.pid, *_children(proc.pid)]:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                total += int(fields[11]) + int(fields[12])
        return total / CLOCK_TICKS

    def rss_mb(self) -> float:
        """The largest resident size of one server process now."""
        sizes = [0]
        for proc in self.procs:
            try:
                for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                pass
        return round(max(sizes), 1)

    def locked_errors(self) -> int:
        """Statements that failed with "database is locked", each once: a traceback names it
        twice (SQLAlchemy's error and, chained, sqlite3's own), and one-line log messages."""
        count = 0
        for log in self.logs:
            for line in ANSI.sub("", log.read_text(errors="replace")).splitlines():
                if "(sqlite3.OperationalError) database is locked" in line or (
                    "database is locked" in line and not CAUSE.search(line)
                ):
                    count += 1
        return count

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = [int(k) for k in kids]
    for kid in list(found):
        found += _children(kid)
    return found


# -- the database -------------------------------------------------------------------------
@contextmanager
def database(kind: str, tmp: Path):
    """A fresh database URL: SQLite in `tmp`, or a PostgreSQL database dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp}/planner.db"
        return
    from sqlalchemy import create_engine, text

    name = f"bench_sessions_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(env: dict[str, str]) -> None:
    """Migrate and load the demo, as `make setup` does."""
    for command in (["init"], ["demo"]):
        subprocess.run([PLANNER, *command], env=env, check=True, cwd=ROOT, capture_output=True)


def signed_in_cookies(count: int) -> list[dict[str, str]]:
    """`count` browser cookies of demo manager sessions, started as the sign-in form does."""
    from planner.db import session_scope
    from planner.people import sessions
    from planner.people.actors import actor_of
    from planner.people.users import find_user

    cookies = []
    with session_scope() as session:
        actor = actor_of(find_user(session, "manajer"))
        for _ in range(count):
            sid = sessions.start(session, actor)
            cookies.append({sessions.COOKIE_NAME: sessions.cookie_value(sid)})
    return cookies


def schedule_due_posts(start: datetime, seconds: float, every: float) -> int:
    """Sandbox posts falling due every `every` seconds from `start` for `seconds`."""
    from sqlmodel import select

    from planner.db import session_scope
    from planner.models import Account, Post, PostTarget

    with session_scope() as session:
        accounts = list(session.exec(select(Account).where(Account.is_sandbox)))
        count = int(seconds / every)
        for n in range(count):
            account = accounts[n % len(accounts)]
            post = Post(title=f"Bench {n}", status="scheduled")
            session.add(post)
            session.flush()
            session.add(
                PostTarget(
                    post_id=post.id,
                    account_id=account.id,
                    platform=account.platform,
                    text=f"Halo Sobat Perpus #{n}",
                    status="scheduled",
                    due_at=start + timedelta(seconds=n * every),
                )
            )
    return count


def lateness(since: datetime) -> tuple[list[float], int]:
    """Seconds from due to published of the bench posts due by now (one not yet sent: to
    now), and how many of them were published."""
    from sqlmodel import select

    from planner.db import session_scope
    from planner.models import Post, PostTarget

    with session_scope() as session:
        rows = session.exec(
            select(PostTarget.due_at, PostTarget.published_at)
            .join(Post, Post.id == PostTarget.post_id)
            .where(Post.title.startswith("Bench "), PostTarget.due_at >= since)
        ).all()
    now = datetime.now(UTC)
    due = [r for r in rows if r[0] <= now]
    # One still waiting counts as late as it is now.
    late = sorted(((sent or now) - due_at).total_seconds() for due_at, sent in due)
    return late, sum(1 for _, sent in due if sent is not None)


# -- the scenarios ------------------------------------------------------------------------
async def calendar_scenario(urls: list[str], cookies: list[dict], seconds: float) -> dict:
    """Every session opens the calendar, then its live tables ask for a rerun every 3 s."""
    clients = [StreamlitClient(urls[n % len(urls)], c) for n, c in enumerate(cookies)]
    errors: list[str] = []

    async def open_one(client: StreamlitClient, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            await client.connect()
            await client.run("calendar")
            client.start_auto_reruns()
        except (RunFailed, OSError) as exc:
            errors.append(str(exc))

    spread = min(10.0, seconds / 3)  # people arrive over a few seconds, not in one instant
    await asyncio.gather(*(open_one(c, spread * n / len(clients)) for n, c in enumerate(clients)))
    measured_from = time.monotonic()
    await asyncio.sleep(seconds)
    measured_to = time.monotonic()
    await asyncio.sleep(5)  # answers to the last asks may still come
    for client in clients:
        await client.close()
    asked = [r for c in clients for r in c.refreshes if measured_from <= r.sent <= measured_to]
    waits = [r.answered - r.sent for r in asked if r.answered is not None]
    errors += [e for c in clients for e in c.exceptions]
    return {
        "calendar_sessions": len(clients),
        "calendar_fragments": sum(len(c.fragments) for c in clients),
        "refreshes": len(asked),
        "unanswered": len(asked) - len(waits),
        "refresh_p50_s": quantile(waits, 50),
        "refresh_p95_s": quantile(waits, 95),
        "calendar_errors": errors[:5],
    }


async def rounds_scenario(urls: list[str], cookies: list[dict], seconds: float) -> dict:
    """Every session repeats rounds (open, calendar, dashboard, compose, draft)."""
    rounds: list[float] = []
    steps: dict[str, list[float]] = {name: [] for name, _ in ROUND} | {"draft": []}
    errors: list[str] = []
    stop_at = time.monotonic() + seconds

    async def person(n: int) -> None:
        await asyncio.sleep(THINK_S * n / max(1, len(cookies)) * 3)
        while time.monotonic() < stop_at:
            client = StreamlitClient(urls[n % len(urls)], cookies[n])
            try:
                await client.connect()
                total = 0.0
                for name, page in ROUND:
                    took = await client.run(page)
                    steps[name].append(took)
                    total += took
                    await asyncio.sleep(THINK_S)
                label = next(w for w in client.widgets if w in DRAFT_BUTTON)
                took = await client.run(click=label)
                if not DRAFT_SHOWN & set(client.widgets):
                    raise RunFailed("the draft did not appear")
                steps["draft"].append(took)
                rounds.append(total + took)
            except (RunFailed, OSError, StopIteration) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                await client.close()
            await asyncio.sleep(THINK_S)

    await asyncio.gather(*(person(n) for n in range(len(cookies))))
    return {
        "round_sessions": len(cookies),
        "rounds": len(rounds),
        "round_p50_s": quantile(rounds, 50),
        "round_p95_s": quantile(rounds, 95),
        "step_p95_s": {name: quantile(v, 95) for name, v in steps.items()},
        "round_errors": errors[:5],
        "round_error_count": len(errors),
    }


def run(args: argparse.Namespace) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench_sessions_"))
    two = args.db == "postgresql"
    with database(args.db, tmp) as url:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "PLANNER_DATA_DIR": str(tmp),
            "PLANNER_SECRET_KEY": "bench-" + uuid.uuid4().hex,
            "PLANNER_EMBEDDED_WORKER": "false" if two else "true",
        }
        os.environ.update(env)
        prepare(env)
        total = args.calendar_seconds + args.round_seconds + 60
        start = datetime.now(UTC) + timedelta(seconds=20)
        due = schedule_due_posts(start, total, args.due_every)
        cookies = signed_in_cookies(max(args.calendar, args.rounds))
        servers = Servers(env, tmp, copies=2 if two else 1, separate_worker=two)
        urls = [f"ws://127.0.0.1:{p}/_stcore/stream" for p in servers.ports]
        result: dict = {"db": args.db, "app_copies": len(servers.ports)}
        result["due_every_s"] = args.due_every
        try:
            cpu0 = servers.cpu_seconds()
            result |= asyncio.run(
                calendar_scenario(urls, cookies[: args.calendar], args.calendar_seconds)
            )
            cpu1 = servers.cpu_seconds()
            result |= asyncio.run(rounds_scenario(urls, cookies[: args.rounds], args.round_seconds))
            cpu2 = servers.cpu_seconds()
            late, published = lateness(start)
            result |= {
                "worker_late_p50_s": quantile(late, 50),
                "worker_late_p99_s": quantile(late, 99),
                "worker_late_max_s": round(max(late), 3) if late else None,
                "due_posts": len(late),
                "published": published,
                "scheduled_in_all": due,
                "locked_errors": servers.locked_errors(),
                "server_cpu_s": {
                    "calendar": round(cpu1 - cpu0, 1),
                    "rounds": round(cpu2 - cpu1, 1),
                },
                "peak_rss_mb": servers.rss_mb(),
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
            }
        finally:
            servers.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run, fewer sessions")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--calendar", type=int, help="sessions with the calendar open")
    parser.add_argument("--rounds", type=int, help="sessions doing rounds")
    parser.add_argument("--calendar-seconds", type=float)
    parser.add_argument("--round-seconds", type=float)
    parser.add_argument(
        "--due-every", type=float, default=1.0, help="seconds between posts falling due"
    )
    args = parser.parse_args()
    quick = args.quick
    args.calendar = args.calendar or (12 if quick else 50)
    args.rounds = args.rounds or (5 if quick else 20)
    args.calendar_seconds = args.calendar_seconds or (30 if quick else 90)
    args.round_seconds = args.round_seconds or (30 if quick else 120)
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
