"""`planner serve` on another address than this machine's refuses to start until sign-in
really protects the app: a real admin exists and no account still has its demo password."""

from __future__ import annotations

import sys
import time

import pytest

from planner.cli import app, core
from planner.cli.errors import run_cli
from planner.db import session_scope
from planner.people.users import reset_password, set_active
from tests.people_helpers import make_user
from tests.test_cli import planner


@pytest.fixture
def launches(monkeypatch) -> list[list[str]]:
    """Streamlit is never started: the argv it would get is recorded instead."""
    calls: list[list[str]] = []
    monkeypatch.setattr(core, "launch_streamlit", calls.append)
    return calls


def serve(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["planner", "serve", *args])
    code = run_cli(app)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("perpus.example.org", False),
        ("", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert core.is_loopback(host) is loopback


def test_refused_with_only_demo_accounts(demo_db, monkeypatch, capsys, launches) -> None:
    code, _, err = serve(monkeypatch, capsys, "--host", "0.0.0.0")
    assert code == 1 and launches == []
    line = err.strip()
    assert line.startswith("planner: error: refusing to serve on 0.0.0.0")
    assert "planner user add NAME --role admin" in line and "\n" not in line


def test_refused_while_demo_passwords_still_work(demo_db, monkeypatch, capsys, launches) -> None:
    admin = make_user("admin")
    with session_scope() as session:
        set_active(session, admin, "admin", False)
        reset_password(session, admin, "manajer")
    code, _, err = serve(monkeypatch, capsys, "--host", "0.0.0.0")
    assert code == 1 and launches == []
    assert "staf, pelatih, peserta still sign in with the published demo password" in err
    assert "planner user disable NAME" in err


def test_allowed_with_a_real_admin(sqlite_db, monkeypatch, capsys, launches) -> None:
    make_user("admin")
    code, _, err = serve(monkeypatch, capsys, "--host", "0.0.0.0", "--port", "8080")
    assert code == 0, err
    (argv,) = launches
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0"
    assert argv[argv.index("--server.port") + 1] == "8080"
    assert "PLANNER_SECURE_COOKIES is false" in err


def test_no_cookie_warning_when_cookies_are_secure(sqlite_db, monkeypatch, capsys, launches):
    from planner import config

    make_user("admin")
    monkeypatch.setenv("PLANNER_SECURE_COOKIES", "true")
    config.reset_settings()
    code, _, err = serve(monkeypatch, capsys, "--host", "0.0.0.0")
    assert code == 0 and len(launches) == 1 and err == ""


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_needs_nobody(sqlite_db, monkeypatch, capsys, launches, host: str) -> None:
    code, _, err = serve(monkeypatch, capsys, "--host", host)
    assert code == 0 and err == "" and len(launches) == 1


def test_a_real_process_exits_1_quickly_without_starting_streamlit(tmp_path) -> None:
    started = time.monotonic()
    run = planner(
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "1",  # would fail to bind if Streamlit were started
        data_dir=tmp_path / "data",
        env={"PLANNER_EMBEDDED_WORKER": "false"},
    )
    assert run.returncode == 1
    assert time.monotonic() - started < 60
    assert run.stderr.strip().startswith("planner: error: refusing to serve on 0.0.0.0")
    assert "Streamlit" not in run.stdout + run.stderr
