"""Repairs (#14): repair orders (报修单, WX-) and the steps of their life (requested,
assigned, parts used, outside work, done, accepted, rejected, cancelled). The
settings repair.due_hours.* and repair.accept_days replace repair.deadline_days (a
stored value of the old key is left as it was, unread).

Revision ID: 0009_repair
Revises: 0008_cal
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_repair"
down_revision = "0008_cal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "repair_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("requester_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("asset_id", sa.Integer(), nullable=True),
        sa.Column("damage_id", sa.Integer(), nullable=True),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("for_holiday", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.String(length=32), nullable=False),
        sa.Column("due_at", sa.String(length=32), nullable=True),
        sa.Column("done_at", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("estimate_fen", sa.BigInteger(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"]),
        sa.ForeignKeyConstraint(["requester_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["asset_id"], ["asset.id"]),
        sa.ForeignKeyConstraint(["damage_id"], ["asset_damage.id"]),
        sa.ForeignKeyConstraint(["assignee_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_repair_order_status", "repair_order", ["status"])
    op.create_table(
        "repair_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=10), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("movement_id", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=True),
        sa.Column("receipt_code", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["repair_order.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["movement_id"], ["stock_movement.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_repair_event_order", "repair_event", ["order_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_repair_event_order", table_name="repair_event")
    op.drop_table("repair_event")
    op.drop_index("ix_repair_order_status", table_name="repair_order")
    op.drop_table("repair_order")
