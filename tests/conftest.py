"""Shared fixtures: an isolated data directory per test, SQLite and a real PostgreSQL.

PostgreSQL tests use a fresh database created on the server at PLANNER_TEST_PG (default
127.0.0.1:5432, trust auth) and dropped at the end of the session, so parallel runs and the
machine's own `test` database never collide. With CI=true a missing server fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from planner import config, db

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
