"""The money's checks: budget overruns, receipts lacking what their category requires
(goods accepted, an approver), a negative closing balance, and purchases split under the
approval threshold; `audit check` and `houqin check` cover the month that ended last as
well as the current one, so the month-start check reports the month just closed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from houqin_cli.audit.finance.categories import CATEGORIES
from houqin_cli.audit.finance.reports import budget_lines
from houqin_cli.audit.finance.statement import balance_before
from houqin_cli.core import clock, labels, money, settings
from houqin_cli.core.checks import Check
from houqin_cli.core.clock import Period
from houqin_cli.core.db import Reader, as_reader
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param, in_list
from houqin_cli.core.report import Finding, Report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Receipts from one supplier dated at most this many days apart, each at or under
# audit.approval_threshold and together above it, are reported as a split purchase.
SPLIT_WINDOW_DAYS = 7


def _this_month(reader: Reader) -> Period:
    return clock.month_of(clock.today(settings.zone(reader)))


def covered(reader: Reader) -> list[Period]:
    """The months the checks cover: the last closed month, then the current one."""
    this = _this_month(reader)
    return [clock.month_of(this.start - timedelta(days=1)), this]


def findings(reader: Reader, periods: list[Period]) -> list[Finding]:
    """Every money finding over `periods` (months in order, without gaps)."""
    out: list[Finding] = []
    for period in periods:
        out += budget_findings(reader, period) + receipt_findings(reader, period)
        out += balance_findings(reader, period)
    return out + split_findings(reader, periods[0].start, periods[-1].end)


def budget_findings(reader: Reader, period: Period) -> list[Finding]:
    out: list[Finding] = []
    for line in budget_lines(reader, period):
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


def _ids(reader: Reader, sql: str, column: str, ids: list[int]) -> set[int]:
    """The values of `sql`'s one column where `column` is one of `ids`."""
    cond, params = in_list(column, ids)
    return {r for (r,) in reader.rows(f"{sql} WHERE {cond}", params)} if params else set()


def receipt_findings(reader: Reader, period: Period) -> list[Finding]:
    out: list[Finding] = []
    receipts = list(
        reader.rows(
            "SELECT id, code, category, amount_fen FROM receipt"
            " WHERE date >= :start AND date <= :end AND reverses_id IS NULL ORDER BY date, id",
            {"start": day_param(reader, period.start), "end": day_param(reader, period.end)},
        )
    )
    ids = [r[0] for r in receipts]
    linked = _ids(reader, "SELECT receipt_id FROM receipt_link", "receipt_id", ids)
    approved = _ids(reader, "SELECT receipt_id FROM receipt_approval", "receipt_id", ids)
    voided = _ids(reader, "SELECT reverses_id FROM receipt", "reverses_id", ids)
    for rid, code, category, fen in receipts:
        cat = CATEGORIES.get(category)
        if cat is None or rid in voided:
            continue
        if cat.goods and rid not in linked:
            out.append(
                Finding(
                    "audit.receipts",
                    "receipt.no_goods",
                    _(
                        "{code} ({category}, {amount}) was entered as a service: its goods were never accepted into the storeroom or the asset register."
                    ).format(code=code, category=cat.label, amount=money.format_money(int(fen))),
                    {"receipt": code, "category": cat.code},
                )
            )
        if cat.needs_approver and rid not in approved:
            out.append(
                Finding(
                    "audit.receipts",
                    "receipt.no_approver",
                    _(
                        "{code} ({category}) has no approver; a {category} receipt always needs one."
                    ).format(code=code, category=cat.label),
                    {"receipt": code, "category": cat.code},
                )
            )
    return out


def balance_findings(reader: Reader, period: Period) -> list[Finding]:
    """The statement's closing balance for `period` (as of today within the current
    month) below zero: more was spent than came in."""
    closing = balance_before(reader, period.end + timedelta(days=1))
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


def split_findings(reader: Reader, start: date, end: date) -> list[Finding]:
    """Receipts from one supplier within SPLIT_WINDOW_DAYS of each other, each at or
    under the approval threshold without an approver, together above it: one finding
    per run that has a receipt dated within [start, end]."""
    key = "audit.approval_threshold"
    threshold = settings.read(reader, key)[key]
    found = reader.rows(
        "SELECT code, supplier, date, amount_fen FROM receipt"
        " WHERE date >= :first AND date <= :end AND reverses_id IS NULL"
        " AND amount_fen <= :threshold"
        " AND NOT EXISTS (SELECT rev.id FROM receipt AS rev WHERE rev.reverses_id = receipt.id)"
        " AND NOT EXISTS (SELECT a.receipt_id FROM receipt_approval AS a"
        " WHERE a.receipt_id = receipt.id)"
        " ORDER BY supplier, date, id",
        {
            "first": day_param(reader, start - timedelta(days=SPLIT_WINDOW_DAYS)),
            "end": day_param(reader, end),
            "threshold": threshold,
        },
    )
    rows: list[tuple[str, str, date, int]] = [
        (code, supplier, clock.stored_date(d) or start, int(fen))
        for code, supplier, d, fen in found
    ]
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


def budget_check(source: Reader | Session) -> list[Finding]:
    """`houqin check`: budget overruns in the last closed month and this one so far."""
    reader = as_reader(source)
    return [f for p in covered(reader) for f in budget_findings(reader, p)]


def receipts_check(source: Reader | Session) -> list[Finding]:
    """`houqin check`: the last closed month's and this month's receipts lacking what
    their category requires."""
    reader = as_reader(source)
    return [f for p in covered(reader) for f in receipt_findings(reader, p)]


def balance_check(source: Reader | Session) -> list[Finding]:
    """`houqin check`: a negative closing balance, last month's or this month's so far."""
    reader = as_reader(source)
    return [f for p in covered(reader) for f in balance_findings(reader, p)]


def split_check(source: Reader | Session) -> list[Finding]:
    """`houqin check`: purchases split under the approval threshold in the months covered."""
    reader = as_reader(source)
    months = covered(reader)
    return split_findings(reader, months[0].start, months[-1].end)


def report(reader: Reader, month: str | None) -> Report:
    """`audit check`: the month's findings (default: the last closed month and this one)."""
    periods = [clock.parse_month(month)] if month else covered(reader)
    found = findings(reader, periods)
    label = ", ".join(p.label for p in periods)
    return Report(_("Audit check {month}").format(month=label), [], findings=found)


CHECKS = [
    Check("audit.budget", budget_check),
    Check("audit.receipts", receipts_check),
    Check("audit.balance", balance_check),
    Check("audit.split", split_check),
]
