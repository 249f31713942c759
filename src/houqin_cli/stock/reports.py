"""What the storeroom holds and how it moved, as Reports: the items, the balance,
the 材料明细账, the movements, and the reorder check behind `houqin check`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, labels, money, notes, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding, Report
from houqin_cli.people.service import find_party, person_names, unit_names
from houqin_cli.stock.items import item_row
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.positions import ITEM
from houqin_cli.stock.service import KINDS, find_item, party_fields
from houqin_cli.stock.valuation import ahead, today

M = StockMovement
# `unit` in a movement's row is who drew it or returned it (issue 3's contract)
MOVEMENTS = "stock movements"


def item_show(session: Session, text: str) -> Report:
    item = find_item(session, text)
    row = item_row(item, ahead(session, today(session), item.id).get(item.id or 0, (0, 0)))
    return Report(_("Stock item"), columns(*ITEM), [row], record=True)


def period_range(
    session: Session, start: str | None, end: str | None
) -> tuple[date | None, date | None]:
    """--from and --to: from the first day of one period through the last of another."""
    tz = settings.timezone(session)
    first = clock.parse_period(start, tz).start if start else None
    last = clock.parse_period(end, tz).end if end else None
    if first and last and first > last:
        raise InputError(
            _("--from {start} is after --to {end}: give the earlier day or month first.").format(
                start=start, end=end
            )
        )
    return first, last


def _avg(value: int, milli: int) -> int | None:
    return money.divide(value, money.milli_to_qty(milli)) if milli else None


def totals(session: Session, where: list[Any]) -> dict[int, tuple[int, int]]:
    """item id -> (quantity, value), one aggregate over the movements."""
    q = select(col(M.item_id), func.sum(col(M.qty_delta)), func.sum(col(M.value_delta))).group_by(
        col(M.item_id)
    )
    if where:
        q = q.where(*where)
    return {r[0]: (int(r[1]), int(r[2])) for r in session.execute(q)}


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
    units, people = unit_names(session), person_names(session)
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
                "note": notes.text(m.note),
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
    """The rows of `stock movements` (in ledger order)."""
    q = select(M).order_by(col(M.date), col(M.id))
    if start:
        q = q.where(col(M.date) >= start)
    if end:
        q = q.where(col(M.date) <= end)
    if kind:
        k = labels.lookup("movement_kind", kind) or kind.strip().lower()  # `--kind 领用`
        if k not in KINDS:
            raise InputError(
                _("Invalid --kind {value!r}; choose one of: {allowed}.").format(
                    value=kind, allowed=", ".join(KINDS)
                )
            )
        q = q.where(col(M.kind) == k)
    if unit:
        party = find_party(session, unit, active=False)
        q = q.where(*(getattr(M, k) == v for k, v in party_fields(party).items()))
    return _movement_rows(session, q)


def movements_report(
    session: Session, *, start: str | None = None, end: str | None = None, **filters: Any
) -> Report:
    """`stock movements`: --from and --to a day or a month; `filters` those of `movements`."""
    a, b = period_range(session, start, end)
    rows = movements(session, start=a, end=b, **filters)
    cols = columns(
        "code",
        "date",
        "kind",
        "item_code",
        "item",
        "quantity",
        "value",
        "unit",
        "reverses",
        "note",
        command=MOVEMENTS,
    )
    return Report(_("Stock movements"), cols, rows)


def ledger(
    session: Session, item_text: str, *, start: str | None = None, end: str | None = None
) -> Report:
    """The 材料明细账 of one item: an opening line, then every movement with the
    running quantity and value."""
    first, last = period_range(session, start, end)
    item = find_item(session, item_text)
    qty = value = 0
    if first:
        qty, value = totals(session, [col(M.item_id) == item.id, col(M.date) < first]).get(
            item.id or 0, (0, 0)
        )
    q = select(M).where(col(M.item_id) == item.id).order_by(col(M.date), col(M.id))
    if first:
        q = q.where(col(M.date) >= first)
    if last:
        q = q.where(col(M.date) <= last)
    rows: list[dict[str, Any]] = [
        {
            "code": None,
            "date": first,
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
    cols = columns(
        "code",
        "date",
        "kind",
        "quantity",
        "value",
        "balance_quantity",
        "unit_cost",
        "balance_value",
        "unit",
        "reverses",
        "note",
        command=MOVEMENTS,  # a ledger line is a movement
    )
    title = _("Stock ledger: {item} ({unit})").format(item=item.name, unit=item.unit)
    return Report(title, cols, rows)


def reorder(session: Session) -> Report:
    return Report(_("Reorder check"), [], findings=reorder_check(session))


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
