"""How the storeroom moved, as Reports in plain SQL on a `Reader` (sqlite3 alone on
SQLite: no ORM on their path): the movements, the 材料明细账, and the reorder check
behind `houqin check` (which runs it through a Reader over its session)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, labels, money, names, notes, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Finding, Report
from houqin_cli.people import parties
from houqin_cli.stock.vocab import KINDS, WHAT

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

# `unit` in a movement's row is who drew it or returned it (issue 3's contract)
MOVEMENTS = "stock movements"

_ROW_SQL = (
    "SELECT m.code, m.date, m.kind, i.code, i.name, m.qty_delta, i.unit, m.value_delta,"
    " u.name, p.name, m.old_returned_milli, m.no_old_reason, m.supplier, r.code, m.note,"
    " m.operator FROM stock_movement m JOIN stock_item i ON i.id = m.item_id"
    " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN person p ON p.id = m.person_id"
    " LEFT JOIN stock_movement r ON r.id = m.reverses_id"
)


def period_range(
    reader: Reader, start: str | None, end: str | None
) -> tuple[date | None, date | None]:
    """--from and --to: from the first day of one period through the last of another."""
    tz = settings.zone(reader)
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


def _qty(milli: int | None) -> Any:
    return None if milli is None else money.milli_to_qty(int(milli))


def _movement_rows(
    reader: Reader, where: list[str], params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Movements as listings show them, in ledger order (date, then entry)."""
    sql = _ROW_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.date, m.id"
    rows = []
    for (
        code, day, kind, item_code, item, qty, item_unit, value, unit, person, old, no_old,
        supplier, reverses, note, operator,
    ) in reader.rows(sql, params):  # fmt: skip
        rows.append(
            {
                "code": code,
                "date": clock.stored_date(day),
                "kind": kind,
                "item_code": item_code,
                "item": item,
                "quantity": money.milli_to_qty(int(qty)),
                "item_unit": item_unit,
                "value": int(value),
                "unit": unit or person,
                "old_returned": _qty(old),
                "no_old_reason": no_old,
                "supplier": supplier,
                "reverses": reverses,
                "note": notes.text(note),
                "operator": operator,
            }
        )
    return rows


def _range(
    reader: Reader, first: date | None, last: date | None
) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if first:
        where.append("m.date >= :first")
        params["first"] = day_param(reader, first)
    if last:
        where.append("m.date <= :last")
        params["last"] = day_param(reader, last)
    return where, params


def movements(
    source: Any,
    *,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    unit: str | None = None,
) -> list[dict[str, Any]]:
    """The rows of `stock movements` (in ledger order); `source` a Reader or a session."""
    from houqin_cli.core.db import as_reader

    reader = as_reader(source)
    where, params = _range(reader, start, end)
    if kind:
        k = labels.lookup("movement_kind", kind) or kind.strip().lower()  # `--kind 领用`
        if k not in KINDS:
            raise InputError(
                _("Invalid --kind {value!r}; choose one of: {allowed}.").format(
                    value=kind, allowed=", ".join(KINDS)
                )
            )
        where.append("m.kind = :kind")
        params["kind"] = k
    if unit:
        table, pid = parties.find(reader, unit)
        where.append(f"m.{table}_id = :party")
        params["party"] = pid
    return _movement_rows(reader, where, params)


def movements_report(
    reader: Reader, *, start: str | None = None, end: str | None = None, **filters: Any
) -> Report:
    """`stock movements`: --from and --to a day or a month; `filters` those of `movements`."""
    a, b = period_range(reader, start, end)
    rows = movements(reader, start=a, end=b, **filters)
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
    reader: Reader, item_text: str, *, start: str | None = None, end: str | None = None
) -> Report:
    """The 材料明细账 of one item: an opening line, then every movement with the
    running quantity and value."""
    first, last = period_range(reader, start, end)
    iid, _code, name = names.lookup(reader, "stock_item", item_text, _(WHAT))
    (unit,) = reader.rows("SELECT unit FROM stock_item WHERE id = :id", {"id": iid})[0]
    qty = value = 0
    if first:
        ((q, v),) = reader.rows(
            "SELECT SUM(qty_delta), SUM(value_delta) FROM stock_movement"
            " WHERE item_id = :id AND date < :first",
            {"id": iid, "first": day_param(reader, first)},
        )
        qty, value = int(q or 0), int(v or 0)
    where, params = _range(reader, first, last)
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
    for r in _movement_rows(reader, ["m.item_id = :item", *where], {"item": iid, **params}):
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
    title = _("Stock ledger: {item} ({unit})").format(item=name, unit=unit)
    return Report(title, cols, rows)


def reorder(reader: Reader) -> Report:
    return Report(_("Reorder check"), [], findings=reorder_check(reader))


def reorder_check(source: Any) -> list[Finding]:
    """An item at or below its reorder level: order enough to reach twice the level.
    `source` a Reader, or `houqin check`'s session."""
    findings = []
    from houqin_cli.core.db import as_reader

    rows = as_reader(source).rows(
        "SELECT code, name, unit, qty_milli, reorder_milli FROM stock_item"
        " WHERE active = :yes AND reorder_milli IS NOT NULL AND qty_milli <= reorder_milli"
        " ORDER BY code",
        {"yes": True},
    )
    for code, name, unit, held, reorder_milli in rows:
        level, held = int(reorder_milli or 0), int(held)
        order = max(2 * level - held, 0)
        qty = money.qty_str(money.milli_to_qty(held))
        findings.append(
            Finding(
                "stock.reorder",
                "stock.below_reorder",
                _(
                    "{item} ({code}): {qty} {unit} on hand, at or below the reorder level {level}; order {order} {unit}."
                ).format(
                    item=name,
                    code=code,
                    qty=qty,
                    unit=unit,
                    level=money.qty_str(money.milli_to_qty(level)),
                    order=money.qty_str(money.milli_to_qty(order)),
                ),
                {
                    "item_code": code,
                    "quantity": qty,
                    "reorder_level": money.qty_str(money.milli_to_qty(level)),
                    "order_quantity": money.qty_str(money.milli_to_qty(order)),
                },
            )
        )
    return findings
