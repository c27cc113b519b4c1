"""People, roles and approvals: sign-in sessions, audit log, review comments, authorship

Existing posts, campaigns and series get the first admin (or, on a fresh database, nobody
until one is created: `planner user add` and the demo loader fill `author_id` of orphans).

Revision ID: p10_people
Revises: i7_thread
Create Date: 2026-12-01 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "p10_people"
down_revision = "i7_thread"
branch_labels = None
depends_on = None

TS = sa.DateTime()


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("email", sa.String(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("demo_password", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("totp_secret", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("failed_signins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("last_failed_at", TS, nullable=True))
        batch.add_column(sa.Column("last_signin_at", TS, nullable=True))

    op.create_table(
        "user_session",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("ended_at", TS, nullable=True),
    )
    op.create_index("ix_user_session_user_id", "user_session", ["user_id"])

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.String(length=80), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_actor_id", "audit_entry", ["actor_id"])
    op.create_index("ix_audit_entry_action", "audit_entry", ["action"])
    op.create_index("ix_audit_entry_object", "audit_entry", ["object_type", "object_id"])

    op.create_table(
        "post_comment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("post.id"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
        sa.Column("author_name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_post_comment_post_id", "post_comment", ["post_id"])

    with op.batch_alter_table("media_asset") as batch:
        batch.add_column(sa.Column("uploaded_by_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("shows_people", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("consent_recorded", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("consent_note", sa.String(), nullable=False, server_default=""))
        batch.create_foreign_key(
            "fk_media_asset_uploaded_by", "user_account", ["uploaded_by_id"], ["id"]
        )
    with op.batch_alter_table("campaign") as batch:
        batch.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("approved_at", TS, nullable=True))
        batch.create_foreign_key(
            "fk_campaign_created_by", "user_account", ["created_by_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_campaign_approved_by", "user_account", ["approved_by_id"], ["id"]
        )
    with op.batch_alter_table("series") as batch:
        batch.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_series_created_by", "user_account", ["created_by_id"], ["id"])
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("review_state", sa.String(length=20), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("submitted_at", TS, nullable=True))
        batch.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", TS, nullable=True))
        batch.add_column(sa.Column("approved_version", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_post_author", "user_account", ["author_id"], ["id"])
        batch.create_foreign_key("fk_post_reviewed_by", "user_account", ["reviewed_by_id"], ["id"])
        batch.create_index("ix_post_author_id", ["author_id"])

    # Existing work gets the first admin as its author, when there is one.
    conn = op.get_bind()
    admin = conn.execute(
        sa.text("SELECT id FROM user_account WHERE role = 'admin' ORDER BY id LIMIT 1")
    ).scalar()
    if admin is not None:
        for table, column in (
            ("post", "author_id"),
            ("campaign", "created_by_id"),
            ("series", "created_by_id"),
        ):
            conn.execute(
                sa.text(f"UPDATE {table} SET {column} = :a WHERE {column} IS NULL"), {"a": admin}
            )


def downgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.drop_index("ix_post_author_id")
        batch.drop_constraint("fk_post_reviewed_by", type_="foreignkey")
        batch.drop_constraint("fk_post_author", type_="foreignkey")
        for column in (
            "approved_version",
            "reviewed_at",
            "reviewed_by_id",
            "submitted_at",
            "review_state",
            "author_id",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("series") as batch:
        batch.drop_constraint("fk_series_created_by", type_="foreignkey")
        batch.drop_column("created_by_id")
    with op.batch_alter_table("campaign") as batch:
        batch.drop_constraint("fk_campaign_approved_by", type_="foreignkey")
        batch.drop_constraint("fk_campaign_created_by", type_="foreignkey")
        for column in ("approved_at", "approved_by_id", "created_by_id"):
            batch.drop_column(column)
    with op.batch_alter_table("media_asset") as batch:
        batch.drop_constraint("fk_media_asset_uploaded_by", type_="foreignkey")
        for column in ("consent_note", "consent_recorded", "shows_people", "uploaded_by_id"):
            batch.drop_column(column)
    op.drop_table("post_comment")
    op.drop_table("audit_entry")
    op.drop_table("user_session")
    with op.batch_alter_table("user_account") as batch:
        for column in (
            "last_signin_at",
            "last_failed_at",
            "failed_signins",
            "totp_secret",
            "session_version",
            "demo_password",
            "email",
        ):
            batch.drop_column(column)
