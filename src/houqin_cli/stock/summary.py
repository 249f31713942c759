"""The month's review (`stock summary`): opening, in, out and closing per item or
category, or what each class, department or person drew."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, money
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Column, Report, total_row
from houqin_cli.people.service import person_names, unit_names
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.reports import totals
from houqin_cli.stock.service import IN_KINDS

M = StockMovement
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


def summary(session: Session, month: str, by: str = "item") -> Report:
    """The month's review: opening, in, out, closing — per item or category in
    quantity and value, or per unit what each class and department drew."""
    period = clock.parse_month(month)
    if by not in ("item", "category", "unit"):
        raise InputError(
            _("Invalid --by {value!r}; choose one of: item, category, unit.").format(value=by)
        )
    items = {
        i.id: i for i in session.execute(select(StockItem).order_by(col(StockItem.code))).scalars()
    }
    title = _("Stock summary {month}").format(month=period.label)
    if by == "unit":
        rows = _by_unit(session, items, period.start, period.end)
        footer = total_row(
            rows, "org_unit", "issued_value", "returned_value", "net_drawn_value",
            qty=("issued_quantity", "returned_quantity"), measure="item_unit",
        )  # fmt: skip
        return Report(title, columns(*BY_UNIT), rows, footer=footer)
    rows = _moved(session, items, period.start, period.end, by)
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
    session: Session, items: dict[Any, StockItem], start: date, end: date, by: str
) -> list[dict[str, Any]]:
    opening = totals(session, [col(M.date) < start])
    # a reversal counts on the side of what it reverses: a voided issue lessens "out"
    inward = case(
        (col(M.kind).in_(IN_KINDS) | ((col(M.kind) == "void") & (col(M.qty_delta) < 0)), 1),
        else_=0,
    )
    q = (
        select(
            col(M.item_id),
            func.sum(col(M.qty_delta) * inward),
            func.sum(col(M.value_delta) * inward),
            func.sum(col(M.qty_delta) * (1 - inward)),
            func.sum(col(M.value_delta) * (1 - inward)),
        )
        .where(col(M.date) >= start, col(M.date) <= end)
        .group_by(col(M.item_id))
    )
    moved = {r[0]: tuple(int(x) for x in r[1:]) for r in session.execute(q)}
    groups: dict[str, dict[str, Any]] = {}
    for item_id, item in items.items():
        o_q, o_v = opening.get(item_id or 0, (0, 0))
        i_q, i_v, x_q, x_v = moved.get(item_id or 0, (0, 0, 0, 0))
        if not (o_q or o_v or i_q or x_q or i_v or x_v):
            continue
        key = item.code if by == "item" else (item.category or "-")
        g = groups.setdefault(
            key,
            {
                "item_code": item.code if by == "item" else None,
                "item": item.name if by == "item" else None,
                "category": item.category or "-",
                "unit": item.unit if by == "item" else None,
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
    session: Session, items: dict[Any, StockItem], start: date, end: date
) -> list[dict[str, Any]]:
    units, people = unit_names(session), person_names(session)
    # a reversal lands on the side of what it reverses: a voided issue lessens "issued"
    drawn = case(
        ((col(M.kind) == "issue") | ((col(M.kind) == "void") & (col(M.qty_delta) > 0)), "issue"),
        else_="return",
    )
    q = (
        select(
            col(M.unit_id),
            col(M.person_id),
            col(M.item_id),
            drawn,
            func.sum(col(M.qty_delta)),
            func.sum(col(M.value_delta)),
        )
        .where(
            col(M.date) >= start,
            col(M.date) <= end,
            col(M.kind).in_(["issue", "return", "void"]),
            col(M.unit_id).is_not(None) | col(M.person_id).is_not(None),
        )
        .group_by(col(M.unit_id), col(M.person_id), col(M.item_id), drawn)
    )
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for unit_id, person_id, item_id, side, q_sum, v_sum in session.execute(q):
        party = units.get(unit_id) if unit_id else people.get(person_id or 0)
        item = items[item_id]
        line = lines.setdefault(
            (party or "-", item.code),
            {
                "org_unit": party,
                "item_code": item.code,
                "item": item.name,
                "item_unit": item.unit,
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
