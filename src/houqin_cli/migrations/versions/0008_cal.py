"""A task keeps the schedules it had (#13): `task.earlier` holds, as JSON, each
earlier `--every` and the last day it applied, so that editing a schedule neither
rewrites the occurrences before the edit nor makes the new schedule's past ones due.
A nullable column: no row's digest changes.

Revision ID: 0008_cal
Revises: 0007_cal
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_cal"
down_revision = "0007_cal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("earlier", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("task") as batch:
        batch.drop_column("earlier")
