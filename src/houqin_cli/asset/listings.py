"""The cards, loans and damages as Reports: `asset list | show | iou | overdue | damages`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories, custody
from houqin_cli.asset.cards import STATUSES, find_asset, names_of, row
from houqin_cli.asset.damages import damages as damage_rows
from houqin_cli.asset.depreciation import fixed_test
from houqin_cli.asset.models import Asset, AssetEvent
from houqin_cli.asset.reports import totals
from houqin_cli.core import labels, notes
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.labels import Coded
from houqin_cli.core.report import Report
from houqin_cli.people.service import find_party, find_place, party_ids

CARD = (
    "code", "name", "category_name", "qty", "unit", "unit_value", "total_value", "acquired",
    "place", "custodian", "status", "fixed",
)  # fmt: skip
OVERDUE = ("code", "asset_code", "asset", "qty", "borrower", "lent_on", "due", "days_overdue")
DAMAGES = (
    "code", "date", "asset_code", "asset", "cause", "qty", "by", "amount_due", "paid", "owed",
    "source",
)  # fmt: skip


def card_rows(
    session: Session,
    *,
    place: str | None = None,
    custodian: str | None = None,
    category: str | None = None,
    status: str | None = None,
    fixed: bool | None = None,
    every: bool = False,
) -> list[dict[str, Any]]:
    """The cards on the books (not scrapped) that the filters name; `status` scrapped,
    the cards off the books; `every`, all. `fixed` (fixed assets, or low-value items)
    is of the cards on the books only."""
    if every and status:
        raise InputError(_("--all lists every status; give --all or --status, not both."))
    if fixed is not None and (every or status == "scrapped"):
        raise InputError(
            _(
                "--fixed and --low-value list what is on the books; a scrapped card is neither: leave out --all or --status scrapped."
            )
        )
    q = select(Asset).order_by(col(Asset.code))
    if place:
        q = q.where(col(Asset.place_id) == find_place(session, place, current=False).id)
    if custodian:
        person_id, unit_id = party_ids(find_party(session, custodian, active=False))
        q = q.where(
            (col(Asset.custodian_unit_id) == unit_id)
            if unit_id is not None
            else (col(Asset.custodian_person_id) == person_id)
        )
    if category:
        cat = categories.find(category)
        q = q.where((col(Asset.category) == cat.code) | col(Asset.category).startswith(cat.code))
    if status:
        status = labels.lookup("asset_status", status) or status  # `--status 在用`
        if status not in STATUSES:
            raise InputError(
                _("Invalid --status {value!r}; choose one of: {allowed}.").format(
                    value=status, allowed=", ".join(STATUSES)
                )
            )
        q = q.where(col(Asset.status) == status)
    elif not every:
        q = q.where(col(Asset.status) != "scrapped")
    lookups = names_of(session)
    test = fixed_test(session)
    rows = [row(session, a, lookups, test(a)) for a in session.execute(q).scalars()]
    if fixed is not None:
        rows = [r for r in rows if r["fixed"] is fixed]
    return rows


def cards(session: Session, **filters: Any) -> Report:
    """`asset list`: the cards on the books (filtered by place, custodian, category,
    status, fixed; --all or --status scrapped for the rest), with the pieces (within
    one unit of measure) and the value in total of those listed that are on the books."""
    rows = card_rows(session, **filters)
    held = [r for r in rows if r["status"] != "scrapped" and r["qty"] > 0]
    footer = totals(held, "name", "qty", "total_value")
    if len(held) < len(rows):
        footer["name"] = _("Total on the books")
    return Report(_("Asset cards"), columns(*CARD), rows, footer=footer)


def history(session: Session, asset: Asset) -> list[dict[str, Any]]:
    events = session.execute(
        select(AssetEvent).where(col(AssetEvent.asset_id) == asset.id).order_by(col(AssetEvent.id))
    ).scalars()
    return [
        {
            "date": e.date,
            "event": Coded("event", e.kind),
            "ref": e.ref_code,
            "detail": detail(e.kind, e.detail),
            "operator": e.operator,
        }
        for e in events
    ]


# the events whose detail is a bare code, and its label table
CODED_DETAIL = {"inspected": "condition", "returned": "condition", "counted": "count_result"}


def detail(kind: str, stored: str | None) -> Any:
    """A history line's detail in the reader's language (JSON keeps a bare code)."""
    if stored and kind in CODED_DETAIL:
        return Coded(CODED_DETAIL[kind], stored)
    if stored and kind == "damaged" and stored.startswith("human "):  # written before notes
        return labels.label("damage_cause", "human") + stored[5:]
    return notes.text(stored)


def card(session: Session, text: str) -> Report:
    """`asset show`: the card and its whole history."""
    a = find_asset(session, text)
    r = row(session, a)
    r["history"] = history(session, a)
    cols = columns(*CARD, "spec", "funding", "invoice", "life_years", "history")
    return Report(_("Asset card"), cols, [r], record=True)


def overdue(session: Session) -> Report:
    """`asset overdue`: the loans past due, each a finding."""
    rows, findings = custody.overdue(session), custody.overdue_check(session)
    return Report(_("Overdue loans"), columns(*OVERDUE), rows, findings=findings)


def damages(session: Session, open_only: bool) -> Report:
    """`asset damages`: damage records with what is due, paid and still owed."""
    rows = damage_rows(session, open_only)
    footer = totals(rows, "asset", "amount_due", "paid", "owed")
    return Report(_("Damage and compensation"), columns(*DAMAGES), rows, footer=footer)
