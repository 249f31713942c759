"""Straight-line depreciation by month, no residual value, from the month after
acquisition, by the category's life (or the card's own `life_years`).

The monthly charge is the value divided by the months of life, rounded half up,
and the last month takes the remainder (CONVENTIONS), so the charges add up to
the value exactly and the net value is never negative. No charge for land,
books and archives, cultural relics, animals and plants, nor low-value items."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories
from houqin_cli.asset.models import Asset


def life_years(asset: Any) -> int | None:
    """The card's own life, else its category's; never for a category that is
    not depreciated (land, books, relics, animals and plants)."""
    cat = categories.BY_CODE.get(asset.category)
    if cat is not None and cat.life_years is None:
        return None
    return asset.life_years or (cat.life_years if cat else None)


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


def schedule(asset: Any, fixed: bool, year: int, month: int) -> dict[str, Any]:
    life = life_years(asset) if fixed else None
    if life is None:
        return {"life_years": None, "monthly": 0, "accumulated": 0, "net_value": asset.value_fen}
    months = life * 12
    k = elapsed_months(asset.acquired, year, month)
    acc = accumulated(asset.value_fen, months, k)
    monthly = acc - accumulated(asset.value_fen, months, k - 1)
    return {
        "life_years": life,
        "monthly": monthly,
        "accumulated": acc,
        "net_value": asset.value_fen - acc,
    }


def net_value(session: Session, asset: Asset, day: date) -> int:
    from houqin_cli.asset.cards import is_fixed

    return int(schedule(asset, is_fixed(session, asset), day.year, day.month)["net_value"])


def report(session: Session, year: int, month: int, category: str | None) -> list[dict[str, Any]]:
    from houqin_cli.asset.cards import fixed_test

    is_fixed = fixed_test(session)
    from houqin_cli.asset.cards import card_rows

    where = [col(Asset.status) != "scrapped"]
    if category:
        cat = categories.find(category)
        where.append((col(Asset.category) == cat.code) | col(Asset.category).startswith(cat.code))
    rows = []
    for a in card_rows(session, *where):
        if date(a.acquired.year, a.acquired.month, 1) > date(year, month, 1):
            continue
        fixed = is_fixed(a)
        rows.append(
            {
                "code": a.code,
                "name": a.name,
                "category": a.category,
                "fixed": fixed,
                "original_value": a.value_fen,
                **schedule(a, fixed, year, month),
            }
        )
    return rows
