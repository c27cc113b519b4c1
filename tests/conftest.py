"""Shared fixtures: an isolated data directory per test, SQLite and a real PostgreSQL.

PostgreSQL tests use a fresh database created on the server at PLANNER_TEST_PG (default
127.0.0.1:5432, trust auth) and dropped at the end of the session, so parallel runs and the
machine's own `test` database never collide. With CI=true a missing server fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from planner import config, db

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PG_ADMIN = os.environ.get("PLANNER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_ADMIN, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means: no usable server
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session."""
    problem = _pg_available()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but unreachable: {problem}")
        pytest.skip(f"PostgreSQL not reachable: {problem}")
    name = f"planner_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    db.migrate(url)
    yield url
    db.dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate(url: str) -> None:
    engine = db.get_engine(url)
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(
                text(
                    "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
                )
            )
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(autouse=True, scope="session")
def _test_strength_password_hashing() -> Iterator[None]:
    """argon2 with its real costs takes ~0.1-0.2 s per hash; tests need the logic, not the cost.

    tests/test_people.py checks separately that the shipped hasher uses argon2id defaults.
    """
    from argon2 import PasswordHasher

    from planner.people import passwords

    real = passwords._hasher
    passwords.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    passwords.set_hasher(real)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at an empty data directory; settings and engines are re-read."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PLANNER_DATA_DIR", str(folder))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PLANNER_DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANNER_EMBEDDED_WORKER", "false")
    config.reset_settings()
    yield folder
    db.dispose_engines()
    config.reset_settings()


@pytest.fixture
def sqlite_db(data_dir: Path) -> str:
    """A migrated SQLite database in the test's data directory."""
    url = config.get_settings().db_url
    db.migrate(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(
    request: pytest.FixtureRequest, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The same test on SQLite and on the real PostgreSQL."""
    if request.param == "sqlite":
        url = config.get_settings().db_url
        db.migrate(url)
        yield url
        return
    url = request.getfixturevalue("pg_url")
    monkeypatch.setenv("DATABASE_URL", url)
    config.reset_settings()
    _truncate(url)
    yield url
    _truncate(url)


@pytest.fixture
def demo_db(sqlite_db: str) -> str:
    """SQLite with the demo content loaded."""
    from planner.demo import load_demo

    load_demo()
    return sqlite_db


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where browser tests save screenshots.

    Normally a temporary folder, so a test run leaves the work tree clean; with
    PLANNER_SCREENSHOTS=docs the README's pictures in docs/ are refreshed instead.
    """
    if os.environ.get("PLANNER_SCREENSHOTS") == "docs":
        return Path(__file__).resolve().parent.parent / "docs"
    return tmp_path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app_url(demo_db: str, data_dir: Path, tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port over the demo data, embedded worker off."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if IN_CI:
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("Chromium not installed")
    from tests.people_helpers import make_user

    make_user("admin")  # the browser signs in as this person (the `page` fixture)
    port = free_port()
    env = {**os.environ, "PLANNER_DATA_DIR": str(data_dir), "PLANNER_EMBEDDED_WORKER": "false"}
    log_path = tmp_path / "streamlit.log"
    with open(log_path, "wb") as log:  # a file, not a pipe: a full pipe would stall the app
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("streamlit did not start: " + log_path.read_text()[-2000:])
    yield url
    proc.terminate()
    proc.wait(10)


def sign_in(pg, app_url: str, username: str, password: str) -> None:
    """Fill the sign-in form and wait for the navigation (the session cookie is then set)."""
    from playwright.sync_api import expect

    pg.goto(app_url)
    pg.get_by_label("Nama pengguna").fill(username)
    pg.get_by_label("Kata sandi", exact=True).fill(password)
    pg.get_by_role("button", name="Masuk", exact=True).click()
    expect(pg.get_by_test_id("stSidebarNav")).to_be_visible()


@pytest.fixture
def browser_context(app_url: str):
    """A fresh Chromium context (Debian's /usr/bin/chromium through Playwright), signed out."""
    from playwright.sync_api import expect, sync_playwright

    # A cold app on a busy 2-core CI machine can take longer than expect()'s 5 s default.
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(20_000)
        yield context
        browser.close()


@pytest.fixture
def page(browser_context, app_url: str):
    """A Chromium page on a wide viewport, signed in as the admin (tests/people_helpers.py)."""
    from tests.people_helpers import PASSWORD, ROLE_USERS

    pg = browser_context.new_page()
    sign_in(pg, app_url, ROLE_USERS["admin"], PASSWORD)
    return pg
