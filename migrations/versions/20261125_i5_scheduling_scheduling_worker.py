"""Issue 5: scheduling and the publishing worker.

Columns for edit/cancel races (send_started_at, cancelled_at), reconciliation
(reconcile_checks, verify_before_send), notifications in each reader's language with
e-mail/webhook delivery state, and the partial index the claim walks.

Revision ID: i5_scheduling
Revises: i4_media_phash
Create Date: 2026-11-25 18:13:58
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i5_scheduling"
down_revision = "i4_media_phash"
branch_labels = None
depends_on = None

CLAIMABLE = sa.text("status IN ('scheduled', 'retrying')")


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("post_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("delivery_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("delivery_error", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notification_post_id"), ["post_id"], unique=False)

    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("post_target", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_started_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("reconcile_checks", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column(
                "verify_before_send", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.create_index(
            "ix_post_target_claimable",
            ["due_at", "id"],
            unique=False,
            postgresql_where=CLAIMABLE,
            sqlite_where=CLAIMABLE,
        )


def downgrade() -> None:
    with op.batch_alter_table("post_target", schema=None) as batch_op:
        batch_op.drop_index("ix_post_target_claimable")
        batch_op.drop_column("verify_before_send")
        batch_op.drop_column("reconcile_checks")
        batch_op.drop_column("send_started_at")

    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("cancelled_at")

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_post_id"))
        for column in (
            "delivery_error",
            "delivery_attempts",
            "delivered_at",
            "account_id",
            "post_id",
            "params",
            "key",
        ):
            batch_op.drop_column(column)
