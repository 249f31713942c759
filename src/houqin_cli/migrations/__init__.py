"""Alembic environment and versions (batch mode, so SQLite can alter tables)."""

from __future__ import annotations

from typing import Any


def compare_type(
    context: Any, _inspected: Any, _column: Any, inspected_type: Any, metadata_type: Any
) -> bool | None:
    """Alembic's type comparison, except that INTEGER and BIGINT are the same column
    on SQLite (both 64-bit), where 0005 leaves INTEGER in place."""
    import sqlalchemy as sa

    if (
        context.dialect.name == "sqlite"
        and isinstance(inspected_type, sa.Integer)
        and isinstance(metadata_type, sa.Integer)
    ):
        return False
    return None
