"""Setup and operations commands: init, demo, worker, collect-metrics, queue, cancel."""

from __future__ import annotations

import os
import signal
import socket
import threading
from typing import Annotated

import typer

from planner.cli.output import emit
from planner.config import get_settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("init")(init)
    app.command("demo")(demo)
    app.command("worker")(worker)
    app.command("collect-metrics")(collect_metrics)
    app.command("queue")(queue)
    app.command("cancel")(cancel)
    app.command("serve")(serve)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


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


def _default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def worker(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron).")] = False,
    worker_id: Annotated[
        str | None, typer.Option("--id", help="A name for this worker in logs.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Publish what is due; runs until SIGTERM/SIGINT unless --once."""
    from planner.db import check_connection
    from planner.metrics import collect_once
    from planner.worker import Worker, serve

    check_connection()
    w = Worker(worker_id or _default_worker_id())
    if once:
        result = w.run_once()
        collected = collect_once(settings=w.settings, now=w.clock())
        data = {**result.as_dict(), "metrics_snapshots": collected, "worker": w.worker_id}
        emit(
            data,
            as_json,
            [
                f"{w.worker_id}: claimed {result.claimed}, published {result.published}, "
                f"retrying {result.retrying}, failed {result.failed}, "
                f"needs attention {result.needs_attention}"
            ],
        )
        return
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    typer.echo(
        f"worker {w.worker_id} started (poll every {w.settings.worker_poll_seconds:g} s)", err=True
    )
    serve(w, stop)
    typer.echo(f"worker {w.worker_id} stopped", err=True)


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


def queue(
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """What is due next."""
    from planner.db import session_scope
    from planner.i18n import format_datetime
    from planner.scheduling import upcoming

    settings = get_settings()
    with session_scope() as session:
        rows = upcoming(session, limit)
        items = [
            {
                "post_id": post.id,
                "target_id": target.id,
                "platform": target.platform,
                "account": account.name,
                "status": target.status,
                "due_at": target.due_at,
                "title": post.title,
            }
            for target, post, account in rows
        ]
    lines = [
        f"#{i['post_id']} {format_datetime(i['due_at'], settings.tz, 'en')} "
        f"{i['platform']:<9} {i['status']:<10} {i['title']}"
        for i in items
    ] or ["queue is empty"]
    emit({"items": items}, as_json, lines)


def cancel(post_id: int, as_json: JsonOpt = False) -> None:
    """Cancel a post: none of its targets will go out."""
    from planner.db import session_scope
    from planner.scheduling import cancel_post

    with session_scope() as session:
        cancelled = cancel_post(session, post_id)
        n = len(cancelled)
    emit(
        {"ok": True, "post_id": post_id, "cancelled_targets": n},
        as_json,
        [f"post {post_id} cancelled ({n} target(s))"],
    )


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
    from planner.worker import ensure_embedded_worker

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
