"""What the storeroom holds, in plain SQL on a `Reader`: the reads of `stock balance`
and `stock item list` (sqlite3 alone on SQLite: no ORM imported), and the positions the
writes need (`valuation.ahead` asks here too, through a Reader over its session), so
each query is written once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

BALANCE = ("item_code", "item", "category", "unit", "quantity", "unit_cost", "value")
ITEM = (
    "code",
    "name",
    "spec",
    "unit",
    "category",
    "durable",
    "reorder_level",
    "quantity",
    "unit_cost",
    "value",
    "active",
)
_ITEM_SQL = (
    "SELECT id, code, name, unit, category, durable, reorder_milli, spec, active,"
    " qty_milli, value_fen FROM stock_item"
)


def today(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


def _sums(reader: Reader, where: str, params: dict[str, Any]) -> dict[int, tuple[int, int]]:
    rows = reader.rows(
        "SELECT item_id, SUM(qty_delta), SUM(value_delta) FROM stock_movement"
        f" WHERE {where} GROUP BY item_id",
        params,
    )
    return {int(i): (int(q), int(v)) for i, q, v in rows}


def ahead(reader: Reader, day: date, item_id: int | None = None) -> dict[int, tuple[int, int]]:
    """item id -> (quantity, value) of the movements dated after `day`: one indexed
    query, which finds nothing on a ledger without future dates."""
    where, params = "date > :day", {"day": day_param(reader, day)}
    if item_id is not None:
        where, params = where + " AND item_id = :item", {**params, "item": item_id}
    return _sums(reader, where, params)


def through(reader: Reader, day: date) -> dict[int, tuple[int, int]]:
    """item id -> (quantity, value) at the end of `day`: every movement up to it."""
    return _sums(reader, "date <= :day", {"day": day_param(reader, day)})


def _qty(milli: int | None) -> Decimal | None:
    return None if milli is None else money.milli_to_qty(milli)


def _avg(value: int, milli: int) -> int | None:
    return money.divide(value, money.milli_to_qty(milli)) if milli else None


def _items(reader: Reader, where: list[str], params: dict[str, Any], order: str) -> list[Any]:
    sql = _ITEM_SQL + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    return list(reader.rows(sql, params))


def balance(
    reader: Reader,
    *,
    at: str | None = None,
    category: str | None = None,
    below_reorder: bool = False,
) -> Report:
    """A row per item and the total value; `at` (a day) sums the movements up to it.
    Without `at`, as of today: what each item keeps, less any movement dated later."""
    day = clock.parse_date(at, settings.zone(reader)) if at else None
    where, params = ([], {}) if not category else (["category = :cat"], {"cat": category.strip()})
    items = _items(reader, where, params, "category, code")
    past = through(reader, day) if day is not None else None
    later = ahead(reader, today(reader)) if past is None else {}
    rows: list[dict[str, Any]] = []
    for iid, code, name, unit, cat, _durable, reorder, _spec, active, held, worth in items:
        if past is not None:
            qty, value = past.get(iid, (0, 0))
        else:
            q_later, v_later = later.get(iid, (0, 0))
            qty, value = int(held) - q_later, int(worth) - v_later
        if not active and qty == 0:
            continue
        if below_reorder and (reorder is None or qty > reorder):
            continue
        rows.append(
            {
                "item_code": code,
                "item": name,
                "category": cat,
                "unit": unit,
                "quantity": money.milli_to_qty(qty),
                "unit_cost": _avg(value, qty),
                "value": value,
                "reorder_level": _qty(reorder),
            }
        )
    total: int = sum(int(r["value"]) for r in rows)
    footer = {"item": _("Total"), "value": total}
    cols = columns(*BALANCE, "reorder_level")
    as_of = _("As of {date}").format(date=day or today(reader))
    return Report(_("Stock balance"), cols, rows, footer=footer, period=as_of)


def item_row(row: Any, later: dict[int, tuple[int, int]]) -> dict[str, Any]:
    """A row of `_ITEM_SQL` as `item list` and `item show` show it: on hand as of today,
    less the quantity and value of its movements dated later (`later`, from `ahead`)."""
    iid, code, name, unit, cat, durable, reorder, spec, active, held, worth = row
    q_later, v_later = later.get(iid, (0, 0))
    milli, value = int(held) - q_later, int(worth) - v_later
    return {
        "code": code,
        "name": name,
        "unit": unit,
        "category": cat,
        "durable": bool(durable),
        "reorder_level": _qty(reorder),
        "spec": spec,
        "quantity": money.milli_to_qty(milli),
        "unit_cost": _avg(value, milli),
        "value": value,
        "active": bool(active),
    }


def item_show(reader: Reader, text: str) -> Report:
    """`stock item show`: one item, by code, name or initials."""
    from houqin_cli.core import names
    from houqin_cli.stock.vocab import WHAT

    iid = names.lookup(reader, "stock_item", text, _(WHAT))[0]
    row = _items(reader, ["id = :id"], {"id": iid}, "code")[0]
    return Report(
        _("Stock item"),
        columns(*ITEM),
        [item_row(row, ahead(reader, today(reader), iid))],
        record=True,
    )


def item_list(
    reader: Reader,
    *,
    category: str | None = None,
    durable: bool | None = None,
    include_retired: bool = False,
) -> Report:
    """`stock item list`: each item as of today (its movements dated later left out)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if category:
        where.append("category = :cat")
        params["cat"] = category.strip()
    if durable is not None:
        where.append("durable = :durable")
        params["durable"] = durable
    if not include_retired:
        where.append("active = :active")
        params["active"] = True
    later = ahead(reader, today(reader))
    rows = [item_row(row, later) for row in _items(reader, where, params, "code")]
    return Report(_("Stock items"), columns(*ITEM), rows)
