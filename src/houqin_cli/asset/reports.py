"""The 固定资产明细账 (register) and the summaries by category, place, unit or custodian."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import _names_of, card_rows, fixed_test, row
from houqin_cli.asset.depreciation import schedule
from houqin_cli.asset.models import Asset
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _


def _cards(session: Session) -> list[Any]:
    return card_rows(session, col(Asset.status) != "scrapped")


def summary(session: Session, by: str, day: date) -> list[dict[str, Any]]:
    if by not in ("category", "place", "unit", "custodian"):
        raise InputError(
            _("Invalid --by {value!r}; choose one of: category, place, unit, custodian.").format(
                value=by
            )
        )
    test = fixed_test(session)
    lookups = _names_of(session)
    places_unit = {}
    if by == "unit":
        from houqin_cli.people.models import Place, Unit
        from houqin_cli.people.service import names_by_id

        unit_names = names_by_id(session, Unit)
        places_unit = {
            p.id: unit_names.get(p.unit_id or 0) for p in session.execute(select(Place)).scalars()
        }
    groups: dict[str, dict[str, Any]] = {}
    for a in _cards(session):
        r = row(session, a, lookups, test(a))
        if by == "category":
            key = f"{a.category} {r['category_name']}"
        elif by == "place":
            key = r["place"] or "-"
        elif by == "custodian":
            key = r["custodian"] or "-"
        else:
            key = (
                lookups[2].get(a.custodian_unit_id or 0)
                if a.custodian_unit_id
                else places_unit.get(a.place_id)
            ) or "-"
        g = groups.setdefault(
            key,
            {
                "group": key,
                "cards": 0,
                "qty": 0,
                "total_value": 0,
                "fixed_value": 0,
                "net_value": 0,
            },
        )
        g["cards"] += 1
        g["qty"] += a.qty
        g["total_value"] += a.value_fen
        if r["fixed"]:
            g["fixed_value"] += a.value_fen
        g["net_value"] += schedule(a, r["fixed"], day.year, day.month)["net_value"]
    return [groups[k] for k in sorted(groups)]
