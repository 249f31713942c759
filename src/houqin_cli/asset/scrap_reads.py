"""`asset scrap list` and `asset scrap show` (the 报废申请表) in plain SQL on a `Reader`
(sqlite3 alone on SQLite: no ORM on their path). The scrapping's rules and writes are in
scrap.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.core import clock, labels, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.forms import Fields, Form, Signature, Signatures
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

SCRAP = ("code", "asset_code", "asset", "qty", "unit", "value", "reason", "requester",
         "requested_on", "appraiser", "opinion", "appraised_on", "approvers", "status")  # fmt: skip
_SQL = (
    "SELECT s.code, a.code, a.name, s.qty, a.unit, a.value_fen, a.qty, s.reason,"
    " s.requested_by_id, s.requested_on, s.appraiser_id, s.opinion, s.appraised_on,"
    " s.approver_ids, s.status, a.spec, a.acquired"
    " FROM asset_scrap s JOIN asset a ON a.id = s.asset_id"
)


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def _row(found: Any, people: dict[int, str]) -> dict[str, Any]:
    (code, asset_code, asset, qty, unit, value_fen, asset_qty, reason, requester,
     requested_on, appraiser, opinion, appraised_on, approver_ids, status, _spec, _acq) = found  # fmt: skip
    return {
        "code": code,
        "asset_code": asset_code,
        "asset": asset,
        "qty": qty,
        "unit": unit,
        "value": money.divide(value_fen * qty, max(asset_qty, qty)),
        "reason": reason,
        "requester": people.get(requester or 0),
        "requested_on": clock.stored_date(requested_on),
        "appraiser": people.get(appraiser or 0),
        "opinion": opinion,
        "appraised_on": clock.stored_date(appraised_on),
        "approvers": [people.get(int(x), "") for x in approver_ids.split()],
        "status": status,
    }


def scrap_list(reader: Reader, status: str | None) -> Report:
    """`asset scrap list`: the scrapping requests, newest last."""
    where, params = "", {}
    if status is not None:
        wanted = labels.lookup("scrap_status", status) or status
        if wanted not in ("requested", "appraised", "approved"):
            raise InputError(
                _("Invalid --status {value!r}; choose requested, appraised or approved.").format(
                    value=status
                )
            )
        where, params = "WHERE s.status = :status", {"status": wanted}
    people = names_by_id(reader, "person")
    found = reader.rows(f"{_SQL} {where} ORDER BY s.code", params)  # noqa: S608
    return Report(_("Scrapping requests"), columns(*SCRAP), [_row(f, people) for f in found])


def _approvals(
    reader: Reader, code: str, ids: str, people: dict[int, str]
) -> list[tuple[str, str]]:
    """Each approver of a scrapping with the day they approved (the card's events)."""
    days = [
        clock.stored_date(d)
        for (d,) in reader.rows(
            "SELECT date FROM asset_event WHERE ref_code = :code"
            " AND kind IN ('approved', 'scrapped') ORDER BY id",
            {"code": code},
        )
    ]
    approvers = [int(x) for x in ids.split()]
    return [
        (people.get(i, ""), _day(days[n]) if n < len(days) else "") for n, i in enumerate(approvers)
    ]


def scrap_show(reader: Reader, code: str) -> Report:
    """`asset scrap show`: one scrapping request, and its 报废申请表."""
    found = reader.rows(f"{_SQL} WHERE upper(s.code) = :code", {"code": code.strip().upper()})  # noqa: S608
    if not found:
        raise InputError(_("No scrapping request {code}.").format(code=code))
    people = names_by_id(reader, "person")
    row = _row(found[0], people)
    spec, acquired = found[0][15], clock.stored_date(found[0][16])
    report = Report(_("Scrapping request {code}").format(code=row["code"]), columns(*SCRAP), [row])
    report.record = True
    school = str(settings.read(reader, "school.name")["school.name"])
    approvals = _approvals(reader, row["code"], found[0][13], people)
    report.form = Form(
        _("Asset scrapping application"),
        school=school,
        code=row["code"],
        lines=[_("Status: {status}").format(status=labels.label("scrap_status", row["status"]))],
        blocks=[
            Fields(
                (
                    (_("Asset code"), row["asset_code"]),
                    (_("Name"), row["asset"]),
                    (_("Specification"), spec or ""),
                    (_("Quantity"), f"{row['qty']} {row['unit']}"),
                    (_("Acquired"), _day(acquired)),
                    (_("Amount"), money.format_money(row["value"])),
                )
            ),
            Fields(((_("Reason"), row["reason"]),), per_row=1),
            Signatures(
                (Signature(_("Requested by"), row["requester"] or "", _day(row["requested_on"])),)
            ),
            Fields(((_("Appraisal opinion"), row["opinion"] or ""),), per_row=1),
            Signatures(
                (Signature(_("Appraised by"), row["appraiser"] or "", _day(row["appraised_on"])),)
            ),
            Signatures(
                tuple(Signature(_("Approved by"), name, day) for name, day in approvals)
                or (Signature(_("Approved by")),),
                per_row=2,
                title=_("Approvals"),
            ),
        ],
    )
    return report
