"""Small pieces of the plain SQL the read modules write for a `core.db.Reader` (#17)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader


def day_param(reader: Reader, day: date) -> Any:
    """A day as a parameter: ISO text on SQLite (which keeps dates so), else a date."""
    return day.isoformat() if reader.is_sqlite else day


def in_list(column: str, values: Iterable[Any], prefix: str = "v") -> tuple[str, dict[str, Any]]:
    """SQL `column IN (:v0, :v1, …)` and its parameters (an empty list matches nothing)."""
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    if not params:
        return "1 = 0", {}
    return f"{column} IN ({', '.join(':' + k for k in params)})", params


def names_by_id(reader: Reader, table: str) -> dict[int, str]:
    """id -> name of every row of a registry table (person, unit, place)."""
    return {int(i): str(n) for i, n in reader.rows(f"SELECT id, name FROM {table}")}  # noqa: S608
