"""Money in the open: receipts, approvals, links, income, budgets.

Revision ID: 0003
Revises: 0002
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _entry(name: str, *columns: sa.Column[Any]) -> None:
    """A money entry's table, indexed by day: its key, code and day, `columns`, then
    the note and who recorded it when."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("date", sa.Date(), nullable=False),
        *columns,
        sa.Column("note", sa.Text()),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index(f"ix_{name}_date", name, ["date"])


def upgrade() -> None:
    _entry(
        "receipt",
        sa.Column("supplier", sa.String(100), nullable=False),
        sa.Column("invoice", sa.String(64), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("handler_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("acceptor_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
        sa.Column("service", sa.Boolean(), nullable=False),
        sa.Column("reverses_id", sa.Integer(), sa.ForeignKey("receipt.id")),
    )
    op.create_index("ix_receipt_supplier_invoice", "receipt", ["supplier", "invoice"])
    op.create_table(
        "receipt_approval",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("receipt_id", sa.Integer(), sa.ForeignKey("receipt.id"), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id"), nullable=False),
    )
    op.create_index(
        "ux_receipt_approval", "receipt_approval", ["receipt_id", "person_id"], unique=True
    )
    op.create_table(
        "receipt_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("receipt_id", sa.Integer(), sa.ForeignKey("receipt.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref_code", sa.String(32), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
    )
    op.create_index("ix_receipt_link_receipt_id", "receipt_link", ["receipt_id"])
    op.create_index("ix_receipt_link_ref_code", "receipt_link", ["ref_code"])
    _entry(
        "income",
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(50)),
    )
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", sa.String(32), nullable=False),
    )
    op.create_index("ux_budget", "budget", ["month", "category"], unique=True)


def downgrade() -> None:
    for table in ("budget", "income", "receipt_link", "receipt_approval", "receipt"):
        op.drop_table(table)
