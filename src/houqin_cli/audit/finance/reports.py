"""The money's listings as Reports: receipts, one receipt, income, a month's budget."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.categories import CATEGORIES, category, label
from houqin_cli.audit.finance.models import Budget, Income, Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.audit.finance.receipts import find_receipt
from houqin_cli.core import clock, settings
from houqin_cli.core.clock import Period
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.people.service import person_names

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


def receipt_rows(session: Session, receipts: list[Receipt]) -> list[dict[str, Any]]:
    """Receipts as listings and reports show them, with signers and approvers by name."""
    ids = [r.id for r in receipts]
    people = person_names(session)
    approvals: dict[int, list[str]] = {}
    for a in session.execute(
        select(ReceiptApproval).where(col(ReceiptApproval.receipt_id).in_(ids))
    ).scalars():
        approvals.setdefault(a.receipt_id, []).append(people[a.person_id])
    links: dict[int, list[str]] = {}
    for link in session.execute(
        select(ReceiptLink).where(col(ReceiptLink.receipt_id).in_(ids))
    ).scalars():
        links.setdefault(link.receipt_id, []).append(link.ref_code)
    reversed_by = dict(
        session.execute(
            select(col(Receipt.reverses_id), col(Receipt.code)).where(
                col(Receipt.reverses_id).in_(ids)
            )
        ).all()
    )
    wanted = {r.reverses_id for r in receipts if r.reverses_id}
    reversed_codes = dict(
        session.execute(
            select(col(Receipt.id), col(Receipt.code)).where(col(Receipt.id).in_(wanted))
        ).all()
    )
    return [
        {
            "code": r.code,
            "date": r.date,
            "supplier": r.supplier,
            "invoice": r.invoice,
            "invoice_date": r.invoice_date,
            "category": r.category,
            "category_name": label(r.category),
            "amount": r.amount_fen,
            "handler": people[r.handler_id],
            "acceptor": people[r.acceptor_id],
            "reviewer": people[r.reviewer_id],
            "approvers": approvals.get(r.id or 0, []),
            "links": links.get(r.id or 0, []),
            "service": r.service,
            "voided": r.id in reversed_by,
            "voided_by": reversed_by.get(r.id),
            "reverses": reversed_codes.get(r.reverses_id),
            "note": r.note,
        }
        for r in receipts
    ]


def receipts_between(session: Session, start: date, end: date) -> list[Receipt]:
    """The receipts dated within [start, end], reversals included, in date order."""
    q = select(Receipt).where(col(Receipt.date) >= start, col(Receipt.date) <= end)
    return list(session.execute(q.order_by(col(Receipt.date), col(Receipt.id))).scalars())


def receipts(
    session: Session,
    *,
    month: str | None = None,
    category_text: str | None = None,
    supplier: str | None = None,
) -> Report:
    """`audit receipt list`: the receipts of a month, quarter or year (all without one)."""
    q = select(Receipt).order_by(col(Receipt.date), col(Receipt.id))
    if month:
        period = clock.parse_period(month, settings.timezone(session))
        q = q.where(col(Receipt.date) >= period.start, col(Receipt.date) <= period.end)
    if category_text:
        q = q.where(col(Receipt.category) == category(category_text).code)
    if supplier:
        q = q.where(col(Receipt.supplier) == supplier.strip())
    rows = receipt_rows(session, list(session.execute(q).scalars()))
    total = {"supplier": _("Total"), "amount": sum(r["amount"] for r in rows)}
    return Report(_("Receipts"), columns(*RECEIPT, labels=CATEGORY_LABELS), rows, footer=total)


def incomes(
    session: Session,
    *,
    month: str | None = None,
    category: str | None = None,
    source: str | None = None,
) -> Report:
    """`audit income list`: the income of a month, quarter or year (all without one),
    reversals beside what they reverse; the total leaves voided income and reversals out."""
    q = select(Income).order_by(col(Income.date), col(Income.id))
    if month:
        period = clock.parse_period(month, settings.timezone(session))
        q = q.where(col(Income.date) >= period.start, col(Income.date) <= period.end)
    if category:
        q = q.where(col(Income.category) == category.strip())
    if source:
        q = q.where(col(Income.source) == source.strip())
    found = list(session.execute(q).scalars())
    ids = [i.id for i in found]
    voided = {
        r
        for (r,) in session.execute(
            select(col(Income.reverses_id)).where(col(Income.reverses_id).in_(ids))
        )
    }
    wanted = {i.reverses_id for i in found if i.reverses_id}
    reversed_codes = dict(
        session.execute(
            select(col(Income.id), col(Income.code)).where(col(Income.id).in_(wanted))
        ).all()
    )
    rows: list[dict[str, Any]] = [
        {
            "code": i.code,
            "date": i.date,
            "source": i.source,
            "category": i.category,
            "amount": i.amount_fen,
            "reverses": reversed_codes.get(i.reverses_id),
            "voided": i.id in voided,
            "note": i.note,
        }
        for i in found
    ]
    live = sum(r["amount"] for r in rows if not r["voided"] and not r["reverses"])
    total = {"source": _("Total"), "amount": live}
    return Report(_("Income"), columns(*INCOME, labels=CATEGORY_LABELS), rows, footer=total)


def receipt(session: Session, code: str) -> Report:
    """`audit receipt show`: one receipt with its signers and what it certifies."""
    row = receipt_rows(session, [find_receipt(session, code)])[0]
    return Report(_("Receipt"), columns(*RECEIPT_SHOWN, labels=CATEGORY_LABELS), [row], record=True)


def _months(period: Period) -> list[str]:
    """The months a period spans, as YYYY-MM."""
    out, y, m = [], period.start.year, period.start.month
    while date(y, m, 1) <= period.end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def budget_lines(session: Session, period: Period) -> list[dict[str, Any]]:
    """Per category: budget (the months' budgets summed), spent, remaining, share used."""
    budgets = {
        str(name): int(amount)
        for name, amount in session.execute(
            select(col(Budget.category), func.sum(col(Budget.amount_fen)))
            .where(col(Budget.month).in_(_months(period)))
            .group_by(col(Budget.category))
        )
    }
    spent = {
        str(name): int(amount)
        for name, amount in session.execute(
            select(col(Receipt.category), func.sum(col(Receipt.amount_fen)))
            .where(col(Receipt.date) >= period.start, col(Receipt.date) <= period.end)
            .group_by(col(Receipt.category))
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


def budget(session: Session, month: str) -> Report:
    """`audit budget show`: budget, spent, remaining and share used per category."""
    period = clock.parse_month(month)
    title = _("Budget {month}").format(month=period.label)
    return Report(
        title,
        columns(*BUDGET, command="audit budget", labels=CATEGORY_LABELS),
        budget_lines(session, period),
    )
