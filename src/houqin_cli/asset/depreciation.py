"""Straight-line depreciation by month, no residual value, from the month after
acquisition, by the category's life (or the card's own `life_years`).

The monthly charge is the value divided by the months of life, rounded half up,
and the last month takes the remainder (CONVENTIONS), so the charges add up to
the value exactly and the net value is never negative. No charge for land,
books and archives, cultural relics, animals and plants, nor low-value items.

The two reports over every card, `asset depreciation` and `asset register`
(固定资产明细账), read the cards with plain SQL through `Ledger.reader()` and
compute in integers: no ORM on their path, so 50,000 cards print in a fraction
of a second."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.asset import categories

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from houqin_cli.asset.models import Asset
    from houqin_cli.core.db import Reader


def life_years(asset: Any) -> int | None:
    """The card's own life, else its category's; never for a category that is
    not depreciated (land, books, relics, animals and plants)."""
    return life_of(asset.category, asset.life_years)


def life_of(category: str, own: int | None) -> int | None:
    cat = categories.BY_CODE.get(category)
    if cat is not None and cat.life_years is None:
        return None
    return own or (cat.life_years if cat else None)


def accumulated(value: int, months: int, elapsed: int) -> int:
    """Depreciation after `elapsed` of `months` monthly charges (closed form of
    money.split over the months)."""
    if elapsed <= 0 or months <= 0:
        return 0
    if elapsed >= months:
        return value
    monthly = _half_up(value, months)
    if value - (months - 1) * monthly >= 0:
        return elapsed * monthly
    return _half_up(value * elapsed, months)  # carried rounding: never negative


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, in integers (both non-negative):
    the same as money.round_fen on the exact quotient, without Decimal."""
    return (2 * numerator + denominator) // (2 * denominator)


def elapsed_months(acquired: date, year: int, month: int) -> int:
    return (year * 12 + month) - (acquired.year * 12 + acquired.month)


def _charges(value: int, life: int | None, elapsed: int) -> tuple[int, int]:
    """(this month's charge, accumulated) after `elapsed` months of a `life`-year life."""
    if not life:
        return 0, 0
    months = life * 12
    acc = accumulated(value, months, elapsed)
    return acc - accumulated(value, months, elapsed - 1), acc


def schedule(asset: Any, fixed: bool, year: int, month: int) -> dict[str, Any]:
    life = life_years(asset) if fixed else None
    monthly, acc = _charges(asset.value_fen, life, elapsed_months(asset.acquired, year, month))
    return {
        "life_years": life,
        "monthly": monthly,
        "accumulated": acc,
        "net_value": asset.value_fen - acc,
    }


def net_value(session: Session, asset: Asset, day: date) -> int:
    from houqin_cli.asset.cards import is_fixed

    return int(schedule(asset, is_fixed(session, asset), day.year, day.month)["net_value"])


# --------------------------------------------------------------------------- bulk reports


def _fixed_sql(reader: Reader) -> tuple[str, dict[str, int]]:
    """cards.fixed_test as a condition on the asset table, with its parameters: the
    value per piece, rounded half up, at or above its category's threshold (integer
    division on both backends)."""
    from houqin_cli.core import settings

    limits = settings.read(reader, "asset.fixed_threshold_general", "asset.fixed_threshold_special")
    special = ", ".join(f"'{c.code}'" for c in categories.CATEGORIES if c.special)
    return (
        "CASE WHEN qty > 0 THEN (2 * value_fen + qty) / (2 * qty) ELSE 0 END >= "
        f"CASE WHEN category IN ({special}) THEN :special ELSE :general END",
        {
            "general": limits["asset.fixed_threshold_general"],
            "special": limits["asset.fixed_threshold_special"],
        },
    )


def report(reader: Reader, year: int, month: int, category: str | None) -> list[dict[str, Any]]:
    """`asset depreciation`: every card on the books acquired by the month."""
    now = year * 12 + month
    acquired = reader.month_index("acquired")
    where = ""
    params: dict[str, Any] = {"now": now}
    if category:
        where = " AND category LIKE :prefix"
        params["prefix"] = categories.find(category).code + "%"
    fixed_sql, limits = _fixed_sql(reader)
    rows = []
    for code, name, cat_code, value, at, own, fixed in reader.rows(
        f"SELECT code, name, category, value_fen, {acquired}, life_years, "
        f"CASE WHEN {fixed_sql} THEN 1 ELSE 0 END FROM asset "
        f"WHERE status != 'scrapped' AND {acquired} <= :now{where} ORDER BY category, code",
        params | limits,
    ):
        fixed = bool(fixed)
        life = life_of(cat_code, own) if fixed else None
        monthly, acc = _charges(value, life, now - at)
        rows.append(
            {
                "code": code,
                "name": name,
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


# the asset columns the register reads
_CARD = (
    "code", "name", "category", "qty", "unit", "value_fen", "acquired", "place_id",
    "custodian_person_id", "custodian_unit_id", "status", "funding", "invoice", "spec",
    "life_years",
)  # fmt: skip


def _names(reader: Reader, table: str) -> dict[int, str]:
    return {rid: name for rid, name in reader.rows(f"SELECT id, name FROM {table}")}  # noqa: S608


def register(reader: Reader, day: date) -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """`asset register`: per category its fixed-asset cards with value and net value
    at `day`, and the category's totals."""
    from houqin_cli.core.i18n import _

    now = day.year * 12 + day.month
    fixed, params = _fixed_sql(reader)
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
        monthly, acc = _charges(value, life, now - at)
        cat = categories.BY_CODE.get(a["category"])
        groups.setdefault(a["category"], []).append(
            {
                "code": a["code"],
                "name": a["name"],
                "category": a["category"],
                "category_name": cat.name if cat else a["category"],
                "qty": a["qty"],
                "unit": a["unit"],
                "unit_value": _half_up(value, a["qty"]),
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
    out = []
    for code in sorted(groups):
        rows = groups[code]
        cat = categories.BY_CODE.get(code)
        totals = {
            "name": _("Total"),
            **{
                k: sum(r[k] for r in rows)
                for k in ("qty", "total_value", "accumulated", "net_value")
            },
        }
        out.append((f"{code} {cat.name if cat else ''}".strip(), rows, totals))
    return out
