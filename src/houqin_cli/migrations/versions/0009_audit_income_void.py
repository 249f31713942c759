"""Income can be voided: a reversing entry points at the income it reverses, as a
receipt's reversal does.

Revision ID: 0009
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("income") as batch:
        batch.add_column(sa.Column("reverses_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_income_reverses_id", "income", ["reverses_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("income") as batch:
        batch.drop_constraint("fk_income_reverses_id", type_="foreignkey")
        batch.drop_column("reverses_id")
