"""dashboard indexes: a target's newest snapshot and its first at each age in one index seek

Revision ID: q12_dashboard_indexes
Revises: q11_evaluation
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

from alembic import op

revision = "q12_dashboard_indexes"
down_revision = "q11_evaluation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # MAX(id) WHERE target_id = ? and MIN(id) WHERE target_id = ? AND age_bucket = ? read the
    # last/first entry of these, so the dashboard never groups a month of snapshots.
    op.create_index("ix_metric_snapshot_target_id_id", "metric_snapshot", ["target_id", "id"])
    op.create_index(
        "ix_metric_snapshot_target_age_id", "metric_snapshot", ["target_id", "age_bucket", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_metric_snapshot_target_age_id", table_name="metric_snapshot")
    op.drop_index("ix_metric_snapshot_target_id_id", table_name="metric_snapshot")
