"""Budgets against spending, the monthly (quarterly, yearly) statement for the
central office and for disclosure to staff, and the audit checks."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.models import Budget, Income, Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.audit.receipts import CATEGORIES, receipt_rows
from houqin_cli.core import clock, journal, money, settings
from houqin_cli.core.clock import Period
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding


def _months(period: Period) -> list[str]:
    out, y, m = [], period.start.year, period.start.month
    while date(y, m, 1) <= period.end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _spent(session: Session, start: date, end: date) -> dict[str, int]:
    q = (
        select(col(Receipt.category), func.sum(col(Receipt.amount_fen)))
        .where(col(Receipt.date) >= start, col(Receipt.date) <= end)
        .group_by(col(Receipt.category))
    )
    return {c: int(v) for c, v in session.execute(q)}


def budget_lines(session: Session, period: Period) -> list[dict[str, Any]]:
    """Per category: budget (the months' budgets summed), spent, remaining, share used."""
    months = _months(period)
    budgets: dict[str, int] = {}
    for name, amount in session.execute(
        select(col(Budget.category), func.sum(col(Budget.amount_fen)))
        .where(col(Budget.month).in_(months))
        .group_by(col(Budget.category))
    ):
        budgets[str(name)] = int(amount)
    spent = _spent(session, period.start, period.end)
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


def _balance_before(session: Session, day: date) -> int:
    inc = session.execute(
        select(func.coalesce(func.sum(col(Income.amount_fen)), 0)).where(col(Income.date) < day)
    ).scalar()
    out = session.execute(
        select(func.coalesce(func.sum(col(Receipt.amount_fen)), 0)).where(col(Receipt.date) < day)
    ).scalar()
    return int(inc or 0) - int(out or 0)


def statement(session: Session, period: Period, kind: str) -> dict[str, Any]:
    """Everything the statement shows, typed (money in fen): the renderer and the
    JSON document are both made from this."""
    opening = _balance_before(session, period.start)
    incomes = list(
        session.execute(
            select(col(Income.source), func.sum(col(Income.amount_fen)))
            .where(col(Income.date) >= period.start, col(Income.date) <= period.end)
            .group_by(col(Income.source))
            .order_by(col(Income.source))
        )
    )
    income: list[dict[str, Any]] = [{"source": src, "amount": int(v)} for src, v in incomes]
    receipts = list(
        session.execute(
            select(Receipt)
            .where(col(Receipt.date) >= period.start, col(Receipt.date) <= period.end)
            .order_by(col(Receipt.date), col(Receipt.id))
        ).scalars()
    )
    rows = receipt_rows(session, receipts)
    income_total: int = sum(int(i["amount"]) for i in income)
    expense_total: int = sum(int(r["amount"]) for r in rows)
    seq, head = journal.head(session)
    return {
        "school": settings.raw(session, "school.name"),
        "kind": kind,
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "opening": opening,
        "income": income,
        "income_total": income_total,
        "categories": budget_lines(session, period),
        "receipts": rows,
        "expense_total": expense_total,
        "closing": opening + income_total - expense_total,
        "seal": f"{seq}:{head}",
    }


def document(data: dict[str, Any]) -> dict[str, Any]:
    """The statement as its JSON object: money as decimal strings, dates ISO."""

    def m(v: int | None) -> str | None:
        return None if v is None else money.money_str(v)

    return {
        "school": data["school"],
        "period": data["period"],
        "start": data["start"].isoformat(),
        "end": data["end"].isoformat(),
        "opening": m(data["opening"]),
        "income": [{"source": i["source"], "amount": m(i["amount"])} for i in data["income"]],
        "income_total": m(data["income_total"]),
        "expense_total": m(data["expense_total"]),
        "closing": m(data["closing"]),
        "categories": [
            {
                **c,
                "budget": m(c["budget"]),
                "spent": m(c["spent"]),
                "remaining": m(c["remaining"]),
                "share_used": c["share_used"],
            }
            for c in data["categories"]
        ],
        "receipts": [
            {
                **r,
                "date": r["date"].isoformat(),
                "invoice_date": r["invoice_date"].isoformat(),
                "amount": m(r["amount"]),
            }
            for r in data["receipts"]
        ],
        "seal": data["seal"],
        "verify": f"houqin audit verify --against {data['seal']}",
    }


# -- checks -----------------------------------------------------------------------------


def findings(session: Session, period: Period) -> list[Finding]:
    """Budget overruns, and receipts lacking what their category requires."""
    return budget_findings(session, period) + receipt_findings(session, period)


def budget_findings(session: Session, period: Period) -> list[Finding]:
    out: list[Finding] = []
    for line in budget_lines(session, period):
        if line["budget"] is not None and line["spent"] > line["budget"]:
            out.append(
                Finding(
                    "audit.budget",
                    "budget.overrun",
                    _("{category} spent {spent} in {period}, over its budget of {budget}.").format(
                        category=line["category_name"],
                        spent=money.format_money(line["spent"]),
                        period=period.label,
                        budget=money.format_money(line["budget"]),
                    ),
                    {
                        "category": line["category"],
                        "period": period.label,
                        "spent": money.money_str(line["spent"]),
                        "budget": money.money_str(line["budget"]),
                    },
                )
            )
    return out


def receipt_findings(session: Session, period: Period) -> list[Finding]:
    out: list[Finding] = []
    receipts = list(
        session.execute(
            select(Receipt)
            .where(
                col(Receipt.date) >= period.start,
                col(Receipt.date) <= period.end,
                col(Receipt.reverses_id).is_(None),
            )
            .order_by(col(Receipt.date), col(Receipt.id))
        ).scalars()
    )
    ids = [r.id for r in receipts]
    linked = {
        r
        for (r,) in session.execute(
            select(col(ReceiptLink.receipt_id)).where(col(ReceiptLink.receipt_id).in_(ids))
        )
    }
    approved = {
        r
        for (r,) in session.execute(
            select(col(ReceiptApproval.receipt_id)).where(col(ReceiptApproval.receipt_id).in_(ids))
        )
    }
    voided = {
        r
        for (r,) in session.execute(
            select(col(Receipt.reverses_id)).where(col(Receipt.reverses_id).in_(ids))
        )
    }
    for r in receipts:
        cat = CATEGORIES.get(r.category)
        if cat is None or r.id in voided:
            continue
        if cat.goods and r.id not in linked:
            out.append(
                Finding(
                    "audit.receipts",
                    "receipt.no_goods",
                    _(
                        "{code} ({category}, {amount}) was entered as a service: its goods were never accepted into the storeroom or the asset register."
                    ).format(
                        code=r.code, category=cat.label, amount=money.format_money(r.amount_fen)
                    ),
                    {"receipt": r.code, "category": cat.code},
                )
            )
        if cat.needs_approver and r.id not in approved:
            out.append(
                Finding(
                    "audit.receipts",
                    "receipt.no_approver",
                    _(
                        "{code} ({category}) has no approver; a {category} receipt always needs one."
                    ).format(code=r.code, category=cat.label),
                    {"receipt": r.code, "category": cat.code},
                )
            )
    return out


def budget_check(session: Session) -> list[Finding]:
    """`houqin check`: budget overruns in the current month so far."""
    return budget_findings(session, clock.month_of(clock.today(settings.timezone(session))))


def receipts_check(session: Session) -> list[Finding]:
    """`houqin check`: the current month's receipts lacking what their category requires."""
    return receipt_findings(session, clock.month_of(clock.today(settings.timezone(session))))
