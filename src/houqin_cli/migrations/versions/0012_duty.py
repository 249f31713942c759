"""Duty and the gate (#16): the student registry, a hired guard's monthly wage on a
person (nullable: no row's digest changes), duty posts, shifts, leave, check-ins,
patrols, 查岗, incidents, visitors and student exits.

Revision ID: 0012_duty
Revises: 0008_cal
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_duty"
down_revision = "0011_meal"
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
    op.create_table(
        "duty_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("initials", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.Column("pool", sa.String(length=400), nullable=False),
        sa.Column("holiday_pool", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(["division_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "duty_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("holiday", sa.Boolean(), nullable=False),
        sa.Column("checkin_at", sa.String(length=32), nullable=True),
        sa.Column("checkin_by_id", sa.Integer(), nullable=True),
        sa.Column("cover_reason", sa.Text(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("checkout_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["post_id"], ["duty_post.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["checkin_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "day"),
    )
    op.create_index("ix_duty_shift_day", "duty_shift", ["day"])
    op.create_table(
        "duty_leave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["approved_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "duty_patrol",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["shift_id"], ["duty_shift.id"]),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "duty_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["shift_id"], ["duty_shift.id"]),
        sa.ForeignKeyConstraint(["inspector_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "duty_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("damage", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["shift_id"], ["duty_shift.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "gate_visitor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id_no", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("org", sa.String(length=200), nullable=True),
        sa.Column("visiting", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("vehicle", sa.String(length=20), nullable=True),
        sa.Column("in_at", sa.String(length=32), nullable=False),
        sa.Column("out_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_gate_visitor_in_at", "gate_visitor", ["in_at"])
    op.create_table(
        "gate_exit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=False),
        sa.Column("with_guardian", sa.String(length=100), nullable=True),
        sa.Column("out_at", sa.String(length=32), nullable=False),
        sa.Column("back_by", sa.String(length=32), nullable=True),
        sa.Column("back_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"]),
        sa.ForeignKeyConstraint(["approved_by_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_gate_exit_out_at", "gate_exit", ["out_at"])


def downgrade() -> None:
    op.drop_index("ix_gate_exit_out_at", table_name="gate_exit")
    op.drop_index("ix_gate_visitor_in_at", table_name="gate_visitor")
    op.drop_index("ix_duty_shift_day", table_name="duty_shift")
    for name in (
        "gate_exit",
        "gate_visitor",
        "duty_incident",
        "duty_inspection",
        "duty_patrol",
        "duty_leave",
        "duty_shift",
        "duty_post",
    ):
        op.drop_table(name)
    op.drop_index("ix_student_name", table_name="student")
    op.drop_table("student")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("wage")
