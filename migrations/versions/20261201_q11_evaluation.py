"""evaluation: figures may be gaps, audience per day, service use, feedback, attendance

Revision ID: q11_evaluation
Revises: o17_workers
Create Date: 2026-12-01 18:30:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "q11_evaluation"
down_revision = "o17_workers"
branch_labels = None
depends_on = None

FIGURES = ("impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "views")


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("metric_snapshot") as batch:
        for name in FIGURES:
            batch.alter_column(name, existing_type=sa.Integer(), nullable=True)
    _missing_becomes_gap()
    op.create_index("ix_metric_snapshot_target_taken", "metric_snapshot", ["target_id", "taken_at"])
    op.create_index("ix_post_target_published_at", "post_target", ["published_at"])
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("attendance", sa.Integer(), nullable=True))

    op.create_table(
        "audience_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _ts("taken_at"),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("following", sa.Integer(), nullable=True),
        sa.Column("simulated", sa.Boolean(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.UniqueConstraint("account_id", "day", name="uq_audience_account_day"),
    )
    op.create_index("ix_audience_snapshot_account_id", "audience_snapshot", ["account_id"])
    op.create_table(
        "service_month",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=True),
        sa.Column("loans", sa.Integer(), nullable=True),
        sa.Column("new_members", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _ts("updated_at"),
        sa.Column("updated_by_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
    )
    op.create_index("ix_service_month_month", "service_month", ["month"], unique=True)
    op.create_table(
        "feedback_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("sentiment", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("post.id"), nullable=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("event.id"), nullable=True),
        _ts("created_at"),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
    )
    op.create_index("ix_feedback_note_noted_on", "feedback_note", ["noted_on"])


def _missing_becomes_gap() -> None:
    """Figures earlier versions stored as 0 with their name in raw['missing'] become NULL."""
    bind = op.get_bind()
    snap = sa.table("metric_snapshot", sa.column("id"), sa.column("raw"))
    rows = bind.execute(sa.select(snap.c.id, snap.c.raw)).all()
    for sid, raw in rows:
        if isinstance(raw, str):
            raw = json.loads(raw)
        missing = [f for f in (raw or {}).get("missing", []) if f in FIGURES]
        if missing:
            values = ", ".join(f"{name} = NULL" for name in missing)
            bind.execute(
                sa.text(f"UPDATE metric_snapshot SET {values} WHERE id = :id"), {"id": sid}
            )


def downgrade() -> None:
    op.drop_index("ix_feedback_note_noted_on", "feedback_note")
    op.drop_table("feedback_note")
    op.drop_index("ix_service_month_month", "service_month")
    op.drop_table("service_month")
    op.drop_index("ix_audience_snapshot_account_id", "audience_snapshot")
    op.drop_table("audience_snapshot")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("attendance")
    op.drop_index("ix_post_target_published_at", "post_target")
    op.drop_index("ix_metric_snapshot_target_taken", "metric_snapshot")
    op.execute(
        "UPDATE metric_snapshot SET " + ", ".join(f"{n} = COALESCE({n}, 0)" for n in FIGURES)
    )
    with op.batch_alter_table("metric_snapshot") as batch:
        for name in FIGURES:
            batch.alter_column(name, existing_type=sa.Integer(), nullable=False)
