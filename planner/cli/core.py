"""Setup and operations commands: init, demo, collect-metrics, serve (the worker, queue and
cancel commands live in planner/cli/schedule.py)."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from planner.cli.output import JsonOpt, emit
from planner.config import get_settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("init")(init)
    app.command("demo")(demo)
    app.command("collect-metrics")(collect_metrics)
    app.command("serve")(serve)


def init(as_json: JsonOpt = False) -> None:
    """Create or migrate the database."""
    from planner.db import current_revision, migrate

    migrate()
    emit(
        {"ok": True, "revision": current_revision()},
        as_json,
        [f"database ready at revision {current_revision()}"],
    )


def demo(as_json: JsonOpt = False) -> None:
    """Load the demo content once (running it again adds nothing)."""
    from planner.db import migrate
    from planner.demo import load_demo

    migrate()
    loaded = load_demo()
    emit(
        {"ok": True, "loaded": loaded},
        as_json,
        ["demo content loaded" if loaded else "demo content already present; nothing added"],
    )


def collect_metrics(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Take engagement snapshots of published posts."""
    from planner.db import check_connection
    from planner.metrics import collect_once

    check_connection()
    settings = get_settings()
    if once:
        stored = collect_once(settings=settings)
        emit({"ok": True, "snapshots": stored}, as_json, [f"{stored} snapshot(s) stored"])
        return
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.is_set():
        collect_once(settings=settings)
        stop.wait(min(60, settings.metrics_interval_seconds))


def serve(
    port: Annotated[int, typer.Option(help="Port for the web app.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind; localhost unless you add a login.")
    ] = "127.0.0.1",
) -> None:
    """Migrate, start the embedded worker, and serve the web app (what `make run` does)."""
    import sys

    from streamlit.web import cli as streamlit_cli

    from planner.config import PROJECT_ROOT
    from planner.db import migrate
    from planner.publishing.embedded import ensure_embedded_worker

    migrate()
    # Started before the first browser visit, so due posts go out even if nobody opens the app.
    ensure_embedded_worker()
    sys.argv = [
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    streamlit_cli.main()
