"""`audit log` in plain SQL on a `Reader` (sqlite3 alone on SQLite: no ORM on its path).
The records a code names are found through the database's own catalogue: every table
the journal tracks that has a `code` column and a one-column primary key."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, settings
from houqin_cli.core.canonical import UNTRACKED
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.names import escape_like
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

LOG = ("seq", "time", "operator", "action", "entity", "code", "command", "hash")
_ESCAPE = " ESCAPE '\\'"

_SQLITE_CODED = (
    "SELECT m.name, (SELECT p.name FROM pragma_table_info(m.name) AS p WHERE p.pk > 0)"
    " FROM sqlite_master AS m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%'"
    + _ESCAPE
    + " AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) AS c WHERE c.name = 'code')"
    " AND (SELECT count(*) FROM pragma_table_info(m.name) AS k WHERE k.pk > 0) = 1"
    " ORDER BY m.name"
)
_PG_CODED = (
    "SELECT k.table_name, min(k.column_name) FROM information_schema.table_constraints AS t"
    " JOIN information_schema.key_column_usage AS k ON k.constraint_schema = t.constraint_schema"
    " AND k.constraint_name = t.constraint_name AND k.table_name = t.table_name"
    " WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = current_schema()"
    " AND EXISTS (SELECT 1 FROM information_schema.columns AS c"
    " WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name"
    " AND c.column_name = 'code')"
    " GROUP BY k.table_name HAVING count(*) = 1 ORDER BY k.table_name"
)


def coded_tables(reader: Reader) -> dict[str, str]:
    """table -> its primary key's column, for the tracked tables that have a `code`
    column and a one-column primary key (what `--entity CODE` can name)."""
    found = reader.rows(_SQLITE_CODED if reader.is_sqlite else _PG_CODED)
    return {str(t): str(pk) for t, pk in found if t not in UNTRACKED}


def about(reader: Reader, code: str) -> tuple[str, dict[str, Any]]:
    """SQL and its parameters: the entry is about the record `code` (its code), names it
    in its payload (a loan, a damage, a count or a movement of a card or an item; a
    receipt's links; an import), or wrote its row (its digests list `table:pk=`: a
    scrapping approved changes the card). Codes stand in the canonical JSON as quoted
    strings, so the quotes keep ZC-2026-0001 from matching ZC-2026-00012. The rows come
    from each table's unique code (indexed); payload and digests have no index: a LIKE
    each."""
    c = code.strip()
    conds = ["code = :about", "payload LIKE :about_payload" + _ESCAPE]
    params: dict[str, Any] = {"about": c, "about_payload": f'%"{escape_like(c)}"%'}
    for name, key in coded_tables(reader).items():
        for (pk,) in reader.rows(f'SELECT "{key}" FROM "{name}" WHERE code = :c', {"c": c}):
            param = f"about_{len(params)}"
            conds.append(f"(' ' || digests) LIKE :{param}" + _ESCAPE)
            params[param] = f"% {escape_like(name)}:{escape_like(str(pk))}=%"
    return "(" + " OR ".join(conds) + ")", params


def log(
    reader: Reader,
    tz: tzinfo,
    *,
    since: str | None = None,
    until: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    operator: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Journal entries, oldest first; `limit` keeps the most recent ones; `entity` the
    entries about that record's code or naming it (`about`)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if since:
        where.append("time >= :since")
        params["since"] = clock.iso_utc(clock.parse_period(since, tz).start_utc(tz))
    if until:
        where.append("time < :until")
        params["until"] = clock.iso_utc(clock.parse_period(until, tz).end_utc(tz))
    if action:
        a = action.strip()
        where.append("(action = :action OR action LIKE :action_group)")
        params.update(action=a, action_group=a + ".%")
    if entity:
        cond, more = about(reader, entity)
        where.append(cond)
        params.update(more)
    if operator:
        where.append("operator = :operator")
        params["operator"] = operator.strip()
    sql = "SELECT seq, time, operator, action, entity, code, reverses, command, hash FROM journal"
    sql += (" WHERE " + " AND ".join(where)) if where else ""
    if limit is not None:
        if limit < 1:
            raise InputError(_("--limit must be at least 1."))
        sql += f" ORDER BY seq DESC LIMIT {int(limit)}"
    else:
        sql += " ORDER BY seq"
    entries = sorted(reader.rows(sql, params), key=lambda e: e[0])
    return [
        {
            "seq": int(seq),
            "time": clock.from_iso_utc(time).astimezone(tz),
            "operator": operator_,
            "action": action_,
            "entity": entity_,
            "code": code,
            "reverses": reverses,
            "command": command,
            "hash": digest,
        }
        for seq, time, operator_, action_, entity_, code, reverses, command, digest in entries
    ]


def log_report(reader: Reader, **filters: Any) -> Report:
    """`audit log`: the entries `filters` (those of `log`) select, oldest first."""
    return Report(_("Journal"), columns(*LOG), log(reader, settings.zone(reader), **filters))
