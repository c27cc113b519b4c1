"""change counter: one row bumped with every change pages follow live (calendar, inbox)

Revision ID: s17_change_counter
Revises: q12_dashboard_indexes
Create Date: 2026-12-01 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s17_change_counter"
down_revision = "q12_dashboard_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("change_counter")
