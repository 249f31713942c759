"""The month's review (`stock summary`): opening, in, out and closing per item or
category, or what each class, department or person drew."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Column, Report, total_row
from houqin_cli.stock.vocab import IN_KINDS

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

BY_UNIT = (
    "org_unit",
    "item_code",
    "item",
    "item_unit",
    "issued_quantity",
    "issued_value",
    "returned_quantity",
    "returned_value",
    "net_drawn_value",
)


def summary(reader: Reader, month: str, by: str = "item") -> Report:
    """The month's review: opening, in, out, closing — per item or category in
    quantity and value, or per unit what each class and department drew."""
    period = clock.parse_month(month)
    if by not in ("item", "category", "unit"):
        raise InputError(
            _("Invalid --by {value!r}; choose one of: item, category, unit.").format(value=by)
        )
    items = {
        int(iid): (code, name, unit, category)
        for iid, code, name, unit, category in reader.rows(
            "SELECT id, code, name, unit, category FROM stock_item ORDER BY code"
        )
    }
    title = _("Stock summary {month}").format(month=period.label)
    if by == "unit":
        rows = _by_unit(reader, items, period.start, period.end)
        footer = total_row(
            rows, "org_unit", "issued_value", "returned_value", "net_drawn_value",
            qty=("issued_quantity", "returned_quantity"), measure="item_unit",
        )  # fmt: skip
        return Report(title, columns(*BY_UNIT), rows, footer=footer)
    rows = _moved(reader, items, period.start, period.end, by)
    cols = columns("item_code", "item", "unit") if by == "item" else []
    cols += columns("category")
    for key, label in (
        ("opening", _("Opening")),
        ("in", _("In")),
        ("out", _("Out")),
        ("closing", _("Closing")),
    ):
        if by == "item":
            cols.append(Column(f"{key}_quantity", label, "qty"))
        cols.append(Column(f"{key}_value", _("{label} value").format(label=label), "money"))
    values = tuple(f"{k}_value" for k in ("opening", "in", "out", "closing"))
    quantities = tuple(f"{k}_quantity" for k in ("opening", "in", "out", "closing"))
    if by == "item":
        footer = total_row(rows, "item", *values, qty=quantities, measure="unit")
    else:  # a category's quantities are not shown: of different units, they do not add up
        footer = total_row(rows, "category", *values)
    return Report(title, cols, rows, footer=footer)


def _moved(
    reader: Reader, items: dict[int, tuple[Any, ...]], start: date, end: date, by: str
) -> list[dict[str, Any]]:
    opening = {
        int(i): (int(q), int(v))
        for i, q, v in reader.rows(
            "SELECT item_id, SUM(qty_delta), SUM(value_delta) FROM stock_movement"
            " WHERE date < :start GROUP BY item_id",
            {"start": day_param(reader, start)},
        )
    }
    # a reversal counts on the side of what it reverses: a voided issue lessens "out"
    kinds = ", ".join(f"'{k}'" for k in IN_KINDS)
    inward = f"(CASE WHEN kind IN ({kinds}) OR (kind = 'void' AND qty_delta < 0) THEN 1 ELSE 0 END)"
    moved = {
        int(r[0]): tuple(int(x) for x in r[1:])
        for r in reader.rows(
            f"SELECT item_id, SUM(qty_delta * {inward}), SUM(value_delta * {inward}),"
            f" SUM(qty_delta * (1 - {inward})), SUM(value_delta * (1 - {inward}))"
            " FROM stock_movement WHERE date >= :start AND date <= :end GROUP BY item_id",
            {"start": day_param(reader, start), "end": day_param(reader, end)},
        )
    }
    groups: dict[str, dict[str, Any]] = {}
    for item_id, (code, name, unit, category) in items.items():
        o_q, o_v = opening.get(item_id, (0, 0))
        i_q, i_v, x_q, x_v = moved.get(item_id, (0, 0, 0, 0))
        if not (o_q or o_v or i_q or x_q or i_v or x_v):
            continue
        key = code if by == "item" else (category or "-")
        g = groups.setdefault(
            key,
            {
                "item_code": code if by == "item" else None,
                "item": name if by == "item" else None,
                "category": category or "-",
                "unit": unit if by == "item" else None,
                "opening_quantity": 0,
                "opening_value": 0,
                "in_quantity": 0,
                "in_value": 0,
                "out_quantity": 0,
                "out_value": 0,
                "closing_quantity": 0,
                "closing_value": 0,
            },
        )
        g["opening_quantity"] += o_q
        g["opening_value"] += o_v
        g["in_quantity"] += i_q
        g["in_value"] += i_v
        g["out_quantity"] -= x_q
        g["out_value"] -= x_v
        g["closing_quantity"] += o_q + i_q + x_q
        g["closing_value"] += o_v + i_v + x_v
    rows = list(groups.values())
    for g in rows:
        for k in ("opening_quantity", "in_quantity", "out_quantity", "closing_quantity"):
            if by == "item":
                g[k] = money.milli_to_qty(g[k])
            else:  # quantities of different units of measure do not add up
                del g[k]
        if by == "category":
            for k in ("item_code", "item", "unit"):
                del g[k]
    return rows


def _by_unit(
    reader: Reader, items: dict[int, tuple[Any, ...]], start: date, end: date
) -> list[dict[str, Any]]:
    units = dict(reader.rows("SELECT id, name FROM unit"))
    people = dict(reader.rows("SELECT id, name FROM person"))
    # a reversal lands on the side of what it reverses: a voided issue lessens "issued"
    drawn = (
        "(CASE WHEN kind = 'issue' OR (kind = 'void' AND qty_delta > 0)"
        " THEN 'issue' ELSE 'return' END)"
    )
    q = (
        f"SELECT unit_id, person_id, item_id, {drawn}, SUM(qty_delta), SUM(value_delta)"
        " FROM stock_movement WHERE date >= :start AND date <= :end"
        " AND kind IN ('issue', 'return', 'void')"
        " AND (unit_id IS NOT NULL OR person_id IS NOT NULL)"
        f" GROUP BY unit_id, person_id, item_id, {drawn}"
    )
    params = {"start": day_param(reader, start), "end": day_param(reader, end)}
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for unit_id, person_id, item_id, side, q_sum, v_sum in reader.rows(q, params):
        party = units.get(unit_id) if unit_id else people.get(person_id or 0)
        code, name, measure, _category = items[int(item_id)]
        line = lines.setdefault(
            (party or "-", code),
            {
                "org_unit": party,
                "item_code": code,
                "item": name,
                "item_unit": measure,
                "issued_quantity": 0,
                "issued_value": 0,
                "returned_quantity": 0,
                "returned_value": 0,
            },
        )
        if side == "issue":
            line["issued_quantity"] -= int(q_sum)
            line["issued_value"] -= int(v_sum)
        else:
            line["returned_quantity"] += int(q_sum)
            line["returned_value"] += int(v_sum)
    rows = []
    for key in sorted(lines):
        line = lines[key]
        line["net_drawn_value"] = line["issued_value"] - line["returned_value"]
        line["issued_quantity"] = money.milli_to_qty(line["issued_quantity"])
        line["returned_quantity"] = money.milli_to_qty(line["returned_quantity"])
        rows.append(line)
    return rows
