"""Migrations and models agree, and upgrading an older database keeps its data."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

from planner import db


def _diffs(url: str) -> list:
    with db.get_engine(url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        return compare_metadata(context, SQLModel.metadata)


def test_migrated_schema_matches_models(any_db: str) -> None:
    assert _diffs(any_db) == []


def test_upgrade_from_first_revision_keeps_rows(data_dir) -> None:
    from planner.config import get_settings

    url = get_settings().db_url
    db.check_connection(url)
    cfg = db._alembic_config(url)
    command.upgrade(cfg, "0001")
    with db.get_engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO account (platform, name, handle, is_sandbox, status, status_reason, "
                "config, dry_run, paused, created_at) VALUES ('x', 'Old account', '@old', 1, "
                "'active', '', '{}', 0, 0, '2026-01-01 00:00:00')"
            )
        )
    db.migrate(url)
    assert db.current_revision(url) == ScriptDirectory.from_config(cfg).get_current_head()
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT name FROM account")).scalar_one() == "Old account"
