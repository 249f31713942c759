"""The money's listings as Reports, in plain SQL on a `Reader` (sqlite3 alone on
SQLite: no ORM on their path): receipts, one receipt, income, a month's budget; and the
queries the statement, the checks and the month-start document share with them (a
write or a check asks through `core.tx.reader_of(session)`), so each is written once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from houqin_cli.audit.finance.categories import CATEGORIES, category, label
from houqin_cli.core import clock, settings
from houqin_cli.core.clock import Period
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, in_list
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

RECEIPT = (
    "code",
    "date",
    "supplier",
    "invoice",
    "category",
    "amount",
    "handler",
    "acceptor",
    "reviewer",
    "approvers",
    "reverses",
    "voided",
)
RECEIPT_SHOWN = (
    *RECEIPT[:4],
    "invoice_date",
    *RECEIPT[4:],
    "links",
    "service",
    "voided_by",
    "note",
)
INCOME = ("code", "date", "source", "category", "amount", "reverses", "voided", "note")
# the category's code is shown by its label, so the name (kept in JSON) is no column
BUDGET = ("category", "budget", "spent", "remaining", "share_used")
# receipts, budgets and income store a category's code
CATEGORY_LABELS = {"category": ("budget_category", "income_category")}

_RECEIPT_SQL = (
    "SELECT id, code, date, supplier, invoice, invoice_date, category, amount_fen,"
    " handler_id, acceptor_id, reviewer_id, service, reverses_id, note FROM receipt"
)
_INCOME_SQL = "SELECT id, code, date, source, category, amount_fen, reverses_id, note FROM income"


def _pairs(reader: Reader, sql: str, column: str, values: Iterable[Any]) -> list[Any]:
    cond, params = in_list(column, values)
    return list(reader.rows(f"{sql} WHERE {cond}", params)) if params else []


def _within(reader: Reader, period: Period) -> tuple[str, dict[str, Any]]:
    """SQL: dated within the period (inclusive)."""
    start, end = day_param(reader, period.start), day_param(reader, period.end)
    return "date >= :start AND date <= :end", {"start": start, "end": end}


def receipt_rows(reader: Reader, receipts: list[Any]) -> list[dict[str, Any]]:
    """Receipts (rows of `_RECEIPT_SQL`) as listings and reports show them, with signers
    and approvers by name."""
    ids = [r[0] for r in receipts]
    people = {int(i): str(n) for i, n in reader.rows("SELECT id, name FROM person")}
    approvals: dict[int, list[str]] = {}
    sql = "SELECT id, receipt_id, person_id FROM receipt_approval"
    for _id, rid, pid in _pairs(reader, sql, "receipt_id", ids):
        approvals.setdefault(rid, []).append(people[pid])
    links: dict[int, list[str]] = {}
    sql = "SELECT id, receipt_id, ref_code FROM receipt_link"
    for _id, rid, ref in _pairs(reader, sql, "receipt_id", ids):
        links.setdefault(rid, []).append(ref)
    reversed_by = dict(
        (r, c)
        for r, c in _pairs(reader, "SELECT reverses_id, code FROM receipt", "reverses_id", ids)
    )
    wanted = {r[12] for r in receipts if r[12]}
    reversed_codes = dict(
        (i, c) for i, c in _pairs(reader, "SELECT id, code FROM receipt", "id", wanted)
    )
    rows = []
    for rid, code, day, supplier, invoice, invoiced, cat, fen, handler, acceptor, reviewer, service, reverses, note in receipts:  # fmt: skip
        rows.append(
            {
                "code": code,
                "date": clock.stored_date(day),
                "supplier": supplier,
                "invoice": invoice,
                "invoice_date": clock.stored_date(invoiced),
                "category": cat,
                "category_name": label(cat),
                "amount": int(fen),
                "handler": people[handler],
                "acceptor": people[acceptor],
                "reviewer": people[reviewer],
                "approvers": approvals.get(rid or 0, []),
                "links": links.get(rid or 0, []),
                "service": bool(service),
                "voided": rid in reversed_by,
                "voided_by": reversed_by.get(rid),
                "reverses": reversed_codes.get(reverses),
                "note": note,
            }
        )
    return rows


def receipts_between(reader: Reader, start: date, end: date) -> list[Any]:
    """The receipts dated within [start, end], reversals included, in date order."""
    where, params = _within(reader, Period(start, end, ""))
    return list(reader.rows(f"{_RECEIPT_SQL} WHERE {where} ORDER BY date, id", params))


def receipts(
    reader: Reader,
    *,
    month: str | None = None,
    category_text: str | None = None,
    supplier: str | None = None,
) -> Report:
    """`audit receipt list`: the receipts of a month, quarter or year (all without one)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if month:
        cond, params = _within(reader, clock.parse_period(month, settings.zone(reader)))
        where.append(cond)
    if category_text:
        where.append("category = :cat")
        params["cat"] = category(category_text).code
    if supplier:
        where.append("supplier = :supplier")
        params["supplier"] = supplier.strip()
    sql = _RECEIPT_SQL + (" WHERE " + " AND ".join(where) if where else "")
    rows = receipt_rows(reader, list(reader.rows(sql + " ORDER BY date, id", params)))
    total = {"supplier": _("Total"), "amount": sum(r["amount"] for r in rows)}
    return Report(_("Receipts"), columns(*RECEIPT, labels=CATEGORY_LABELS), rows, footer=total)


