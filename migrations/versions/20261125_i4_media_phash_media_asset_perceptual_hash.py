"""media asset perceptual hash (finds re-saved or resized copies of a stored image)

Revision ID: i4_media_phash
Revises: 0001
Create Date: 2026-11-25 18:26:45.878537
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i4_media_phash"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get an empty hash; they are simply not compared until re-uploaded.
    with op.batch_alter_table("media_asset", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phash", sa.String(length=16), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("media_asset", schema=None) as batch_op:
        batch_op.drop_column("phash")
