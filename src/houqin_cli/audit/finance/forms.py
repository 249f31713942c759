"""The money's forms: the 报销单 (粘贴单) of one receipt (`audit receipt show`) and the
公示 of a statement (`audit report month … -o 公示.pdf`). Each returns the Report stdout
shows, with its Form attached for -o FILE.pdf (and, for the receipt, -o FILE.xlsx)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.audit.finance import reports, statement
from houqin_cli.audit.finance.categories import label
from houqin_cli.core import clock, money, settings
from houqin_cli.core.forms import (
    Box,
    Fields,
    Form,
    Sentence,
    Signature,
    Signatures,
    Table,
    report_table,
    signers,
)
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

# how long a statement hangs on the notice board (公示期), from the day it is printed
NOTICE_DAYS = 7


def _school(reader: Reader) -> str:
    return str(settings.read(reader, "school.name")["school.name"])


def receipt(reader: Reader, code: str) -> Report:
    """`audit receipt show`: one receipt, and its 报销单 to paste the invoice on."""
    report = reports.receipt(reader, code)
    row = report.rows[0]
    report.form = _receipt_form(row, _school(reader))
    return report


def _receipt_form(row: dict[str, Any], school: str) -> Form:
    goods = tuple((c,) for c in row["links"]) or ((_("a service: nothing received into stock"),),)
    people = (
        Signature(_("Handled by (经手人)"), row["handler"]),
        Signature(_("Accepted by (验收人)"), row["acceptor"]),
        Signature(_("Reviewed by (审核人)"), row["reviewer"]),
        *(Signature(_("Approved by"), name) for name in row["approvers"]),
    )
    notes = []
    if row["reverses"]:
        notes.append(_("Reversal of {code}.").format(code=row["reverses"]))
    if row["voided_by"]:
        notes.append(_("Reversed by {code}.").format(code=row["voided_by"]))
    return Form(
        _("Reimbursement form (报销单)"),
        school=school,
        code=row["code"],
        lines=[_("Unit: yuan")],
        blocks=[
            Fields(
                (
                    (_("Date"), row["date"].isoformat()),
                    (_("Category"), label(row["category"])),
                    (_("Supplier"), row["supplier"]),
                    (_("Invoice"), row["invoice"]),
                    (_("Invoice date"), row["invoice_date"].isoformat()),
                    (_("Attachments"), _("{n} sheets").format(n="＿＿")),
                )
            ),
            Fields(
                (
                    (_("Amount"), money.format_money(row["amount"])),
                    (_("In words"), money.amount_in_words(abs(row["amount"]))),
                    (_("Note"), row["note"] or ""),
                ),
                per_row=1,
            ),
            Table((_("Linked goods"),), goods),
            Box(_("Paste the invoice here (粘贴处)."), rows=10),
            Signatures(people, per_row=2),
        ],
        footnotes=notes,
    )


def statement_notice(reader: Reader, kind: str, text: str) -> Report:
    """`audit report month|quarter|year`: the statement; as a PDF, under a 公示 heading
    with the notice period, the office's signatures and the seal as text."""
    report = statement.report(reader, kind, text)
    school = _school(reader)
    first = clock.today(settings.zone(reader))
    last = first + timedelta(days=NOTICE_DAYS - 1)
    tables: list[Any] = [report_table(part, title=part.title) for part in report.sections]
    period = text.upper()
    report.form = Form(
        _("Public notice (公示): income and expenses {period}").format(period=period),
        school=school,
        lines=[
            _("Notice period: {first} to {last}").format(first=first, last=last),
            _("Unit: yuan"),
        ],
        blocks=[
            Sentence(
                _(
                    "The income and expenses of {school} for {period} are made public below; "
                    "questions go to the 总务处 within the notice period."
                ).format(school=school, period=period)
            ),
            *tables,
            Sentence(report.note or ""),
            signers(_("Prepared by (制表人)"), _("Reviewed by (审核人)"), _("Principal (校长)")),
        ],
        landscape=True,
        xlsx=False,
    )
    return report
