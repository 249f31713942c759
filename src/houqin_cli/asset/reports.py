"""The 固定资产明细账 (register) and the summaries by category, place, unit or custodian."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories
from houqin_cli.asset.cards import _names_of, card_rows, fixed_test, row
from houqin_cli.asset.depreciation import schedule
from houqin_cli.asset.models import Asset
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _


def _cards(session: Session) -> list[Any]:
    return card_rows(session, col(Asset.status) != "scrapped")


def register(session: Session, day: date) -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """Per category: its fixed-asset cards with value and net value, and the totals."""
    test = fixed_test(session)
    lookups = _names_of(session)
    groups: dict[str, list[dict[str, Any]]] = {}
    for a in _cards(session):
        if not test(a):
            continue
        r = row(session, a, lookups, True)
        r.update(schedule(a, True, day.year, day.month))
        groups.setdefault(a.category, []).append(r)
    out = []
    for code in sorted(groups):
        rows = groups[code]
        cat = categories.BY_CODE.get(code)
        totals = {
            "name": _("Total"),
            "qty": sum(r["qty"] for r in rows),
            "total_value": sum(r["total_value"] for r in rows),
            "accumulated": sum(r["accumulated"] for r in rows),
            "net_value": sum(r["net_value"] for r in rows),
        }
        out.append((f"{code} {cat.name if cat else ''}".strip(), rows, totals))
    return out


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
