"""The storeroom's forms: the 领料单 of one issue (`stock slip CK-…`) and the 盘点表 of a
stocktake (`stock count sheet PD-…`), each the Report stdout shows with its Form
attached for -o FILE.xlsx and -o FILE.pdf."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.core import clock, money, names, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.forms import Fields, Form, Signature, Signatures, Table, report_table, signers
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report
from houqin_cli.people.service import person_names, unit_names
from houqin_cli.stock import count
from houqin_cli.stock.models import StockItem, StockMovement

SLIP = ("code", "date", "item_code", "item", "spec", "unit", "quantity", "value", "drawn_by",
        "issued_by", "note")  # fmt: skip


def _issue(session: Session, code: str) -> StockMovement:
    m: StockMovement | None = names.by_code(session, StockMovement, code)
    if m is None or m.kind != "issue":
        raise InputError(
            _(
                "No stock issue {code} (出库单, CK-…); `houqin stock movements --kind issue` lists them."
            ).format(code=code)
        )
    return m


def slip(session: Session, code: str) -> Report:
    """`stock slip`: one issue as the 领料单 the drawer and the storekeeper sign."""
    m = _issue(session, code)
    item = session.get(StockItem, m.item_id)
    assert item is not None
    people, units = person_names(session), unit_names(session)
    drawn_by = units.get(m.unit_id or 0) or people.get(m.person_id or 0, "")
    row: dict[str, Any] = {
        "code": m.code,
        "date": m.date,
        "item_code": item.code,
        "item": item.name,
        "spec": getattr(item, "spec", None),
        "unit": item.unit,
        "quantity": money.milli_to_qty(-m.qty_delta),
        "value": -m.value_delta,
        "drawn_by": drawn_by,
        "issued_by": people.get(m.by_id or 0),
        "note": m.note,
    }
    report = Report(_("Issue slip {code}").format(code=m.code), columns(*SLIP), [row], record=True)
    figures = money.format_money(row["value"])
    approved = people.get(m.approved_by_id or 0)
    report.form = Form(
        _("Issue slip (领料单)"),
        school=settings.raw(session, "school.name"),
        code=m.code,
        blocks=[
            Fields(
                (
                    (_("Date"), m.date.isoformat()),
                    (_("Drawn by"), drawn_by),
                    (_("Note"), m.note or ""),
                    (
                        _("Old ones returned"),
                        money.qty_str(money.milli_to_qty(m.old_returned_milli))
                        if m.old_returned_milli is not None
                        else (m.no_old_reason or ""),
                    ),
                )
            ),  # fmt: skip
            Table(
                (
                    _("Item code"),
                    _("Name"),
                    _("Specification"),
                    _("Unit"),
                    _("Quantity"),
                    _("Amount"),
                ),
                (
                    (
                        item.code,
                        item.name,
                        row["spec"] or "",
                        item.unit,
                        money.qty_str(row["quantity"]),
                        figures,
                    ),
                ),
            ),  # fmt: skip
            Fields(((_("In words"), money.amount_in_words(row["value"])),), per_row=1),
            Signatures(
                (
                    Signature(_("Drawn by (领用人)")),
                    Signature(_("Issued by (发料人)"), row["issued_by"] or ""),
                    *((Signature(_("Approved by"), approved),) if approved else ()),
                ),
                per_row=2,
            ),
        ],
    )
    return report


def count_sheet(session: Session, code: str) -> Report:
    """`stock count sheet`: the items in scope, and the 盘点表 to fill in."""
    report = count.sheet(session, code)
    c = count.find_count(session, code)
    tz = settings.timezone(session)
    started = clock.from_iso_utc(c.started_at).astimezone(tz).date()
    report.form = Form(
        _("Stocktake sheet (盘点表)"),
        school=settings.raw(session, "school.name"),
        code=c.code,
        lines=[
            _("Scope: {scope}").format(scope=c.category or _("the whole storeroom")),
            _("Date: {day}").format(day=started),
        ],
        blocks=[
            report_table(report, blank=3),
            signers(_("Counted by (盘点人)"), _("Supervised by (监盘人)"), _("Custodian (保管员)")),
        ],
        xlsx=False,  # the workbook stays the sheet `count import` reads back
    )
    return report
