"""What one page view costs the server: CPU per page open and per rerun, in AppTest.

    python bench/pages.py                 every page, median of 7 reruns
    python bench/pages.py --quick         median of 3
    python bench/pages.py --profile planner/ui/calendar.py   where a rerun's time goes

Runs app.py in streamlit.testing.v1.AppTest (the script as the server runs it, without a
browser or a websocket) on a fresh SQLite database with the demo loaded, signed in through
the session service as the role that uses each page. For each page: `open_ms`, the CPU of
the first run of that page in a new browser session (the process already warm, as a server
is after its first visitor), and `rerun_ms`, the median CPU of a rerun with nothing changed
(what a click elsewhere on the page, or a widget's change, costs at least). CPU is
process CPU time (all threads), so other programs on the machine do not inflate it; wall
time is printed beside it. "sign-in" is the page a visitor without a session gets.
Prints one JSON object: pages → {role, open_ms, rerun_ms,
rerun_wall_ms}, plus app_start_ms (the very first run in the process). The compiled scripts
are shared between runs, as in a server.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import tempfile
import time

PAGES = {
    "planner/ui/compose.py": "staff",
    "planner/ui/drafts.py": "staff",
    "planner/ui/sources.py": "staff",
    "planner/ui/templates.py": "admin",
    "planner/ui/studio.py": "staff",
    "planner/ui/media.py": "staff",
    "planner/ui/calendar.py": "staff",
    "planner/ui/review.py": "manager",
    "planner/ui/planning.py": "manager",
    "planner/ui/inbox.py": "staff",
    "planner/ui/dashboard.py": "manager",
    "planner/ui/indicators.py": "manager",
    "planner/ui/report.py": "manager",
    "planner/ui/practice.py": "trainee",
    "planner/ui/trainer.py": "trainer",
    "planner/ui/accounts.py": "admin",
    "planner/ui/brand.py": "admin",
    "planner/ui/settings.py": "admin",
    "planner/ui/users.py": "admin",
    "planner/ui/audit_log.py": "admin",
    "planner/ui/profile.py": "staff",
}
SECRET = "bench-pages-" + "0" * 32  # a throwaway database's key
DEMO_USERS = {"admin": "admin", "manager": "manajer", "staff": "staf", "trainer": "pelatih",
              "trainee": "peserta"}  # fmt: skip


def _prepare(tmp: str) -> None:
    os.environ.update(
        {"DATABASE_URL": f"sqlite:///{tmp}/planner.db", "PLANNER_DATA_DIR": tmp,
         "PLANNER_EMBEDDED_WORKER": "false", "PLANNER_SECRET_KEY": SECRET}
    )  # fmt: skip
    from planner.config import reset_settings
    from planner.db import migrate
    from planner.demo import load_demo

    reset_settings()
    migrate()
    load_demo()


def _share_script_cache() -> None:
    """One compiled-script cache for every AppTest run, as a server has one for all sessions
    (AppTest otherwise compiles app.py and the page again on every run, which a server never
    does, and that would swamp what the pages themselves cost)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _signed_app(role: str):
    """app.py signed in as the demo person of `role`, through the session service."""
    from streamlit.testing.v1 import AppTest

    from planner.db import session_scope
    from planner.people import sessions
    from planner.people.actors import actor_of
    from planner.people.users import find_user

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    with session_scope() as session:
        sid = sessions.start(session, actor_of(find_user(session, DEMO_USERS[role])))
    at.session_state["planner_session_id"] = sid
    return at


def _timed(action) -> tuple[float, float]:
    """(CPU ms, wall ms) of `action()`."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _check(at, page: str) -> None:
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].message}")


def measure(page: str, role: str, reruns: int) -> dict:
    at = _signed_app(role)
    at.run()
    _check(at, page)
    open_cpu, open_wall = _timed(lambda: at.switch_page(page).run())
    _check(at, page)
    at.run()  # the first rerun may still fill per-session state
    samples = [_timed(at.run) for _ in range(reruns)]
    _check(at, page)
    return {
        "role": role,
        "open_ms": round(open_cpu, 1),
        "open_wall_ms": round(open_wall, 1),
        "rerun_ms": round(statistics.median(s[0] for s in samples), 1),
        "rerun_wall_ms": round(statistics.median(s[1] for s in samples), 1),
    }


def signin(reruns: int) -> dict:
    """The sign-in page a visitor without a session sees (the demo logins listed)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    open_cpu, open_wall = _timed(at.run)
    _check(at, "sign-in")
    samples = [_timed(at.run) for _ in range(reruns)]
    return {
        "role": None,
        "open_ms": round(open_cpu, 1),
        "open_wall_ms": round(open_wall, 1),
        "rerun_ms": round(statistics.median(s[0] for s in samples), 1),
        "rerun_wall_ms": round(statistics.median(s[1] for s in samples), 1),
    }


def profile(page: str, reruns: int) -> str:
    """cProfile of `reruns` reruns of `page`: the 30 dearest calls by cumulative time."""
    at = _signed_app(PAGES[page])
    at.run()
    at.switch_page(page).run()
    at.run()
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    # The script runs in a thread of its own, which a profiler started here would not see.
    profiler = cProfile.Profile()
    plain_run = LocalScriptRunner._run_script

    def profiled(self, rerun_data):
        profiler.enable()
        try:
            plain_run(self, rerun_data)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script = profiled
    try:
        for _ in range(reruns):
            at.run()
    finally:
        LocalScriptRunner._run_script = plain_run
    _check(at, page)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"planner|app\.py", 40)
    stats.sort_stats("tottime").print_stats(25)
    if callers := os.environ.get("BENCH_CALLERS"):
        stats.print_callers(callers)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reruns", type=int)
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    parser.add_argument("--profile", metavar="PAGE", help="print a profile instead of JSON")
    args = parser.parse_args()
    reruns = args.reruns or (3 if args.quick else 7)
    with tempfile.TemporaryDirectory() as tmp:
        _prepare(tmp)
        _share_script_cache()
        if args.profile:
            print(profile(args.profile, reruns))
            return
        first = _signed_app("admin")
        start_ms, _ = _timed(first.run)
        pages = {page: PAGES[page] for page in (args.page or PAGES)}
        result = {"sign-in": signin(reruns)} if not args.page else {}
        result |= {page: measure(page, role, reruns) for page, role in pages.items()}
        print(json.dumps({"app_start_ms": round(start_ms, 1), "reruns": reruns, "pages": result}))


if __name__ == "__main__":
    main()
