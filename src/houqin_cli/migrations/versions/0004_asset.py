"""School property: cards, events, loans, inspections, damage, scrapping, counts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _table(
    name: str, *columns: sa.Column[object], refs: dict[str, str], coded: bool = False
) -> None:
    """Create a table as these all are: the key `id` first, then a coded record's
    unique `code`, then `columns`; `refs` maps a column to the key it points at
    (in the order the constraints were first generated)."""
    head: list[sa.Column[object]] = [sa.Column("id", sa.Integer(), nullable=False)]
    if coded:
        head.append(sa.Column("code", sa.String(length=32), nullable=False))
    op.create_table(
        name,
        *head,
        *columns,
        *(sa.ForeignKeyConstraint([column], [key]) for column, key in refs.items()),
        sa.PrimaryKeyConstraint("id"),
        *([sa.UniqueConstraint("code")] if coded else []),
    )


def upgrade() -> None:
    _table(
        "asset",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("value_fen", sa.Integer(), nullable=False),
        sa.Column("acquired", sa.Date(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("custodian_person_id", sa.Integer(), nullable=True),
        sa.Column("custodian_unit_id", sa.Integer(), nullable=True),
        sa.Column("funding", sa.String(length=50), nullable=True),
        sa.Column("invoice", sa.String(length=64), nullable=True),
        sa.Column("spec", sa.String(length=200), nullable=True),
        sa.Column("life_years", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("initials", sa.String(length=200), nullable=False),
        refs={
            "custodian_person_id": "person.id",
            "custodian_unit_id": "unit.id",
            "origin_id": "asset.id",
            "place_id": "place.id",
        },
        coded=True,
    )
    with op.batch_alter_table("asset", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_asset_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_asset_status"), ["status"], unique=False)

    _table(
        "asset_count",
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        refs={"approved_by_id": "person.id", "place_id": "place.id", "unit_id": "unit.id"},
        coded=True,
    )
    _table(
        "asset_inspection",
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        refs={"place_id": "place.id", "term_id": "term.id", "unit_id": "unit.id"},
        coded=True,
    )
    _table(
        "asset_count_line",
        sa.Column("count_id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=12), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        refs={"asset_id": "asset.id", "count_id": "asset_count.id", "place_id": "place.id"},
    )
    with op.batch_alter_table("asset_count_line", schema=None) as batch_op:
        batch_op.create_index("ux_asset_count_line", ["count_id", "asset_id"], unique=True)

    _table(
        "asset_damage",
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("cause", sa.String(length=8), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("by_person_id", sa.Integer(), nullable=True),
        sa.Column("by_unit_id", sa.Integer(), nullable=True),
        sa.Column("due_fen", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        refs={"asset_id": "asset.id", "by_person_id": "person.id", "by_unit_id": "unit.id"},
        coded=True,
    )
    with op.batch_alter_table("asset_damage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_damage_asset_id"), ["asset_id"], unique=False)

    _table(
        "asset_event",
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_code", sa.String(length=32), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=200), nullable=False),
        refs={"asset_id": "asset.id"},
    )
    with op.batch_alter_table("asset_event", schema=None) as batch_op:
        batch_op.create_index("ix_asset_event_asset", ["asset_id", "id"], unique=False)

    _table(
        "asset_loan",
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("lent_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("condition", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        refs={"asset_id": "asset.id", "person_id": "person.id"},
        coded=True,
    )
    with op.batch_alter_table("asset_loan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_loan_asset_id"), ["asset_id"], unique=False)

    _table(
        "asset_scrap",
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("appraiser_id", sa.Integer(), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=True),
        sa.Column("appraised_on", sa.Date(), nullable=True),
        sa.Column("approver_ids", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        refs={"appraiser_id": "person.id", "asset_id": "asset.id", "requested_by_id": "person.id"},
        coded=True,
    )
    with op.batch_alter_table("asset_scrap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asset_scrap_asset_id"), ["asset_id"], unique=False)

    _table(
        "asset_inspection_line",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("asset_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("cause", sa.String(length=8), nullable=True),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("damage_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        refs={
            "asset_id": "asset.id",
            "damage_id": "asset_damage.id",
            "inspection_id": "asset_inspection.id",
        },
    )
    with op.batch_alter_table("asset_inspection_line", schema=None) as batch_op:
        batch_op.create_index(
            "ux_asset_inspection_line", ["inspection_id", "asset_id"], unique=True
        )


def downgrade() -> None:
    # each table after those that point at it, its indexes first
    for table, indexes in (
        ("asset_inspection_line", ["ux_asset_inspection_line"]),
        ("asset_scrap", [op.f("ix_asset_scrap_asset_id")]),
        ("asset_loan", [op.f("ix_asset_loan_asset_id")]),
        ("asset_event", ["ix_asset_event_asset"]),
        ("asset_damage", [op.f("ix_asset_damage_asset_id")]),
        ("asset_count_line", ["ux_asset_count_line"]),
        ("asset_inspection", []),
        ("asset_count", []),
        ("asset", [op.f("ix_asset_status"), op.f("ix_asset_name"), op.f("ix_asset_category")]),
    ):
        if indexes:
            with op.batch_alter_table(table, schema=None) as batch_op:
                for index in indexes:
                    batch_op.drop_index(index)
        op.drop_table(table)
