"""The canteen (#15): dishes, menus, meals served, food samples (留样), disinfection,
陪餐, purchase inspections, canteen staff and duty; people's certificates
(person_cert); and a receipt's expiry date (stock_movement.expires, nullable: no
row's digest changes).

Revision ID: 0011_meal
Revises: 0008_cal
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_meal"
down_revision = "0010_safety"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meal_dish",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("allergens", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("initials", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "meal_menu",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("dish_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dish_id"],
            ["meal_dish.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "meal", "dish_id"),
    )
    with op.batch_alter_table("meal_menu", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meal_menu_day"), ["day"], unique=False)

    op.create_table(
        "meal_accompany",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("parent", sa.String(length=100), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("meal_accompany", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meal_accompany_day"), ["day"], unique=False)

    op.create_table(
        "meal_disinfection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("temp_c", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("ppm", sa.Integer(), nullable=True),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("meal_disinfection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meal_disinfection_day"), ["day"], unique=False)

    op.create_table(
        "meal_duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "meal"),
    )
    op.create_table(
        "meal_sample",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("dish_id", sa.Integer(), nullable=False),
        sa.Column("grams_milli", sa.BigInteger(), nullable=False),
        sa.Column("taken_at", sa.String(length=32), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("fridge", sa.String(length=100), nullable=True),
        sa.Column("discarded_at", sa.String(length=32), nullable=True),
        sa.Column("discarded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["discarded_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["dish_id"],
            ["meal_dish.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("meal_sample", schema=None) as batch_op:
        batch_op.create_index("ix_meal_sample_day", ["day", "meal"], unique=False)

    op.create_table(
        "meal_served",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("staff", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("cook_id", sa.Integer(), nullable=True),
        sa.Column("dishes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cook_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("meal_served", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meal_served_day"), ["day"], unique=False)

    op.create_table(
        "meal_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id"),
    )
    op.create_table(
        "person_cert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "meal_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=100), nullable=True),
        sa.Column("produced", sa.Date(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("licence", sa.String(length=100), nullable=True),
        sa.Column("rejects", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["movement_id"],
            ["stock_movement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("movement_id"),
    )
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.drop_column("expires")

    op.drop_table("meal_inspection")
    op.drop_table("person_cert")
    op.drop_table("meal_staff")
    with op.batch_alter_table("meal_served", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meal_served_day"))

    op.drop_table("meal_served")
    with op.batch_alter_table("meal_sample", schema=None) as batch_op:
        batch_op.drop_index("ix_meal_sample_day")

    op.drop_table("meal_sample")
    op.drop_table("meal_duty")
    with op.batch_alter_table("meal_disinfection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meal_disinfection_day"))

    op.drop_table("meal_disinfection")
    with op.batch_alter_table("meal_accompany", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meal_accompany_day"))

    op.drop_table("meal_accompany")
    with op.batch_alter_table("meal_menu", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meal_menu_day"))

    op.drop_table("meal_menu")
    op.drop_table("meal_dish")
