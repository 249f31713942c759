"""The loans and damages as Reports: `asset overdue | damages`; the cards of `asset
list | show` are cardreads.py's (plain SQL)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.asset import owing
from houqin_cli.asset.cardreads import CARD as CARD
from houqin_cli.asset.reports import totals
from houqin_cli.core.columns import columns
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

OVERDUE = ("code", "asset_code", "asset", "qty", "borrower", "lent_on", "due", "days_overdue")
DAMAGES = (
    "code", "date", "asset_code", "asset", "cause", "qty", "by", "amount_due", "paid", "owed",
    "source",
)  # fmt: skip


def card_rows(session: Any, **filters: Any) -> list[dict[str, Any]]:
    """`cardreads.card_rows` on an ORM session (or a Reader): the cards a place or a
    unit still holds, as `unit retire` and `place retire` ask."""
    from houqin_cli.asset import cardreads
    from houqin_cli.core.db import as_reader

    return cardreads.card_rows(as_reader(session), **filters)


def overdue(reader: Reader) -> Report:
    """`asset overdue`: the loans past due, each a finding."""
    rows = owing.overdue(reader)
    return Report(
        _("Overdue loans"), columns(*OVERDUE), rows, findings=owing.overdue_findings(rows)
    )


def damages(reader: Reader, open_only: bool) -> Report:
    """`asset damages`: damage records with what is due, paid and still owed."""
    rows = owing.damages(reader, open_only)
    footer = totals(rows, "asset", "amount_due", "paid", "owed")
    return Report(_("Damage and compensation"), columns(*DAMAGES), rows, footer=footer)
