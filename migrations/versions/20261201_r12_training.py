"""training: exercises, sessions, attendees, attendance, submissions

Revision ID: r12_training
Revises: q11_evaluation
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r12_training"
down_revision = "q11_evaluation"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def _fk(name: str, table: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "training_exercise",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("brief", sa.Text(), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("platforms", sa.JSON(), nullable=False),
        sa.Column("lesson_id", sa.String(80), nullable=False),
        _fk("event_id", "event"),
        _fk("item_id", "collection_item"),
        sa.Column("announces_event", sa.Boolean(), nullable=False),
        sa.Column("needs_link", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _ts("created_at"),
        _fk("created_by_id", "user_account"),
    )
    op.create_index("ix_training_exercise_key", "training_exercise", ["key"], unique=True)
    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        _ts("starts_at"),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("lessons", sa.JSON(), nullable=False),
        _fk("trainer_id", "user_account"),
        sa.Column("note", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_training_session_starts_at", "training_session", ["starts_at"])
    op.create_table(
        "training_attendee",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("session_id", "training_session", nullable=False),
        _fk("user_id", "user_account"),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_training_attendee_session_id", "training_attendee", ["session_id"])
    op.create_index("ix_training_attendee_user_id", "training_attendee", ["user_id"])
    op.create_table(
        "training_session_exercise",
        sa.Column(
            "session_id", sa.Integer(), sa.ForeignKey("training_session.id"), primary_key=True
        ),
        sa.Column(
            "exercise_id", sa.Integer(), sa.ForeignKey("training_exercise.id"), primary_key=True
        ),
    )
    op.create_table(
        "training_submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("exercise_id", "training_exercise", nullable=False),
        _fk("trainee_id", "user_account", nullable=False),
        _fk("session_id", "training_session"),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("account_ids", sa.JSON(), nullable=False),
        _fk("media_asset_id", "media_asset"),
        sa.Column("alt_text", sa.Text(), nullable=False),
        sa.Column("link", sa.String(), nullable=False),
        sa.Column("image_spec", sa.JSON(), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("auto_score", sa.Float(), nullable=True),
        sa.Column("trainer_score", sa.Integer(), nullable=True),
        sa.Column("trainer_comment", sa.Text(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        _ts("submitted_at"),
        _ts("reviewed_at", nullable=True),
        _fk("reviewed_by_id", "user_account"),
        _fk("promoted_post_id", "post"),
    )
    for column in ("exercise_id", "trainee_id", "state", "submitted_at"):
        op.create_index(f"ix_training_submission_{column}", "training_submission", [column])


def downgrade() -> None:
    for column in ("exercise_id", "trainee_id", "state", "submitted_at"):
        op.drop_index(f"ix_training_submission_{column}", "training_submission")
    op.drop_table("training_submission")
    op.drop_table("training_session_exercise")
    op.drop_index("ix_training_attendee_user_id", "training_attendee")
    op.drop_index("ix_training_attendee_session_id", "training_attendee")
    op.drop_table("training_attendee")
    op.drop_index("ix_training_session_starts_at", "training_session")
    op.drop_table("training_session")
    op.drop_index("ix_training_exercise_key", "training_exercise")
    op.drop_table("training_exercise")
