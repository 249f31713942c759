"""The money's checks: budget overruns, receipts lacking what their category requires
(goods accepted, an approver), a negative closing balance, and purchases split under the
approval threshold; `audit check` and `houqin check` cover the month that ended last as
well as the current one, so the month-start check reports the month just closed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.audit.finance.categories import CATEGORIES
from houqin_cli.audit.finance.goods import is_voided
from houqin_cli.audit.finance.models import Receipt, ReceiptApproval, ReceiptLink
from houqin_cli.audit.finance.reports import budget_lines
from houqin_cli.audit.finance.statement import balance_before
from houqin_cli.core import clock, labels, money, settings
from houqin_cli.core.checks import Check
from houqin_cli.core.clock import Period
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Finding, Report

# Receipts from one supplier dated at most this many days apart, each at or under
# audit.approval_threshold and together above it, are reported as a split purchase.
SPLIT_WINDOW_DAYS = 7


def _this_month(session: Session) -> Period:
    return clock.month_of(clock.today(settings.timezone(session)))


def covered(session: Session) -> list[Period]:
    """The months the checks cover: the last closed month, then the current one."""
    this = _this_month(session)
    return [clock.month_of(this.start - timedelta(days=1)), this]


def findings(session: Session, periods: list[Period]) -> list[Finding]:
    """Every money finding over `periods` (months in order, without gaps)."""
    out: list[Finding] = []
    for period in periods:
        out += budget_findings(session, period) + receipt_findings(session, period)
        out += balance_findings(session, period)
    return out + split_findings(session, periods[0].start, periods[-1].end)


def budget_findings(session: Session, period: Period) -> list[Finding]:
    out: list[Finding] = []
    for line in budget_lines(session, period):
        if line["budget"] is not None and line["spent"] > line["budget"]:
            out.append(
                Finding(
                    "audit.budget",
                    "budget.overrun",
                    _("{category} spent {spent} in {period}, over its budget of {budget}.").format(
                        category=labels.label("budget_category", line["category"]),
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


def balance_findings(session: Session, period: Period) -> list[Finding]:
    """The statement's closing balance for `period` (as of today within the current
    month) below zero: more was spent than came in."""
    closing = balance_before(session, period.end + timedelta(days=1))
    if closing >= 0:
        return []
    return [
        Finding(
            "audit.balance",
            "balance.negative",
            _(
                "The closing balance of {period} is {closing}: more was paid out than came in; record the income that paid for it (audit income add) or void what was entered by mistake."
            ).format(period=period.label, closing=money.format_money(closing)),
            {"period": period.label, "closing": money.money_str(closing)},
        )
    ]


def split_findings(session: Session, start: date, end: date) -> list[Finding]:
    """Receipts from one supplier within SPLIT_WINDOW_DAYS of each other, each at or
    under the approval threshold without an approver, together above it: one finding
    per run that has a receipt dated within [start, end]."""
    threshold = settings.get(session, "audit.approval_threshold")
    approved = select(col(ReceiptApproval.receipt_id)).where(
        col(ReceiptApproval.receipt_id) == col(Receipt.id)
    )
    rows = list(
        session.execute(
            select(
                col(Receipt.code), col(Receipt.supplier), col(Receipt.date), col(Receipt.amount_fen)
            )
            .where(
                col(Receipt.date) >= start - timedelta(days=SPLIT_WINDOW_DAYS),
                col(Receipt.date) <= end,
                col(Receipt.reverses_id).is_(None),
                col(Receipt.amount_fen) <= threshold,
                ~is_voided(),
                ~approved.exists(),
            )
            .order_by(col(Receipt.supplier), col(Receipt.date), col(Receipt.id))
        )
    )
    out: list[Finding] = []
    i = 0
    while i < len(rows):
        _code, supplier, first, _fen = rows[i]
        j = i
        while (
            j + 1 < len(rows)
            and rows[j + 1][1] == supplier
            and (rows[j + 1][2] - first).days <= SPLIT_WINDOW_DAYS
        ):
            j += 1
        run = rows[i : j + 1]
        total = sum(int(r[3]) for r in run)
        if len(run) < 2 or total <= threshold or run[-1][2] < start:
            i += 1
            continue
        codes = [str(r[0]) for r in run]
        out.append(
            Finding(
                "audit.split",
                "receipt.split",
                _(
                    "{codes} from {supplier} ({first} to {last}) come to {total}, above {threshold} (audit.approval_threshold), though each is under it: a purchase split to avoid approval needs its approver."
                ).format(
                    codes=", ".join(codes),
                    supplier=supplier,
                    first=first,
                    last=run[-1][2],
                    total=money.format_money(total),
                    threshold=money.format_money(threshold),
                ),
                {
                    "supplier": supplier,
                    "receipts": codes,
                    "total": money.money_str(total),
                    "threshold": money.money_str(threshold),
                },
            )
        )
        i = j + 1
    return out


def budget_check(session: Session) -> list[Finding]:
    """`houqin check`: budget overruns in the last closed month and this one so far."""
    return [f for p in covered(session) for f in budget_findings(session, p)]


def receipts_check(session: Session) -> list[Finding]:
    """`houqin check`: the last closed month's and this month's receipts lacking what
    their category requires."""
    return [f for p in covered(session) for f in receipt_findings(session, p)]


def balance_check(session: Session) -> list[Finding]:
    """`houqin check`: a negative closing balance, last month's or this month's so far."""
    return [f for p in covered(session) for f in balance_findings(session, p)]


def split_check(session: Session) -> list[Finding]:
    """`houqin check`: purchases split under the approval threshold in the months covered."""
    months = covered(session)
    return split_findings(session, months[0].start, months[-1].end)


def report(session: Session, month: str | None) -> Report:
    """`audit check`: the month's findings (default: the last closed month and this one)."""
    periods = [clock.parse_month(month)] if month else covered(session)
    found = findings(session, periods)
    label = ", ".join(p.label for p in periods)
    return Report(_("Audit check {month}").format(month=label), [], findings=found)


CHECKS = [
    Check("audit.budget", budget_check),
    Check("audit.receipts", receipts_check),
    Check("audit.balance", balance_check),
    Check("audit.split", split_check),
]
