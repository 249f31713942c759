"""What the repairs' reads need, in plain SQL on a `Reader` (no ORM on the path of
`repair list | show | plan | cost --month | check`): the orders and their steps as
plain records with the models' field names, the value of the stock issues an order
used, the places' buildings and kinds. The writes ask here too, through
`core.tx.reader_of(session)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from houqin_cli.core import names
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import in_list
from houqin_cli.people.vocab import LIVE, WHAT

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

OPEN = ("requested", "assigned", "done")  # not yet closed by acceptance or cancelled


@dataclass(frozen=True)
class OrderRow:
    """A row of `repair_order` (the fields of repair.models.RepairOrder)."""

    id: int
    code: str
    what: str
    place_id: int | None
    requester_id: int | None
    unit_id: int | None
    asset_id: int | None
    damage_id: int | None
    urgency: str
    for_holiday: str | None
    status: str
    assignee_id: int | None
    requested_at: str
    due_at: str | None
    done_at: str | None
    closed_at: str | None
    estimate_fen: int | None
    rating: int | None
    note: str | None


@dataclass(frozen=True)
class EventRow:
    """A row of `repair_event`."""

    id: int
    order_id: int
    step: str
    at: str
    by_id: int | None
    movement_id: int | None
    amount_fen: int | None
    receipt_code: str | None
    note: str | None
    operator: str
    movement_code: str | None = None  # the stock issue's code (a part)


_ORDER_SQL = (
    "SELECT id, code, what, place_id, requester_id, unit_id, asset_id, damage_id, urgency,"
    " for_holiday, status, assignee_id, requested_at, due_at, done_at, closed_at,"
    " estimate_fen, rating, note FROM repair_order"
)
_EVENT_SQL = (
    "SELECT e.id, e.order_id, e.step, e.at, e.by_id, e.movement_id, e.amount_fen,"
    " e.receipt_code, e.note, e.operator, m.code FROM repair_event e"
    " LEFT JOIN stock_movement m ON m.id = e.movement_id"
)


def _order(row: Any) -> OrderRow:
    return OrderRow(*row)


def orders(
    reader: Reader, where: str = "1 = 1", params: dict[str, Any] | None = None
) -> list[OrderRow]:
    """The orders `where` selects, by code."""
    return [_order(r) for r in reader.rows(f"{_ORDER_SQL} WHERE {where} ORDER BY id", params)]


def open_orders(reader: Reader) -> list[OrderRow]:
    cond, params = in_list("status", OPEN)
    return orders(reader, cond, params)


def find_order(reader: Reader, code: str) -> OrderRow:
    """The order with this code, in any case; else exit 2."""
    typed = {"code": (code or "").strip().upper()}
    # codes are stored upper-case: the unique index answers; upper() only for a code
    # a user once stored otherwise
    found = reader.rows(f"{_ORDER_SQL} WHERE code = :code", typed) or reader.rows(
        f"{_ORDER_SQL} WHERE upper(code) = :code", typed
    )
    if not found:
        raise InputError(_("No repair order {code!r}; see `houqin repair list`.").format(code=code))
    return _order(found[0])


def events(reader: Reader, order_id: int) -> list[EventRow]:
    """An order's steps, oldest first."""
    return [
        EventRow(*r)
        for r in reader.rows(f"{_EVENT_SQL} WHERE e.order_id = :o ORDER BY e.id", {"o": order_id})
    ]


def parts(reader: Reader, order_id: int) -> list[tuple[str, str, int, int]]:
    """The stock issues an order used: (movement code, item name, quantity in
    thousandths, value in fen), the value less any reversal (红冲) of the issue."""
    found = reader.rows(
        "SELECT m.code, i.name, -m.qty_delta, -m.value_delta"
        " + COALESCE((SELECT SUM(v.value_delta) FROM stock_movement v"
        " WHERE v.reverses_id = m.id), 0)"
        " FROM repair_event e JOIN stock_movement m ON m.id = e.movement_id"
        " JOIN stock_item i ON i.id = m.item_id"
        " WHERE e.order_id = :o ORDER BY e.id",
        {"o": order_id},
    )
    return [(str(c), str(n), int(q), int(v)) for c, n, q, v in found]


