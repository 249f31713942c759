"""The monthly (quarterly, yearly) statement for the central office and for
disclosure to staff: opening, income, expenses with every receipt, budget against
actual, closing, and the journal's seal."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.audit.finance.reports import (
    BUDGET,
    CATEGORY_LABELS,
    RECEIPT,
    budget_lines,
    receipt_rows,
    receipts_between,
)
from houqin_cli.core import clock, money, settings
from houqin_cli.core.clock import Period
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

SHAPES = {"month": r"\d{4}-\d{2}", "quarter": r"\d{4}-Q[1-4]", "year": r"\d{4}"}
EXAMPLES = {"month": "2026-05", "quarter": "2026-Q1", "year": "2026"}
GENESIS = "0" * 64  # core.journal.GENESIS (a test holds them equal): an empty journal's head


def period_of(reader: Reader, kind: str, text: str) -> Period:
    """The month, quarter or year `text` names; another shape of period is exit 2."""
    period = clock.parse_period(text, settings.zone(reader))
    if not re.fullmatch(SHAPES[kind], period.label):
        raise InputError(
            _("Invalid {kind} {text!r}: give it like {example}.").format(
                kind=kind, text=text, example=EXAMPLES[kind]
            )
        )
    return period


def balance_before(reader: Reader, day: date) -> int:
    """Income less expenses dated before `day` (reversals net out what they reverse)."""
    params = {"day": day_param(reader, day)}
    ((inc, out),) = reader.rows(
        "SELECT (SELECT COALESCE(SUM(amount_fen), 0) FROM income WHERE date < :day),"
        " (SELECT COALESCE(SUM(amount_fen), 0) FROM receipt WHERE date < :day)",
        params,
    )
    return int(inc or 0) - int(out or 0)


def income_by_source(reader: Reader, period: Period) -> list[dict[str, Any]]:
    """The period's income per source; an income voided within the period is out of it
    with its reversal, and a reversal of an earlier period's income counts negative."""
    rows = list(
        reader.rows(
            "SELECT id, source, amount_fen, reverses_id FROM income"
            " WHERE date >= :start AND date <= :end",
            {"start": day_param(reader, period.start), "end": day_param(reader, period.end)},
        )
    )
    pairs = {rev for (_id, _src, _fen, rev) in rows if rev is not None}
    ids = {id_ for (id_, _src, _fen, _rev) in rows}
    sums: dict[str, int] = {}
    for id_, src, fen, rev in rows:
        if id_ in pairs or rev in ids:
            continue
        sums[src] = sums.get(src, 0) + int(fen)
    return [{"source": src, "amount": sums[src]} for src in sorted(sums)]


def journal_head(reader: Reader) -> tuple[int, str]:
    """The journal's last entry (SEQ, HASH): the statement's seal."""
    last = list(reader.rows("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
    return (int(last[0][0]), str(last[0][1])) if last else (0, GENESIS)


def statement(reader: Reader, period: Period, kind: str) -> dict[str, Any]:
    """Everything the statement shows, typed (money in fen): the renderer and the
    JSON document are both made from this."""
    opening = balance_before(reader, period.start)
    income = income_by_source(reader, period)
    rows = receipt_rows(reader, receipts_between(reader, period.start, period.end))
    income_total: int = sum(int(i["amount"]) for i in income)
    expense_total: int = sum(int(r["amount"]) for r in rows)
    seq, head = journal_head(reader)
    return {
        "school": settings.read(reader, "school.name")["school.name"],
        "kind": kind,
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "opening": opening,
        "income": income,
        "income_total": income_total,
        "categories": budget_lines(reader, period),
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


SUMMARY = ("period", "opening", "income_total", "expense_total", "closing")


def period_line(start: Any, end: Any) -> str:
    """The title block's period: its first and last day."""
    return _("Period: {start} to {end}").format(start=start, end=end)


def report(reader: Reader, kind: str, text: str) -> Report:
    """`audit report month|quarter|year`: the statement, a table per part, and its seal."""
    data = statement(reader, period_of(reader, kind, text), kind)
    summary = [{key: data[key] for key in (*SUMMARY, "seal")}]
    sections = [
        Report(
            _("{school}: statement for {period}").format(
                school=data["school"], period=data["period"]
            ),
            columns(*SUMMARY),
            summary,
        ),
        Report(
            _("Income by source"),
            columns("source", "amount"),
            data["income"],
            footer={"source": _("Total"), "amount": data["income_total"]},
        ),
        Report(
            _("Budget against actual"),
            columns(*BUDGET, command="audit budget", labels=CATEGORY_LABELS),
            data["categories"],
            footer={"category": _("Total"), "spent": data["expense_total"]},
        ),
        Report(
            _("Receipts"),
            columns(*RECEIPT, labels=CATEGORY_LABELS),
            data["receipts"],
            footer={"supplier": _("Total"), "amount": data["expense_total"]},
        ),
    ]
    note = _("Seal {seal} — verify later with: houqin audit verify --against {seal}").format(
        seal=data["seal"]
    )
    return Report(
        _("Statement {period}").format(period=data["period"]),
        [],
        sections=sections,
        document=document(data),
        note=note,
        period=period_line(data["start"], data["end"]),
        signed=True,
    )
