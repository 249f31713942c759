"""What the ledger says must be true (#10), in one revision:
- units and places can be retired (`retired_on`); a unit's name is unique only among
  the units in use, so a graduated class keeps its name when the class below is
  promoted into it;
- income can be voided: a reversing entry points at the income it reverses, as a
  receipt's reversal does.
Nullable columns only: no row's digest changes.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# SQLite names the inline UNIQUE of 0001 nothing; reflection sees it under this name
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _unique_name() -> str:
    return "uq_unit_name" if op.get_bind().dialect.name == "sqlite" else "unit_name_key"


def upgrade() -> None:
    with op.batch_alter_table("unit", naming_convention=NAMING) as batch:
        batch.drop_constraint(_unique_name(), type_="unique")
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("place") as batch:
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("income") as batch:
        batch.add_column(sa.Column("reverses_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_income_reverses_id", "income", ["reverses_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("income") as batch:
        batch.drop_constraint("fk_income_reverses_id", type_="foreignkey")
        batch.drop_column("reverses_id")
    with op.batch_alter_table("place") as batch:
        batch.drop_column("retired_on")
    with op.batch_alter_table("unit", naming_convention=NAMING) as batch:
        batch.drop_column("retired_on")
        batch.create_unique_constraint(_unique_name(), ["name"])
