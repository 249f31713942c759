"""The asset forms a school signs: the 借条 (`asset iou`) and the 资产清查表 (`asset count
sheet`); the 报废申请表 (`asset scrap show`) is in scrap_reads.py. Each returns the
Report stdout shows, with its Form attached for -o FILE.xlsx and -o FILE.pdf."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.asset import count, custody
from houqin_cli.asset.cards import card
from houqin_cli.asset.rounds import scope_name
from houqin_cli.core import labels, money, settings
from houqin_cli.core.codes import require_prefix
from houqin_cli.core.columns import columns
from houqin_cli.core.forms import (
    Fields,
    Form,
    Sentence,
    Table,
    report_table,
    signers,
)
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.people.service import person_by_id, unit_names

IOU = ("school", "code", "borrower", "org_unit", "asset_code", "asset", "spec", "qty", "unit", "value",
       "value_in_words", "lent_on", "due", "note", "returned_on", "condition")  # fmt: skip


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def iou(session: Session, code: str) -> Report:
    """`asset iou`: the IOU (借条) the borrower signs, and what comes back."""
    require_prefix(code, "JC", "ZC", what=_("a loan (借条)"))
    loan = custody.find_loan(session, code)
    asset, person = card(session, loan.asset_id), person_by_id(session, loan.person_id)
    value = money.divide(asset.value_fen * loan.qty, asset.qty)
    row = {
        "school": settings.raw(session, "school.name"),
        "code": loan.code,
        "borrower": person.name,
        "borrower_code": person.code,  # JSON only, as before the form
        "org_unit": unit_names(session).get(person.unit_id or 0),
        "asset_code": asset.code,
        "asset": asset.name,
        "spec": asset.spec,
        "qty": loan.qty,
        "unit": asset.unit,
        "value": value,
        "value_in_words": money.amount_in_words(value),
        "lent_on": loan.lent_on,
        "due": loan.due,
        "note": loan.note,
        "returned_on": loan.returned_on,
        "condition": loan.condition,
        "signature": "",  # JSON only, as before: the form has the line to sign on
    }
    report = Report(_("IOU (借条)"), columns(*IOU), [row], record=True)
    report.form = _iou_form(session, row)
    return report


def _iou_form(session: Session, row: dict[str, Any]) -> Form:
    school = row["school"]
    figures, words = money.format_money(row["value"]), row["value_in_words"]
    purpose = row["note"] or "＿" * 8
    sentence = _(
        "Borrowed from {school}: {asset} ({asset_code}), {qty} {unit}, worth {value} "
        "(in words: {words}), for {purpose}; to be returned by {due}."
    ).format(
        school=school,
        asset=row["asset"],
        asset_code=row["asset_code"],
        qty=row["qty"],
        unit=row["unit"],
        value=figures,
        words=words,
        purpose=purpose,
        due=row["due"],
    )
    condition = labels.label("condition", row["condition"]) if row["condition"] else ""
    return Form(
        _("IOU"),
        school=school,
        code=row["code"],
        blocks=[
            Sentence(sentence),
            Fields(
                (
                    (_("Borrower"), row["borrower"]),
                    (_("Unit"), row["org_unit"] or ""),
                    (_("Lent on"), _day(row["lent_on"])),
                    (_("Due"), _day(row["due"])),
                    (_("Purpose"), row["note"] or ""),
                )
            ),
            Table(
                (
                    _("Name"),
                    _("Code"),
                    _("Specification"),
                    _("Quantity"),
                    _("Amount"),
                    _("In words"),
                ),
                (
                    (
                        row["asset"],
                        row["asset_code"],
                        row["spec"] or "",
                        f"{row['qty']} {row['unit']}",
                        figures,
                        words,
                    ),
                ),  # fmt: skip
            ),
            Sentence(
                _(
                    "The borrower keeps it with care; what is lost or damaged is paid for at its value (照价赔偿)."
                )
            ),
            signers(_("Borrower (signature)"), _("Handled by (经办人)"), per_row=2),
            Fields(((_("Returned on"), _day(row["returned_on"])), (_("Condition"), condition))),
            signers(
                _("Returned by"), _("Received by"), per_row=2, title=_("Return receipt (归还签收)")
            ),
        ],
    )


# -- the count -----------------------------------------------------------------


def count_sheet(session: Session, code: str) -> Report:
    """`asset count sheet`: the cards in scope, and the 资产清查表 to fill in."""
    report = count.sheet(session, code)
    c = count.find(session, code)
    school = settings.raw(session, "school.name")
    report.form = Form(
        _("Asset count sheet"),
        school=school,
        code=c.code,
        lines=[
            _("Scope: {scope}").format(scope=scope_name(session, c)),
            _("Date: {day}").format(day=_day(c.started_on)),
        ],
        blocks=[
            report_table(report, blank=3),
            signers(_("Counted by (盘点人)"), _("Supervised by (监盘人)"), _("Custodian (保管员)")),
        ],
        landscape=True,
        xlsx=False,  # the workbook stays the sheet `count import` reads back
    )
    return report
