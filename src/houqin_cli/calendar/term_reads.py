"""`term list` and `term current` in plain SQL on a `Reader` (sqlite3 alone on SQLite:
no ORM on their path). The terms' rules and writes are in service.py."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from houqin_cli.core import clock, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
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


class TermRow(NamedTuple):
    """A term as the plain reads see it: (id, name, start, end)."""

    id: int
    name: str
    start: date
    end: date


def _term(reader: Reader, where: str, params: dict[str, Any], order: str) -> TermRow | None:
    sql = f'SELECT id, name, start, "end" FROM term {where} ORDER BY {order} LIMIT 1'  # noqa: S608
    found = reader.rows(sql, params)
    if not found:
        return None
    i, name, start, end = found[0]
    return TermRow(int(i), str(name), clock.stored_date(start), clock.stored_date(end))  # type: ignore[arg-type]


def term_at(reader: Reader, day: date) -> TermRow | None:
    """The term `day` falls in."""
    where = 'WHERE start <= :day AND "end" >= :day'
    return _term(reader, where, {"day": day_param(reader, day)}, "start")


def last_ended(reader: Reader, day: date) -> TermRow | None:
    """The term that ended last before `day`."""
    return _term(reader, 'WHERE "end" < :day', {"day": day_param(reader, day)}, '"end" DESC')


def term_for(reader: Reader, name: str | None, day: date | None = None) -> TermRow:
    """The term a term-scoped command means (every `--term` option asks here): the one
    named; without a name, the one today (or `day`) falls in; between terms (the
    summer holiday), the one that ended last, said in one line on stderr. Before the
    first term ever there is none: exit 3. The ORM `calendar.service.term_for` asks here."""
    if name:
        term = _term(reader, "WHERE name = :name", {"name": name.strip()}, "start")
        if term is None:
            known = (
                ", ".join(str(n) for (n,) in reader.rows("SELECT name FROM term ORDER BY start"))
                or "-"
            )
            raise InputError(
                _("No term {name!r}; known terms: {known}.").format(name=name, known=known)
            )
        return term
    day = day or clock.today(settings.zone(reader))
    term = term_at(reader, day) or last_ended(reader, day)
    if term is None:
        raise RuleError(_("No term covers {day}; add one with `houqin term add`.").format(day=day))
    if not term.start <= day <= term.end:
        sys.stderr.write(
            _("No term covers {day}; using {name}, which ended {end}.").format(
                day=day, name=term.name, end=term.end
            )
            + "\n"
        )
    return term
