"""post_target.as_thread: long X posts go out as a thread

Revision ID: i7_thread
Revises: i5_scheduling
Create Date: 2026-11-25 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i7_thread"
down_revision = "i5_scheduling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post_target") as batch:
        batch.add_column(
            sa.Column("as_thread", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("post_target") as batch:
        batch.drop_column("as_thread")
