"""Money and quantities in 64-bit integers: on PostgreSQL `integer` stops at
2,147,483,647 fen (¥21,474,836.47), less than a teaching building or a large
school's budget. SQLite's INTEGER is 64-bit already: nothing to do there.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# table -> (column, nullable)
WIDE: dict[str, tuple[tuple[str, bool], ...]] = {
    "asset": (("value_fen", False),),
    "asset_damage": (("due_fen", False), ("paid_fen", False)),
    "receipt": (("amount_fen", False),),
    "receipt_link": (("amount_fen", False),),
    "income": (("amount_fen", False),),
    "budget": (("amount_fen", False),),
    "stock_item": (("reorder_milli", True), ("qty_milli", False), ("value_fen", False)),
    "stock_movement": (
        ("qty_delta", False),
        ("value_delta", False),
        ("price_fen", True),
        ("old_returned_milli", True),
    ),
    "stock_count_line": (("counted_milli", False), ("book_milli", False)),
}


def _retype(old: sa.types.TypeEngine[int], new: sa.types.TypeEngine[int]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in WIDE.items():
        for column, nullable in columns:
            op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=nullable)


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    _retype(sa.BigInteger(), sa.Integer())
