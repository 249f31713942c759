"""The storeroom: items, movements, stocktakes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("category", sa.String(50)),
        sa.Column("durable", sa.Boolean(), nullable=False),
        sa.Column("reorder_milli", sa.Integer()),
        sa.Column("spec", sa.String(200)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("qty_milli", sa.Integer(), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=False),
        sa.Column("initials", sa.String(200), nullable=False),
    )
    op.create_index("ix_stock_item_name", "stock_item", ["name"])
    op.create_index("ix_stock_item_category", "stock_item", ["category"])
    op.create_table(
        "stock_count",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("category", sa.String(50)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("closed_at", sa.String(32)),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("person.id")),
    )
    op.create_table(
        "stock_movement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("stock_item.id"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("qty_delta", sa.Integer(), nullable=False),
        sa.Column("value_delta", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.Integer()),
        sa.Column("supplier", sa.String(100)),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id")),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id")),
        sa.Column("by_id", sa.Integer(), sa.ForeignKey("person.id")),
        sa.Column("old_returned_milli", sa.Integer()),
        sa.Column("no_old_reason", sa.Text()),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("person.id")),
        sa.Column("reverses_id", sa.Integer(), sa.ForeignKey("stock_movement.id")),
        sa.Column("count_id", sa.Integer(), sa.ForeignKey("stock_count.id")),
        sa.Column("note", sa.Text()),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_stock_movement_date", "stock_movement", ["date"])
    op.create_index(
        "ix_stock_movement_item_date",
        "stock_movement",
        ["item_id", "date", "id", "qty_delta", "value_delta"],
    )
    op.create_table(
        "stock_count_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("count_id", sa.Integer(), sa.ForeignKey("stock_count.id"), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("stock_item.id"), nullable=False),
        sa.Column("counted_milli", sa.Integer(), nullable=False),
        sa.Column("book_milli", sa.Integer(), nullable=False),
        sa.Column("counted_at", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
    )
    op.create_index("ux_stock_count_line", "stock_count_line", ["count_id", "item_id"], unique=True)


def downgrade() -> None:
    for table in ("stock_count_line", "stock_movement", "stock_count", "stock_item"):
        op.drop_table(table)
