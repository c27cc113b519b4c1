"""observances: the library's own days and the observance a post was drafted for

Revision ID: s14_observances
Revises: s17_change_counter
Create Date: 2026-12-01 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s14_observances"
down_revision = "s17_change_counter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "observance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name_id", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("since_year", sa.Integer(), nullable=True),
        sa.Column("template_id", sa.String(length=80), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
    )
    op.create_index("ix_observance_key", "observance", ["key"], unique=True)
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("observance_key", sa.String(length=80), nullable=True))
        batch.create_index("ix_post_observance_key", ["observance_key"])


def downgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.drop_index("ix_post_observance_key")
        batch.drop_column("observance_key")
    op.drop_index("ix_observance_key", table_name="observance")
    op.drop_table("observance")
