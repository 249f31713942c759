"""`asset depreciation`, the 固定资产明细账 (`asset register`) and `asset summary
--by category|place|unit|custodian` as Reports: every card on the books, read with
plain SQL through `Ledger.reader()` (no ORM), valued with depreciation.py's integer
arithmetic."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.asset import categories, depreciation
from houqin_cli.asset.depreciation import charges, fixed_sql, half_up, life_of
from houqin_cli.core import clock, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

# the asset columns the register shows
_CARD = (
    "code", "name", "category", "qty", "unit", "value_fen", "acquired", "place_id",
    "custodian_person_id", "custodian_unit_id", "status", "funding", "invoice", "spec",
    "life_years",
)  # fmt: skip
SUMMARY_BY = ("category", "place", "unit", "custodian")
DEPRECIATION = (
    "code", "name", "category", "life_years", "original_value", "monthly", "accumulated",
    "net_value",
)  # fmt: skip
REGISTER = (
    "code", "name", "qty", "unit_value", "total_value", "acquired", "accumulated", "net_value",
    "place", "custodian",
)  # fmt: skip
SUMMARY = ("group", "cards", "qty", "total_value", "fixed_value", "net_value")
MONEY = ("unit_value", "total_value", "accumulated", "monthly", "net_value")


def totals(rows: list[dict[str, Any]], label: str, *keys: str) -> dict[str, Any]:
    """A listing's footer: "Total" under `label`, and the sums of `keys`."""
    return {label: _("Total"), **{k: sum(r[k] for r in rows) for k in keys}}


def _today(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


def _names(reader: Reader, table: str) -> dict[int, str]:
    return {rid: name for rid, name in reader.rows(f"SELECT id, name FROM {table}")}  # noqa: S608


def _category_name(code: str) -> str:
    cat = categories.BY_CODE.get(code)
    return cat.name if cat else code


def register(reader: Reader, day: date) -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """Per category its fixed-asset cards with value and net value at `day`, and the
    category's totals."""
    now = day.year * 12 + day.month
    fixed, params = fixed_sql(reader)
    places, people, units = (_names(reader, t) for t in ("place", "person", "unit"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for *row, at in reader.rows(
        f"SELECT {', '.join(_CARD)}, {reader.month_index('acquired')} FROM asset "
        f"WHERE status != 'scrapped' AND {fixed} ORDER BY category, code",
        params,
    ):
        a = dict(zip(_CARD, row, strict=True))
        value, acquired = a["value_fen"], a["acquired"]
        life = life_of(a["category"], a["life_years"])
        monthly, acc = charges(value, life, now - at)
        groups.setdefault(a["category"], []).append(
            {
                "code": a["code"],
                "name": a["name"],
                "category": a["category"],
                "category_name": _category_name(a["category"]),
                "qty": a["qty"],
                "unit": a["unit"],
                "unit_value": half_up(value, a["qty"]),
                "total_value": value,
                "acquired": acquired
                if isinstance(acquired, date)
                else date.fromisoformat(acquired),
                "place": places.get(a["place_id"]),
                "custodian": people.get(a["custodian_person_id"])
                or units.get(a["custodian_unit_id"]),
                "status": a["status"],
                "fixed": True,
                "funding": a["funding"],
                "invoice": a["invoice"],
                "spec": a["spec"],
                "life_years": life,
                "monthly": monthly,
                "accumulated": acc,
                "net_value": value - acc,
            }
        )
    return [
        (
            f"{code} {_category_name(code)}".strip(),
            groups[code],
            totals(groups[code], "name", "qty", "total_value", "accumulated", "net_value"),
        )
        for code in sorted(groups)
    ]


def summary(reader: Reader, by: str, day: date) -> list[dict[str, Any]]:
    """Cards, pieces, value, fixed-asset value and net value at `day`, by category,
    place, unit (the custodian unit, else the unit the place belongs to) or custodian."""
    if by not in SUMMARY_BY:
        raise InputError(
            _("Invalid --by {value!r}; choose one of: category, place, unit, custodian.").format(
                value=by
            )
        )
    now = day.year * 12 + day.month
    fixed, params = fixed_sql(reader)
    places, people, units = (_names(reader, t) for t in ("place", "person", "unit"))
    place_unit = dict(reader.rows("SELECT id, unit_id FROM place"))
    groups: dict[str, dict[str, Any]] = {}
    for category, qty, value, at, own, place, person, unit, is_fixed in reader.rows(
        f"SELECT category, qty, value_fen, {reader.month_index('acquired')}, life_years, "
        f"place_id, custodian_person_id, custodian_unit_id, CASE WHEN {fixed} THEN 1 ELSE 0 END "
        "FROM asset WHERE status != 'scrapped'",
        params,
    ):
        if by == "category":
            key = f"{category} {_category_name(category)}"
        elif by == "place":
            key = places.get(place) or "-"
        elif by == "custodian":
            key = people.get(person) or units.get(unit) or "-"
        else:
            key = units.get(unit or place_unit.get(place) or 0) or "-"
        g = groups.setdefault(
            key,
            {"group": key, "cards": 0, "qty": 0, "total_value": 0, "fixed_value": 0,
             "net_value": 0},
        )  # fmt: skip
        _monthly, acc = charges(value, life_of(category, own) if is_fixed else None, now - at)
        g["cards"] += 1
        g["qty"] += qty
        g["total_value"] += value
        g["fixed_value"] += value if is_fixed else 0
        g["net_value"] += value - acc
    return [groups[k] for k in sorted(groups)]


def depreciation_report(reader: Reader, month: str | None, category: str | None) -> Report:
    """`asset depreciation`: each card's charge for the month (default: this month)."""
    period = clock.parse_month(month) if month else clock.month_of(_today(reader))
    rows = depreciation.report(reader, period.start.year, period.start.month, category)
    footer = totals(rows, "name", "original_value", "monthly", "accumulated", "net_value")
    title = _("Depreciation {month}").format(month=period.label)
    return Report(title, columns(*DEPRECIATION), rows, footer=footer)


def register_report(reader: Reader) -> Report:
    """`asset register`: a section per category, the JSON document, and the grand total."""
    groups = register(reader, _today(reader))
    cols = columns(*REGISTER)
    sections = [Report(title, cols, rows, footer=sums) for title, rows, sums in groups]
    total = sum(t["total_value"] for _t, _r, t in groups)
    net = sum(t["net_value"] for _t, _r, t in groups)

    def document() -> dict[str, Any]:  # built only when JSON is asked for
        return {
            "categories": [
                {
                    "category": title,
                    "total_value": money.money_str(t["total_value"]),
                    "net_value": money.money_str(t["net_value"]),
                    "cards": [
                        {
                            **r,
                            **{k: money.money_str(r[k]) for k in MONEY},
                            "acquired": r["acquired"].isoformat(),
                        }
                        for r in rows
                    ],
                }
                for title, rows, t in groups
            ],
            "total_value": money.money_str(total),
            "net_value": money.money_str(net),
        }

    note = _("All fixed assets: {total}, net {net}.").format(
        total=money.format_money(total), net=money.format_money(net)
    )
    return Report(_("Fixed-asset register"), [], sections=sections, document=document, note=note)


def summary_report(reader: Reader, by: str) -> Report:
    """`asset summary`: cards, pieces, value and net value by one of SUMMARY_BY."""
    rows = summary(reader, by, _today(reader))
    footer = totals(rows, "group", "cards", "qty", "total_value", "fixed_value", "net_value")
    return Report(_("Asset summary"), columns(*SUMMARY), rows, footer=footer)
