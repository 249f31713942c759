"""Duty and the gate (#16): the student registry, a hired guard's monthly wage on a
person (nullable: no row's digest changes), duty posts, shifts, leave, check-ins,
patrols, 查岗, incidents, visitors and student exits.

Revision ID: 0012_duty
Revises: 0008_cal
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_duty"
down_revision = "0008_cal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("wage", sa.BigInteger(), nullable=True))
    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=True),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("boarding", sa.Boolean(), nullable=False),
        sa.Column("guardian", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("id_no", sa.String(length=40), nullable=True),
        sa.Column("initials", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("leave_reason", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["class_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_student_name", "student", ["name"])
    # @DUTY@


def downgrade() -> None:
    # @DUTYDOWN@
    op.drop_index("ix_student_name", table_name="student")
    op.drop_table("student")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("wage")
