"""Engine, sessions and migrations.

One engine per database URL per process. SQLite gets WAL and a busy timeout so that the
app, the worker and a CLI can share the file; migrations take a lock so that two processes
starting at once cannot both try to build the schema.

Two kinds of transaction: `session_scope()` for anything that writes (on SQLite it takes
the write lock up front, BEGIN IMMEDIATE) and `read_scope()` for pages, refreshes and the
worker's look for due posts. A read scope never takes the write lock (a deferred BEGIN
reads a WAL snapshot beside a writer) and cannot write: SQLite runs it with
`PRAGMA query_only`, PostgreSQL as a READ ONLY transaction, so a write slipped into a read
path fails at once instead of quietly taking the lock again.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from planner import changes  # noqa: F401  (registers the change counter's session events)
from planner.config import PROJECT_ROOT, get_settings, make_private_dir

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
_engines: dict[str, Engine] = {}
_readers: dict[Engine, Engine] = {}
_engines_lock = threading.Lock()
_PG_MIGRATION_LOCK = 7_152_025  # arbitrary advisory lock key shared by all planner processes


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or opened; the message is meant for a person."""


READ_ONLY = "planner_read_only"  # execution option of the engine a read scope uses
# How long a writer waits for another writer before "database is locked". Readers never
# wait (WAL); writers are short (no network call inside a transaction), so a wait this long
# only happens when something is wrong, and then failing beats hanging a page forever.
BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_conn: Any, record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin) instead of pysqlite's lazy BEGIN.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _enable_wal(cur)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _enable_wal(cur: Any) -> None:
    """Switch the file to WAL once (the mode is stored in the file).

    Two processes opening a brand-new file at the same moment can both try to switch, and
    SQLite answers the loser 'database is locked' without waiting on its busy handler; the
    switch is retried for a while instead of failing the whole start.
    """
    deadline = time.monotonic() + 30
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Any) -> None:
    """BEGIN IMMEDIATE for a writer, a deferred BEGIN under query_only for a reader.

    IMMEDIATE takes the write lock up front: a transaction that reads and then writes can
    then never fail with SQLITE_BUSY half-way (it waits its turn under busy_timeout
    instead). A reader takes no lock at all: WAL gives it a snapshot beside any writer.
    query_only is a setting of the connection, so it is switched only when the pooled
    connection changes role (remembered in the pool record's info).
    """
    read_only = bool(conn.get_execution_options().get(READ_ONLY))
    info = conn.connection.info
    if info.get(READ_ONLY, False) != read_only:
        conn.exec_driver_sql(f"PRAGMA query_only={int(read_only)}")
        info[READ_ONLY] = read_only
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _postgres_begin(conn: Any) -> None:
    # psycopg opens the transaction with the first statement, so this one comes first.
    if conn.get_execution_options().get(READ_ONLY):
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def describe_url(url: str) -> str:
    """The URL without its password, for messages and the settings page."""
    return make_url(url).render_as_string(hide_password=True)


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for `url` (default: the configured database)."""
    url = url or get_settings().db_url
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
        return engine


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        db_path = make_url(url).database
        if db_path and db_path != ":memory:":
            make_private_dir(Path(db_path).parent)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={"connect_timeout": 5},
    )
    event.listen(engine, "begin", _postgres_begin)
    return engine


def _read_engine(url: str | None) -> Engine:
    """The shared engine flagged read-only (same pool): what a read scope's session uses."""
    engine = get_engine(url)
    with _engines_lock:
        reader = _readers.get(engine)
        if reader is None:
            reader = _readers[engine] = engine.execution_options(**{READ_ONLY: True})
        return reader


def dispose_engines() -> None:
    """Close every pooled connection (tests, forked workers)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _readers.clear()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that writes: commits on success and rolls back on error.

    On SQLite it holds the write lock from its first statement, so a read-then-write (a
    claim, a check before an update) can never be overtaken half-way.
    """
    with _scope(get_engine(url)) as session:
        yield session


@contextmanager
def read_scope(url: str | None = None) -> Iterator[Session]:
    """A session that only reads: one consistent snapshot, no write lock, writes refused.

    For pages, refreshes and looks for work; a write inside raises (SQLite: "attempt to
    write a readonly database", PostgreSQL: "read-only transaction").
    """
    with _scope(_read_engine(url)) as session:
        yield session


@contextmanager
def _scope(engine: Engine) -> Iterator[Session]:
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def check_connection(url: str | None = None) -> None:
    """Raise DatabaseUnavailable with a one-line reason when the database cannot be used."""
    url = url or get_settings().db_url
    try:
        with get_engine(url).connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            f"cannot reach the database at {describe_url(url)}: {reason}"
        ) from exc


def _alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def _migration_lock(url: str) -> Iterator[Any]:
    """Serialise migrations across processes: a file lock for SQLite, an advisory lock on PG."""
    engine = get_engine(url)
    if engine.dialect.name == "sqlite":
        db_path = make_url(url).database or "memory"
        lock_path = Path(f"{db_path}.migrate.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                with engine.begin() as conn:
                    yield conn
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        conn.commit()
        try:
            with conn.begin():
                yield conn
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_MIGRATION_LOCK})
            conn.commit()


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest migration; safe to call from several processes at once."""
    from alembic import command

    url = url or get_settings().db_url
    check_connection(url)
    cfg = _alembic_config(url)
    with _migration_lock(url) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(url: str | None = None) -> str | None:
    """The migration the database is at (None when it was never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