def parts_value(reader: Reader, order_ids: list[int] | None = None) -> dict[int, int]:
    """order id -> the value of the parts it used (issues less their reversals)."""
    where, params = ("1 = 1", {}) if order_ids is None else in_list("e.order_id", order_ids)
    found = reader.rows(
        "SELECT e.order_id, SUM(-m.value_delta) FROM repair_event e"
        " JOIN stock_movement m ON m.id = e.movement_id OR m.reverses_id = e.movement_id"
        f" WHERE e.movement_id IS NOT NULL AND {where} GROUP BY e.order_id",
        params,
    )
    return {int(o): int(v or 0) for o, v in found}


def outside_value(reader: Reader, order_ids: list[int] | None = None) -> dict[int, int]:
    """order id -> what its outside work cost."""
    where, params = ("1 = 1", {}) if order_ids is None else in_list("order_id", order_ids)
    found = reader.rows(
        "SELECT order_id, SUM(amount_fen) FROM repair_event"
        f" WHERE step = 'cost' AND {where} GROUP BY order_id",
        params,
    )
    return {int(o): int(v or 0) for o, v in found}


def parts_in(reader: Reader, start: Any, end: Any) -> list[tuple[int, int]]:
    """(order id, value) of the issues linked to orders and their reversals dated
    within [start, end] (days as `day_param` gives them)."""
    found = reader.rows(
        "SELECT e.order_id, -m.value_delta FROM repair_event e"
        " JOIN stock_movement m ON m.id = e.movement_id OR m.reverses_id = e.movement_id"
        " WHERE e.movement_id IS NOT NULL AND m.date >= :start AND m.date <= :end",
        {"start": start, "end": end},
    )
    return [(int(o), int(v)) for o, v in found]


def outside_in(reader: Reader, start: str, end: str) -> list[tuple[int, int]]:
    """(order id, amount) of the outside work recorded within [start, end) (UTC text)."""
    found = reader.rows(
        "SELECT order_id, amount_fen FROM repair_event"
        " WHERE step = 'cost' AND at >= :start AND at < :end",
        {"start": start, "end": end},
    )
    return [(int(o), int(v)) for o, v in found]


def places(reader: Reader) -> dict[int, tuple[str, str | None, str]]:
    """place id -> (name, building, kind)."""
    return {
        int(i): (str(n), b, str(k))
        for i, n, b, k in reader.rows("SELECT id, name, building, kind FROM place")
    }


def codes_by_id(reader: Reader, table: str) -> dict[int, str]:
    """id -> code of a table's rows (asset cards, damages)."""
    return {int(i): str(c) for i, c in reader.rows(f"SELECT id, code FROM {table}")}  # noqa: S608


def unit_head(reader: Reader, unit_id: int | None) -> int | None:
    if unit_id is None:
        return None
    found = reader.rows("SELECT head_id FROM unit WHERE id = :u", {"u": unit_id})
    return int(found[0][0]) if found and found[0][0] is not None else None


def receipt(reader: Reader, code: str) -> tuple[str, int, bool, int] | None:
    """The purchase receipt (BX-) with this code: its code as stored, its amount in fen,
    whether it was reversed, and what outside work already cites it; None when there
    is none."""
    found = reader.rows(
        "SELECT r.code, r.amount_fen,"
        " (SELECT count(*) FROM receipt v WHERE v.reverses_id = r.id),"
        " (SELECT COALESCE(SUM(e.amount_fen), 0) FROM repair_event e"
        "  WHERE e.step = 'cost' AND e.receipt_code = r.code)"
        " FROM receipt r WHERE upper(r.code) = :c AND r.reverses_id IS NULL",
        {"c": code.strip().upper()},
    )
    if not found:
        return None
    c, amount, reversed_, cited = found[0]
    return str(c), int(amount), bool(reversed_), int(cited)


def lookup(reader: Reader, kind: str, text: str) -> int:
    """The id of the person, unit or place `text` names (as people's service finds them)."""
    return int(names.lookup(reader, kind, text, _(WHAT[kind]), live=LIVE[kind])[0])


def codes_by_id_one(reader: Reader, table: str, rid: int) -> str | None:
    """The code of one row of a registry or card table."""
    found = reader.rows(f"SELECT code FROM {table} WHERE id = :i", {"i": rid})  # noqa: S608
    return str(found[0][0]) if found else None
