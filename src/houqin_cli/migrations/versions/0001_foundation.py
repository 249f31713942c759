"""The foundation: journal, settings, code counters, terms, units, people, places.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("time", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(64)),
        sa.Column("code", sa.String(64)),
        sa.Column("reverses", sa.Integer()),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("digests", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_journal_action", "journal", ["action"])
    op.create_index("ix_journal_code", "journal", ["code"])
    op.create_index("ix_journal_time", "journal", ["time"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "code_counter",
        sa.Column("prefix", sa.String(16), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "term",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False, unique=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("head_id", sa.Integer()),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("unit.id")),
        sa.Column("initials", sa.String(200), nullable=False),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id")),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("left_on", sa.Date()),
        sa.Column("initials", sa.String(200), nullable=False),
    )
    op.create_index("ix_person_name", "person", ["name"])
    with op.batch_alter_table("unit") as batch:
        batch.create_foreign_key("fk_unit_head", "person", ["head_id"], ["id"])
    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("building", sa.String(100)),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("initials", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("unit") as batch:
        batch.drop_constraint("fk_unit_head", type_="foreignkey")
    for table in ("place", "person", "unit", "term", "code_counter", "setting", "journal"):
        op.drop_table(table)
