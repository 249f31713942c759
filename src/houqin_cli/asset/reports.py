"""`asset depreciation`, the 固定资产明细账 (`asset register`) and `asset summary
--by category|place|unit|custodian` as Reports: every card on the books, read with
plain SQL through `Ledger.reader()` (no ORM), valued with depreciation.py's integer
arithmetic."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.asset import book as h
from houqin_cli.asset import categories, history
from houqin_cli.asset.depreciation import half_up, life_of
from houqin_cli.core import clock, money, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import names_by_id
from houqin_cli.core.report import Report

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

SUMMARY_BY = ("category", "place", "unit", "custodian")
DEPRECIATION = (
    "code", "name", "category", "life_years", "original_value", "monthly", "accumulated",
    "net_value",
)  # fmt: skip
REGISTER = (
    "code", "name", "qty", "unit_value", "total_value", "acquired", "accumulated", "net_value",
    "place", "custodian",
)  # fmt: skip
SUMMARY = ("group", "cards", "qty", "unit", "total_value", "fixed_value", "net_value")
MONEY = ("unit_value", "total_value", "accumulated", "monthly", "net_value")


def totals(rows: list[dict[str, Any]], label: str, *keys: str) -> dict[str, Any]:
    """A listing's footer: "Total" under `label`, and the sums of `keys`; pieces (`qty`)
    only within one unit of measure (栋, 张 and 套 do not add up: blank when they differ)."""
    sums: dict[str, Any] = {label: _("Total")}
    for k in keys:
        if k == "qty":
            sums["qty"], sums["unit"] = qty_total(rows)
        else:
            sums[k] = sum(r[k] for r in rows)
    return sums


def qty_total(rows: list[dict[str, Any]]) -> tuple[int | None, str | None]:
    """The pieces of `rows` and their unit when they share one (a row's unit None: its
    own pieces are of several units); (None, None) otherwise."""
    units = {r["unit"] for r in rows}
    if not rows:
        return 0, None
    if len(units) != 1 or None in units:
        return None, None
    return sum(r["qty"] for r in rows), units.pop()


def _today(reader: Reader) -> date:
    return clock.today(settings.zone(reader))


def as_at(reader: Reader, at: str | None) -> date:
    """`--at DATE` (default: today) in the school's zone; a day after today is exit 2."""
    today = _today(reader)
    if not at:
        return today
    day = clock.parse_date(at, settings.zone(reader))
    if day > today:
        raise InputError(
            _(
                "--at {date} is after today ({today}): the register shows what stood; give today or an earlier day."
            ).format(date=day, today=today)
        )
    return day


def _category_name(code: str) -> str:
    cat = categories.BY_CODE.get(code)
    return cat.name if cat else code


