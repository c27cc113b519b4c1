"""pg_dump and pg_restore for backups, with the version check their own errors lack.

pg_dump refuses a server newer than itself ("server version mismatch"), usually after the
server was upgraded and the client package was not; that is said plainly, with the package
to install, before anything runs. The password travels in the environment (PGPASSWORD),
never on a command line other users can read with `ps`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from planner.db import get_engine


class BackupError(ValueError):
    """A backup or restore that cannot be done, with the reason in one sentence."""


def _environment(url: str) -> dict[str, str]:
    parts = make_url(url)
    env = {**os.environ, "PGDATABASE": parts.database or ""}
    for name, value in (
        ("PGHOST", parts.host),
        ("PGPORT", parts.port),
        ("PGUSER", parts.username),
        ("PGPASSWORD", parts.password),
    ):
        if value:
            env[name] = str(value)
    return env


def tool(name: str) -> str:
    """The path of a PostgreSQL client program, or why it cannot be used."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client of the server's version "
            "(e.g. apt-get install postgresql-client)"
        )
    return path


def client_major(path: str) -> int:
    """The major version of a client program (`pg_dump (PostgreSQL) 15.20` → 15)."""
    found = re.search(r"(\d+)(?:\.\d+)?", subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=False
    ).stdout)  # fmt: skip
    return int(found.group(1)) if found else 0


def server_major(url: str) -> int:
    """The major version of the server behind `url` (150020 → 15)."""
    with get_engine(url).connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _checked_tool(name: str, url: str) -> str:
    path = tool(name)
    client, server = client_major(path), server_major(url)
    if client < server:
        raise BackupError(
            f"{name} is version {client} but the PostgreSQL server is version {server}, which "
            f"{name} cannot read; install postgresql-client-{server} and run again"
        )
    return path


def _run(argv: list[str], url: str) -> None:
    done = subprocess.run(argv, env=_environment(url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit status {done.returncode}"
        if "version mismatch" in done.stderr:
            reason += "; install the PostgreSQL client of the server's version"
        raise BackupError(f"{Path(argv[0]).name} failed: {reason}")


def dump(url: str, target: Path) -> None:
    """The whole database in pg_dump's custom format, consistent as of one moment."""
    path = _checked_tool("pg_dump", url)
    _run([path, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)], url)


def restore(url: str, source: Path) -> None:
    """Replace the tables of the dump in the database behind `url`, in one transaction."""
    path = _checked_tool("pg_restore", url)
    _run(
        [
            path,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            make_url(url).database or "",
            str(source),
        ],
        url,
    )
