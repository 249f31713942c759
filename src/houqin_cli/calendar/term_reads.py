"""`term list` and `term current` in plain SQL on a `Reader` (sqlite3 alone on SQLite:
no ORM on their path). The terms' rules and writes are in service.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

TERM = ("name", "start", "end")
_SQL = 'SELECT name, start, "end" FROM term'


def _rows(reader: Reader, where: str = "", params: dict[str, Any] | None = None) -> list[Any]:
    found = reader.rows(f"{_SQL} {where} ORDER BY start", params or {})
    return [
        {"name": name, "start": clock.stored_date(start), "end": clock.stored_date(end)}
        for name, start, end in found
    ]


def terms_report(reader: Reader) -> Report:
    return Report(_("Terms"), columns(*TERM), _rows(reader))


def current_report(reader: Reader) -> Report:
    """The term today falls in; none is exit 3."""
    today = clock.today(settings.zone(reader))
    where = 'WHERE start <= :day AND "end" >= :day'
    found = _rows(reader, where, {"day": day_param(reader, today)})
    if not found:
        raise RuleError(
            _("No term covers {day}; add one with `houqin term add`.").format(day=today)
        )
    return Report(_("Current term"), columns(*TERM), found[:1], record=True)