def register(reader: Reader, day: date) -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """Per category its fixed-asset cards as they stood at `day`, with value and net
    value, and the category's totals."""
    now = day.year * 12 + day.month
    b = history.book(reader, day, (now - 1, now), full=True)
    places, people, units = (names_by_id(reader, t) for t in ("place", "person", "unit"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in b.on_books():
        if not b.fixed(r):
            continue
        value, acquired, cat = r[h.VALUE], r[h.ACQUIRED], r[h.CATEGORY]
        life = life_of(cat, r[h.LIFE])
        monthly, acc = b.charges(r, life, now)
        groups.setdefault(cat, []).append(
            {
                "code": r[h.CODE],
                "name": r[h.NAME],
                "category": cat,
                "category_name": _category_name(cat),
                "qty": r[h.QTY],
                "unit": r[h.UNIT],
                "unit_value": half_up(value, r[h.QTY]),
                "total_value": value,
                "acquired": acquired
                if isinstance(acquired, date)
                else date.fromisoformat(acquired),
                "place": places.get(r[h.PLACE]),
                "custodian": people.get(r[h.PERSON]) or units.get(r[h.UNIT_ID]),
                "status": r[h.STATUS],
                "fixed": True,
                "funding": r[h.FUNDING],
                "invoice": r[h.INVOICE],
                "spec": r[h.SPEC],
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
    """Cards, pieces, value, fixed-asset value and net value of the cards on the books at
    `day`, by category, place, unit (the custodian unit, else the unit the place belongs
    to) or custodian; pieces only where the group's cards share a unit of measure."""
    if by not in SUMMARY_BY:
        raise InputError(
            _("Invalid --by {value!r}; choose one of: category, place, unit, custodian.").format(
                value=by
            )
        )
    now = day.year * 12 + day.month
    b = history.book(reader, day, (now,), full=True)
    places, people, units = (names_by_id(reader, t) for t in ("place", "person", "unit"))
    place_unit = dict(reader.rows("SELECT id, unit_id FROM place"))
    groups: dict[str, dict[str, Any]] = {}
    for r in b.on_books():
        category, place, person, unit = r[h.CATEGORY], r[h.PLACE], r[h.PERSON], r[h.UNIT_ID]
        if by == "category":
            key = f"{category} {_category_name(category)}"
        elif by == "place":
            key = places.get(place) or "-"
        elif by == "custodian":
            key = people.get(person) or units.get(unit) or "-"
        else:
            key = units.get(unit or place_unit.get(place) or 0) or "-"
        g = groups.get(key)
        if g is None:
            g = groups[key] = {
                "group": key, "cards": 0, "qty": 0, "unit": r[h.UNIT], "total_value": 0,
                "fixed_value": 0, "net_value": 0,
            }  # fmt: skip
        is_fixed, value = b.fixed(r), r[h.VALUE]
        acc = b.acc(r, life_of(category, r[h.LIFE]) if is_fixed else None, now)
        g["cards"] += 1
        if g["unit"] == r[h.UNIT] and g["qty"] is not None:
            g["qty"] += r[h.QTY]
        else:
            g["qty"] = g["unit"] = None  # 栋, 张 and 套 are not added together
        g["total_value"] += value
        g["fixed_value"] += value if is_fixed else 0
        g["net_value"] += value - acc
    return [groups[k] for k in sorted(groups)]


def depreciation(
    reader: Reader, year: int, month: int, category: str | None
) -> list[dict[str, Any]]:
    """`asset depreciation`: every card on the books at the end of the month, at the
    value it had then (asset.history), with the month's charge."""
    now = year * 12 + month
    end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    b = history.book(reader, end, (now - 1, now))
    prefix = categories.find(category).code if category else None
    rows = []
    for r in b.on_books():
        cat_code = r[h.CATEGORY]
        if prefix and not cat_code.startswith(prefix):
            continue
        fixed = b.fixed(r)
        life = life_of(cat_code, r[h.LIFE]) if fixed else None
        monthly, acc = b.charges(r, life, now)
        value = r[h.VALUE]
        rows.append(
            {
                "code": r[h.CODE],
                "name": r[h.NAME],
                "category": cat_code,
                "fixed": fixed,
                "original_value": value,
                "life_years": life,
                "monthly": monthly,
                "accumulated": acc,
                "net_value": value - acc,
            }
        )
    return rows


def depreciation_report(reader: Reader, month: str | None, category: str | None) -> Report:
    """`asset depreciation`: each card's charge for the month (default: this month)."""
    period = clock.parse_month(month) if month else clock.month_of(_today(reader))
    rows = depreciation(reader, period.start.year, period.start.month, category)
    footer = totals(rows, "name", "original_value", "monthly", "accumulated", "net_value")
    title = _("Depreciation {month}").format(month=period.label)
    line = _("Period: {start} to {end}").format(start=period.start, end=period.end)
    return Report(title, columns(*DEPRECIATION), rows, footer=footer, period=line, signed=True)


def register_report(reader: Reader, at: str | None = None) -> Report:
    """`asset register [--at DATE]`: a section per category, the JSON document, and the
    grand total, as the register stood at the end of the day (default: today)."""
    day = as_at(reader, at)
    groups = register(reader, day)
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
    return Report(
        _("Fixed-asset register"),
        [],
        sections=sections,
        document=document,
        note=note,
        period=_("As of {date}").format(date=day),
        signed=True,
    )


def summary_report(reader: Reader, by: str, at: str | None = None) -> Report:
    """`asset summary [--at DATE]`: cards, pieces, value and net value by one of
    SUMMARY_BY, as the cards stood at the end of the day (default: today)."""
    rows = summary(reader, by, as_at(reader, at))
    footer = totals(rows, "group", "cards", "qty", "total_value", "fixed_value", "net_value")
    return Report(_("Asset summary"), columns(*SUMMARY), rows, footer=footer)