def incomes(
    reader: Reader,
    *,
    month: str | None = None,
    category: str | None = None,
    source: str | None = None,
) -> Report:
    """`audit income list`: the income of a month, quarter or year (all without one),
    reversals beside what they reverse; the total leaves voided income and reversals out."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if month:
        cond, params = _within(reader, clock.parse_period(month, settings.zone(reader)))
        where.append(cond)
    if category:
        where.append("category = :cat")
        params["cat"] = category.strip()
    if source:
        where.append("source = :source")
        params["source"] = source.strip()
    sql = _INCOME_SQL + (" WHERE " + " AND ".join(where) if where else "")
    found = list(reader.rows(sql + " ORDER BY date, id", params))
    ids = [i[0] for i in found]
    voided = {r for (r,) in _pairs(reader, "SELECT reverses_id FROM income", "reverses_id", ids)}
    wanted = {i[6] for i in found if i[6]}
    reversed_codes = dict(
        (i, c) for i, c in _pairs(reader, "SELECT id, code FROM income", "id", wanted)
    )
    rows: list[dict[str, Any]] = [
        {
            "code": code,
            "date": clock.stored_date(day),
            "source": src,
            "category": cat,
            "amount": int(fen),
            "reverses": reversed_codes.get(reverses),
            "voided": iid in voided,
            "note": note,
        }
        for iid, code, day, src, cat, fen, reverses, note in found
    ]
    live = sum(r["amount"] for r in rows if not r["voided"] and not r["reverses"])
    total = {"source": _("Total"), "amount": live}
    return Report(_("Income"), columns(*INCOME, labels=CATEGORY_LABELS), rows, footer=total)


def receipt(reader: Reader, code: str) -> Report:
    """`audit receipt show`: one receipt with its signers and what it certifies."""
    found = list(
        reader.rows(f"{_RECEIPT_SQL} WHERE upper(code) = :code", {"code": code.strip().upper()})
    )
    if not found:
        raise InputError(_("No receipt {code}.").format(code=code))
    row = receipt_rows(reader, found[:1])[0]
    return Report(_("Receipt"), columns(*RECEIPT_SHOWN, labels=CATEGORY_LABELS), [row], record=True)


def _months(period: Period) -> list[str]:
    """The months a period spans, as YYYY-MM."""
    out, y, m = [], period.start.year, period.start.month
    while date(y, m, 1) <= period.end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def budget_lines(reader: Reader, period: Period) -> list[dict[str, Any]]:
    """Per category: budget (the months' budgets summed), spent, remaining, share used."""
    cond, params = in_list("month", _months(period))
    budgets = {
        str(name): int(amount)
        for name, amount in reader.rows(
            f"SELECT category, SUM(amount_fen) FROM budget WHERE {cond} GROUP BY category", params
        )
    }
    where, params = _within(reader, period)
    spent = {
        str(name): int(amount)
        for name, amount in reader.rows(
            f"SELECT category, SUM(amount_fen) FROM receipt WHERE {where} GROUP BY category",
            params,
        )
    }
    lines: list[dict[str, Any]] = []
    for code, cat in CATEGORIES.items():
        if code not in budgets and code not in spent:
            continue
        b, s = budgets.get(code), spent.get(code, 0)
        lines.append(
            {
                "category": code,
                "category_name": cat.label,
                "budget": b,
                "spent": s,
                "remaining": None if b is None else b - s,
                "share_used": None
                if not b
                else str((Decimal(s) / b).quantize(Decimal("0.0001"), ROUND_HALF_UP)),
            }
        )
    return lines


def budget(reader: Reader, month: str) -> Report:
    """`audit budget show`: budget, spent, remaining and share used per category."""
    period = clock.parse_month(month)
    title = _("Budget {month}").format(month=period.label)
    return Report(
        title,
        columns(*BUDGET, command="audit budget", labels=CATEGORY_LABELS),
        budget_lines(reader, period),
    )
