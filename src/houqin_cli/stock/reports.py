"""What the storeroom holds and how it moved: balance, the 材料明细账, movements,
the monthly summary, and the reorder check behind `houqin check`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import money
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding
from houqin_cli.people.models import Person, Unit
from houqin_cli.people.service import find_party
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.service import IN_KINDS, KINDS, find_item

M = StockMovement


def _avg(value: int, milli: int) -> int | None:
    return money.divide(value, money.milli_to_qty(milli)) if milli else None


def _sums(session: Session, where: list[Any]) -> dict[int, tuple[int, int]]:
    """item id -> (quantity, value), one aggregate over the movements."""
    q = select(col(M.item_id), func.sum(col(M.qty_delta)), func.sum(col(M.value_delta))).group_by(
        col(M.item_id)
    )
    if where:
        q = q.where(*where)
    return {r[0]: (int(r[1]), int(r[2])) for r in session.execute(q)}


def balance(
    session: Session,
    *,
    at: date | None = None,
    category: str | None = None,
    below_reorder: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """Rows per item and the total value; `at` recomputes from the movements."""
    q = select(StockItem).order_by(col(StockItem.category), col(StockItem.code))
    if category:
        q = q.where(col(StockItem.category) == category.strip())
    items = list(session.execute(q).scalars())
    past = _sums(session, [col(M.date) <= at]) if at is not None else None
    rows: list[dict[str, Any]] = []
    for item in items:
        qty, value = (
            past.get(item.id or 0, (0, 0)) if past is not None else (item.qty_milli, item.value_fen)
        )
        if not item.active and qty == 0:
            continue
        if below_reorder and (item.reorder_milli is None or qty > item.reorder_milli):
            continue
        rows.append(
            {
                "item_code": item.code,
                "item": item.name,
                "category": item.category,
                "unit": item.unit,
                "quantity": money.milli_to_qty(qty),
                "unit_cost": _avg(value, qty),
                "value": value,
                "reorder_level": None
                if item.reorder_milli is None
                else money.milli_to_qty(item.reorder_milli),
            }
        )
    total: int = sum(int(r["value"]) for r in rows)
    return rows, total


def _party_names(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    from houqin_cli.people.service import names_by_id

    return names_by_id(session, Unit), names_by_id(session, Person)


_ROW_COLUMNS = (
    "code",
    "date",
    "kind",
    "item_id",
    "qty_delta",
    "value_delta",
    "unit_id",
    "person_id",
    "old_returned_milli",
    "no_old_reason",
    "supplier",
    "reverses_id",
    "note",
    "operator",
)


def _movement_rows(session: Session, q: Any) -> list[dict[str, Any]]:
    """Movements as listings show them; reads only the columns and items shown."""
    units, people = _party_names(session)
    found = session.execute(q.with_only_columns(*(getattr(M, c) for c in _ROW_COLUMNS))).all()
    item_ids = {m.item_id for m in found}
    items = {
        i.id: i
        for i in session.execute(
            select(
                col(StockItem.id), col(StockItem.code), col(StockItem.name), col(StockItem.unit)
            ).where(col(StockItem.id).in_(item_ids))
        )
    }
    reversed_ids = {m.reverses_id for m in found if m.reverses_id}
    codes = (
        {
            r[0]: r[1]
            for r in session.execute(
                select(col(M.id), col(M.code)).where(col(M.id).in_(reversed_ids))
            )
        }
        if reversed_ids
        else {}
    )
    rows = []
    for m in found:
        item = items[m.item_id]
        rows.append(
            {
                "code": m.code,
                "date": m.date,
                "kind": m.kind,
                "item_code": item.code,
                "item": item.name,
                "quantity": money.milli_to_qty(m.qty_delta),
                "item_unit": item.unit,
                "value": m.value_delta,
                "unit": units.get(m.unit_id or 0) or people.get(m.person_id or 0),
                "old_returned": None
                if m.old_returned_milli is None
                else money.milli_to_qty(m.old_returned_milli),
                "no_old_reason": m.no_old_reason,
                "supplier": m.supplier,
                "reverses": codes.get(m.reverses_id) if m.reverses_id else None,
                "note": m.note,
                "operator": m.operator,
            }
        )
    return rows


def movements(
    session: Session,
    *,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    unit: str | None = None,
) -> list[dict[str, Any]]:
    q = select(M).order_by(col(M.date), col(M.id))
    if start:
        q = q.where(col(M.date) >= start)
    if end:
        q = q.where(col(M.date) <= end)
    if kind:
        k = kind.strip().lower()
        if k not in KINDS:
            raise InputError(
                _("Invalid --kind {value!r}; choose one of: {allowed}.").format(
                    value=kind, allowed=", ".join(KINDS)
                )
            )
        q = q.where(col(M.kind) == k)
    if unit:
        party = find_party(session, unit, active=False)
        q = q.where(
            (col(M.unit_id) == party.id)
            if isinstance(party, Unit)
            else (col(M.person_id) == party.id)
        )
    return _movement_rows(session, q)


def ledger(
    session: Session, item_text: str, *, start: date | None = None, end: date | None = None
) -> tuple[StockItem, list[dict[str, Any]]]:
    """The 材料明细账 of one item: an opening line, then every movement with the
    running quantity and value."""
    item = find_item(session, item_text)
    qty = value = 0
    if start:
        qty, value = _sums(session, [col(M.item_id) == item.id, col(M.date) < start]).get(
            item.id or 0, (0, 0)
        )
    q = select(M).where(col(M.item_id) == item.id).order_by(col(M.date), col(M.id))
    if start:
        q = q.where(col(M.date) >= start)
    if end:
        q = q.where(col(M.date) <= end)
    rows: list[dict[str, Any]] = [
        {
            "code": None,
            "date": start,
            "kind": "opening",
            "quantity": None,
            "value": None,
            "balance_quantity": money.milli_to_qty(qty),
            "balance_value": value,
            "unit_cost": _avg(value, qty),
            "unit": None,
            "reverses": None,
            "note": None,
        }
    ]
    for r in _movement_rows(session, q):
        qty += money.qty_to_milli(r["quantity"])
        value += r["value"]
        rows.append(
            {
                **r,
                "balance_quantity": money.milli_to_qty(qty),
                "balance_value": value,
                "unit_cost": _avg(value, qty),
            }
        )
    return item, rows


def summary(session: Session, start: date, end: date, by: str = "item") -> list[dict[str, Any]]:
    """The month's review: opening, in, out, closing — per item or category in
    quantity and value, or per unit what each class and department drew."""
    if by not in ("item", "category", "unit"):
        raise InputError(
            _("Invalid --by {value!r}; choose one of: item, category, unit.").format(value=by)
        )
    items = {
        i.id: i for i in session.execute(select(StockItem).order_by(col(StockItem.code))).scalars()
    }
    if by == "unit":
        return _by_unit(session, items, start, end)
    opening = _sums(session, [col(M.date) < start])
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
    units, people = _party_names(session)
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
                "unit": party,
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
        line["net_value"] = line["issued_value"] - line["returned_value"]
        line["issued_quantity"] = money.milli_to_qty(line["issued_quantity"])
        line["returned_quantity"] = money.milli_to_qty(line["returned_quantity"])
        rows.append(line)
    return rows


def reorder_check(session: Session) -> list[Finding]:
    """An item at or below its reorder level: order enough to reach twice the level."""
    findings = []
    q = (
        select(StockItem)
        .where(
            col(StockItem.active).is_(True),
            col(StockItem.reorder_milli).is_not(None),
            col(StockItem.qty_milli) <= col(StockItem.reorder_milli),
        )
        .order_by(col(StockItem.code))
    )
    for item in session.execute(q).scalars():
        level = item.reorder_milli or 0
        order = max(2 * level - item.qty_milli, 0)
        qty = money.qty_str(money.milli_to_qty(item.qty_milli))
        findings.append(
            Finding(
                "stock.reorder",
                "stock.below_reorder",
                _(
                    "{item} ({code}): {qty} {unit} on hand, at or below the reorder level {level}; order {order} {unit}."
                ).format(
                    item=item.name,
                    code=item.code,
                    qty=qty,
                    unit=item.unit,
                    level=money.qty_str(money.milli_to_qty(level)),
                    order=money.qty_str(money.milli_to_qty(order)),
                ),
                {
                    "item_code": item.code,
                    "quantity": qty,
                    "reorder_level": money.qty_str(money.milli_to_qty(level)),
                    "order_quantity": money.qty_str(money.milli_to_qty(order)),
                },
            )
        )
    return findings
