"""The money's checks: budget overruns, and receipts lacking what their category
requires (goods accepted, an approver); the month's `audit check`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.categories import CATEGORIES
from houqin_cli.audit.finance.models import Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.audit.finance.reports import budget_lines
from houqin_cli.core import clock, money, settings
from houqin_cli.core.checks import Check
from houqin_cli.core.clock import Period
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding, Report


def _this_month(session: Session) -> Period:
    return clock.month_of(clock.today(settings.timezone(session)))


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
    return budget_findings(session, _this_month(session))


def receipts_check(session: Session) -> list[Finding]:
    """`houqin check`: the current month's receipts lacking what their category requires."""
    return receipt_findings(session, _this_month(session))


def report(session: Session, month: str | None) -> Report:
    """`audit check`: the month's findings (default: this month)."""
    period = clock.parse_month(month) if month else _this_month(session)
    found = findings(session, period)
    return Report(_("Audit check {month}").format(month=period.label), [], findings=found)


CHECKS = [
    Check("audit.budget", budget_check),
    Check("audit.receipts", receipts_check),
]
