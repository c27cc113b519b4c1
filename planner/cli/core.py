"""Setup and operations commands: init, demo, collect-metrics, serve (the worker, queue and
cancel commands live in planner/cli/schedule.py)."""

from __future__ import annotations

import ipaddress
import signal
import threading
from typing import Annotated

import typer

from planner.cli.errors import fail
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("init")(init)
    app.command("demo")(demo)
    app.command("collect-metrics")(collect_metrics)
    app.command("serve")(serve)


def prepare() -> None:
    """What every start needs before the database: the data folder (0700) and the key file.

    The settings were read already, so a weak PLANNER_SECRET_KEY has stopped the command.
    """
    from planner.config import make_private_dir
    from planner.secrets import ensure_key, open_folder_warning

    make_private_dir(get_settings().data_dir)
    ensure_key()
    warning = open_folder_warning()
    if warning:
        typer.echo(f"planner: warning: {warning}", err=True)


def init(as_json: JsonOpt = False) -> None:
    """Create or migrate the database."""
    from planner.db import current_revision, migrate

    prepare()
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

    prepare()
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
    """Take the snapshots that are due (post milestones, today's followers), as the worker does."""
    from planner.collecting import collect_due
    from planner.db import check_connection

    check_connection()
    settings = get_settings()
    if once:
        done = collect_due(settings=settings)
        emit(
            {"ok": True, **done.as_dict()},
            as_json,
            [f"{done.snapshots} snapshot(s), {done.audience} audience figure(s) stored"],
        )
        return
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.is_set():
        collect_due(settings=settings)
        stop.wait(settings.metrics_interval_seconds)


def serve(
    port: Annotated[int, typer.Option(help="Port for the web app.")] = 8501,
    host: Annotated[
        str,
        typer.Option(help="Address to bind; other than 127.0.0.1 needs a real admin first."),
    ] = "127.0.0.1",
) -> None:
    """Migrate, start the publishing worker process, and serve the web app (what `make run`
    does); the worker stops when the app does."""
    from planner.db import migrate
    from planner.publishing.embedded import ensure_embedded_worker

    prepare()
    migrate()
    if not is_loopback(host):
        _refuse_until_ready(host)
    # Started before the first browser visit, so due posts go out even if nobody opens the app.
    worker = ensure_embedded_worker()
    try:
        _serve_app(host, port)
    finally:  # Streamlit has stopped (SIGTERM, Ctrl-C or an error): the worker goes too
        if worker is not None:
            worker.stop()


def _serve_app(host: str, port: int) -> None:
    from planner.config import PROJECT_ROOT
    from planner.limits import UPLOAD_LIMIT_MB

    launch_streamlit(
        [
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
            "--server.maxUploadSize",
            str(UPLOAD_LIMIT_MB),
            *SERVER_TUNING,
        ]
    )


# Streamlit's defaults suit a developer editing the script, not a server people work on
# (measured with bench/sessions.py, docs/performance.md): after every run, and every 3 s
# calendar refresh is a run, it forces a full garbage collection over the whole process
# (about a third of the server's CPU under load) and re-scans every imported module's file
# for changes (about a quarter). Python's own garbage collector still runs as usual, and a
# new version of planner is started anew, not reloaded.
SERVER_TUNING = ("--runner.postScriptGC", "false", "--server.fileWatcherType", "none")


def launch_streamlit(argv: list[str]) -> None:
    """Run Streamlit's own command line in this process (tests replace this)."""
    import sys

    from streamlit.web import cli as streamlit_cli

    sys.argv = argv
    streamlit_cli.main()


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _refuse_until_ready(host: str) -> None:
    """Other machines may reach the app only once sign-in really protects it."""
    from planner.db import session_scope
    from planner.people.demo_accounts import demo_logins
    from planner.people.users import count_admins

    with session_scope() as session:
        admins = count_admins(session, real_password=True)
        demo = [name for name, _role, _password in demo_logins(session)]
    if admins == 0:
        fail(
            f"refusing to serve on {host}: there is no admin with a real password yet; "
            "create one with `planner user add NAME --role admin` (or serve on 127.0.0.1)"
        )
    if demo:
        fail(
            f"refusing to serve on {host}: {', '.join(demo)} still sign in with the published "
            "demo password; run `planner user disable NAME` or `planner user reset-password "
            "NAME` for each (or serve on 127.0.0.1)"
        )
    if not get_settings().secure_cookies:
        typer.echo(
            "planner: warning: PLANNER_SECURE_COOKIES is false; serve behind an HTTPS proxy "
            "and set it to true so the session cookie never travels unencrypted",
            err=True,
        )
