"""Migrations and models agree, and upgrading an older database keeps its data."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel, select

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


def _upgrade_to(url: str, revision: str):
    db.check_connection(url)
    cfg = db._alembic_config(url)
    command.upgrade(cfg, revision)
    return cfg


POST_SQL = (
    "INSERT INTO post (title, author, alt_text, link, status, version, created_at, updated_at) "
    "VALUES ('Lama', 'Bu Sri', '', '', 'published', 1, '2026-01-01 00:00:00', "
    "'2026-01-01 00:00:00')"
)


def test_people_migration_gives_old_posts_the_existing_admin(data_dir) -> None:
    from planner.config import get_settings
    from planner.db import session_scope
    from planner.models import Post

    url = get_settings().db_url
    cfg = _upgrade_to(url, "i7_thread")
    with db.get_engine(url).begin() as conn:
        conn.execute(text(POST_SQL))
        conn.execute(
            text(
                "INSERT INTO user_account (username, display_name, role, locale, active, "
                "created_at) VALUES ('kepala', 'Kepala', 'admin', 'id', true, "
                "'2026-01-01 00:00:00')"
            )
        )
    command.upgrade(cfg, "head")
    with session_scope() as session:
        post = session.exec(select(Post)).one()
        assert (post.title, post.author, post.review_state) == ("Lama", "Bu Sri", "")
        assert post.author_id is not None


def test_first_admin_created_after_upgrade_adopts_old_posts(sqlite_db: str) -> None:
    from planner.db import session_scope
    from planner.models import Post
    from planner.people.users import add_user

    with db.get_engine(sqlite_db).begin() as conn:
        conn.execute(text(POST_SQL))
    with session_scope() as session:
        admin, _ = add_user(session, None, "kepala", "admin")
        admin_id = admin.id
    with session_scope() as session:
        assert session.exec(select(Post)).one().author_id == admin_id


def test_evaluation_migration_turns_unreported_zeros_into_gaps(data_dir) -> None:
    """Snapshots stored before gaps existed kept unreported figures as 0 plus their names."""
    from planner.config import get_settings
    from planner.db import session_scope
    from planner.models import MetricSnapshot

    url = get_settings().db_url
    cfg = _upgrade_to(url, "o17_workers")
    with db.get_engine(url).begin() as conn:
        conn.execute(text(POST_SQL))
        conn.execute(
            text(
                "INSERT INTO account (platform, name, handle, is_sandbox, status, status_reason,"
                " config, dry_run, paused, created_at) VALUES ('facebook', 'Page', '', 0, "
                "'active', '', '{}', 0, 0, '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO post_target (post_id, account_id, platform, text, media_ids, "
                "alt_text, status, attempts, content_version, updated_at, reconcile_checks, "
                "verify_before_send, as_thread) VALUES (1, 1, 'facebook', 'x', '[]', '', "
                "'published', 1, 1, '2026-01-01 00:00:00', 0, 0, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO metric_snapshot (target_id, taken_at, age_bucket, impressions, "
                "reach, likes, comments, shares, saves, clicks, views, simulated, raw) VALUES "
                "(1, '2026-01-02 00:00:00', '24h', 0, 0, 7, 2, 1, 0, 0, 0, 0, "
                '\'{"missing": ["saves", "impressions"]}\')'
            )
        )
    command.upgrade(cfg, "head")
    with session_scope() as session:
        snap = session.exec(select(MetricSnapshot)).one()
    assert (snap.likes, snap.comments, snap.shares) == (7, 2, 1)
    assert snap.saves is None and snap.impressions is None
    assert snap.clicks == 0  # reported as zero stays zero
