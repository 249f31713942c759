"""Straight-line depreciation by month, no residual value, from the month after
acquisition, by the category's life (or the card's own `life_years`).

The monthly charge is the value divided by the months of life, rounded half up,
and the last month takes the remainder (CONVENTIONS), so the charges add up to
the value exactly and the net value is never negative. No charge for land,
books and archives, cultural relics, animals and plants, nor low-value items: a
card is a fixed asset (fixed_test; fixed_sql, the same test in SQL) at or above the
threshold per piece, general or for special equipment.

`asset depreciation`, the register and the summary (reports.py) read every card
with plain SQL through `Ledger.reader()`, as it stood at the day asked
(history.py), and compute in integers: no ORM on their path."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from houqin_cli.asset import categories
from houqin_cli.core import money, settings

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
    monthly = half_up(value, months)
    if value - (months - 1) * monthly >= 0:
        return elapsed * monthly
    return half_up(value * elapsed, months)  # carried rounding: never negative


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, in integers (both non-negative):
    the same as money.round_fen on the exact quotient, without Decimal."""
    return (2 * numerator + denominator) // (2 * denominator)


def elapsed_months(acquired: date, year: int, month: int) -> int:
    return (year * 12 + month) - (acquired.year * 12 + acquired.month)


def charges(value: int, life: int | None, elapsed: int) -> tuple[int, int]:
    """(this month's charge, accumulated) after `elapsed` months of a `life`-year life."""
    if not life:
        return 0, 0
    months = life * 12
    acc = accumulated(value, months, elapsed)
    return acc - accumulated(value, months, elapsed - 1), acc


def schedule(asset: Any, fixed: bool, year: int, month: int) -> dict[str, Any]:
    """One card's figures at a month from its own value alone (no history): what
    benchmarks/generate_asset.py values its damages with."""
    life = life_years(asset) if fixed else None
    monthly, acc = charges(asset.value_fen, life, elapsed_months(asset.acquired, year, month))
    return {
        "life_years": life,
        "monthly": monthly,
        "accumulated": acc,
        "net_value": asset.value_fen - acc,
    }


def unit_value(asset: Asset) -> int:
    return money.divide(asset.value_fen, asset.qty) if asset.qty else 0


def fixed_test(session: Session) -> Any:
    """asset -> is it a fixed asset (固定资产): at or above the threshold per piece
    (general or special equipment); otherwise a low-value item. Reads the
    thresholds once."""
    general = settings.get(session, "asset.fixed_threshold_general")
    special = settings.get(session, "asset.fixed_threshold_special")

    def test(asset: Asset) -> bool:
        cat = categories.BY_CODE.get(asset.category)
        return bool(unit_value(asset) >= (special if cat and cat.special else general))

    return test


def is_fixed(session: Session, asset: Asset) -> bool:
    return bool(fixed_test(session)(asset))


# --------------------------------------------------------------------------- bulk reports


def fixed_sql(reader: Reader) -> tuple[str, dict[str, int]]:
    """fixed_test as a condition on the asset table, with its parameters: the
    value per piece, rounded half up, at or above its category's threshold (integer
    division on both backends)."""
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
