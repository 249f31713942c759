"""The 领料单 of one issue (`stock slip CK-…`) in plain SQL on a `Reader` (sqlite3 alone
on SQLite: no ORM on its path): the Report stdout shows with its Form attached for
-o FILE.xlsx and -o FILE.pdf."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.forms import Fields, Form, Signature, Signatures, Table
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

_SQL = (
    "SELECT m.code, m.kind, m.date, m.qty_delta, m.value_delta, m.unit_id, m.person_id,"
    " m.by_id, m.note, m.approved_by_id, m.old_returned_milli, m.no_old_reason,"
    " i.code, i.name, i.spec, i.unit"
    " FROM stock_movement m JOIN stock_item i ON i.id = m.item_id"
    " WHERE upper(m.code) = :code"
)


SLIP = ("code", "date", "item_code", "item", "spec", "unit", "quantity", "value", "drawn_by",
        "issued_by", "note")  # fmt: skip


def _issue(reader: Reader, code: str) -> Any:
    found = reader.rows(_SQL, {"code": code.strip().upper()})
    if not found or found[0][1] != "issue":
        raise InputError(
            _(
                "No stock issue {code} (出库单, CK-…); `houqin stock movements --kind issue` lists them."
            ).format(code=code)
        )
    return found[0]


def slip(reader: Reader, code: str) -> Report:
    """`stock slip`: one issue as the 领料单 the drawer and the storekeeper sign."""
    (m_code, _kind, m_date, qty_delta, value_delta, unit_id, person_id, by_id, note,
     approved_by_id, old_returned_milli, no_old_reason, item_code, item_name, spec,
     item_unit) = _issue(reader, code)  # fmt: skip
    day = clock.stored_date(m_date)
    assert day is not None
    people, units = names_by_id(reader, "person"), names_by_id(reader, "unit")
    drawn_by = units.get(unit_id or 0) or people.get(person_id or 0, "")
    row: dict[str, Any] = {
        "code": m_code,
        "date": day,
        "item_code": item_code,
        "item": item_name,
        "spec": spec,
        "unit": item_unit,
        "quantity": money.milli_to_qty(-qty_delta),
        "value": -value_delta,
        "drawn_by": drawn_by,
        "issued_by": people.get(by_id or 0),
        "note": note,
    }
    report = Report(_("Issue slip {code}").format(code=m_code), columns(*SLIP), [row], record=True)
    figures = money.format_money(row["value"])
    approved = people.get(approved_by_id or 0)
    report.form = Form(
        _("Issue slip (领料单)"),
        school=str(settings.read(reader, "school.name")["school.name"]),
        code=m_code,
        blocks=[
            Fields(
                (
                    (_("Date"), day.isoformat()),
                    (_("Drawn by"), drawn_by),
                    (_("Note"), note or ""),
                    (
                        _("Old ones returned"),
                        money.qty_str(money.milli_to_qty(old_returned_milli))
                        if old_returned_milli is not None
                        else (no_old_reason or ""),
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
                        item_code,
                        item_name,
                        row["spec"] or "",
                        item_unit,
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
