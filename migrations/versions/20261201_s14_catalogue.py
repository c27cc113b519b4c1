"""catalogue: OAI-PMH sources and the records harvested from them

Revision ID: s14_catalogue
Revises: s14_observances
Create Date: 2026-12-01 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s14_catalogue"
down_revision = "s14_observances"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def _fk(name: str, table: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "catalogue_source",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("metadata_prefix", sa.String(20), nullable=False),
        sa.Column("set_spec", sa.String(200), nullable=False),
        sa.Column("record_url", sa.String(500), nullable=False),
        sa.Column("schedule", sa.String(10), nullable=False),
        _ts("created_at", nullable=False),
        _fk("created_by_id", "user_account"),
        _ts("harvested_from"),
        _ts("last_run_at"),
        sa.Column("last_status", sa.String(10), nullable=False),
        sa.Column("last_message", sa.Text(), nullable=False),
        sa.Column("last_counts", sa.JSON(), nullable=False),
        _ts("lease_until"),
        _fk("arrivals_post_id", "post"),
        _ts("arrivals_at"),
    )
    op.create_table(
        "catalogue_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("source_id", "catalogue_source", nullable=False),
        sa.Column("identifier", sa.String(255), nullable=False),
        _fk("item_id", "collection_item"),
        sa.Column("datestamp", sa.String(40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        _ts("first_seen_at", nullable=False),
        sa.Column("is_new", sa.Boolean(), nullable=False),
        _fk("proposed_post_id", "post"),
        sa.UniqueConstraint("source_id", "identifier", name="uq_catalogue_record_source_identifier"),
    )
    op.create_index("ix_catalogue_record_source_id", "catalogue_record", ["source_id"])
    op.create_index("ix_catalogue_record_item_id", "catalogue_record", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_catalogue_record_item_id", table_name="catalogue_record")
    op.drop_index("ix_catalogue_record_source_id", table_name="catalogue_record")
    op.drop_table("catalogue_record")
    op.drop_table("catalogue_source")
