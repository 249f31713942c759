"""What purchase inspection (进货查验) reads, in plain SQL on a `Reader` (no ORM): the
food categories, a receipt, the records past retention, the food receipts of a period
and the food on hand expiring (first in, first out)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import settings
from houqin_cli.core.clock import stored_date
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

KEEP_PAST_SHELF_LIFE = 183  # days: six months past the shelf life (食品安全法 §50)


def food_categories(reader: Reader) -> list[str]:
    text = settings.read(reader, "meal.food_categories")["meal.food_categories"]
    return [c.strip() for c in str(text).replace("，", ",").split(",") if c.strip()]


def receipt(reader: Reader, code: str) -> tuple[Any, ...]:
    """(id, code, date, expires, item name, category) of the stock receipt `code`."""
    found = reader.rows(
        "SELECT m.id, m.code, m.date, m.expires, i.name, i.category, m.kind FROM stock_movement m"
        " JOIN stock_item i ON i.id = m.item_id WHERE upper(m.code) = :code",
        {"code": code.strip().upper()},
    )
    if not found or found[0][6] != "receive":
        raise InputError(
            _("No storeroom receipt {code!r}; see `houqin stock movements`.").format(code=code)
        )
    i, c, d, exp, name, cat, _kind = found[0]
    return int(i), c, stored_date(d), stored_date(exp), name, cat


def kept_until(day: date, expires: date | None, years: int) -> date:
    """The last day an inspection record must be kept: six months past the shelf life,
    and at least `years` (meal.record_years) after the inspection."""
    try:
        least = day.replace(year=day.year + years)
    except ValueError:
        least = day.replace(year=day.year + years, day=28)
    if expires is not None:
        least = max(least, expires + timedelta(days=KEEP_PAST_SHELF_LIFE))
    return least


def past_retention(reader: Reader, today: date) -> list[tuple[int, str, date, date]]:
    """(id, code, day, kept until) of the inspection records past their retention."""
    years = settings.read(reader, "meal.record_years")["meal.record_years"]
    out = []
    for i, c, d, exp in reader.rows(
        "SELECT id, code, day, expires FROM meal_inspection ORDER BY code"
    ):
        day = stored_date(d) or date.min
        until = kept_until(day, stored_date(exp), years)
        if until < today:
            out.append((int(i), c, day, until))
    return out


def food_receipts(reader: Reader, start: date, end: date) -> list[tuple[Any, ...]]:
    """(code, date, expires, item, item on hand (milli), inspected) of food receipts in
    [start, end] not reversed."""
    cats = food_categories(reader)
    marks = ", ".join(f":c{i}" for i in range(len(cats))) or "NULL"
    params: dict[str, Any] = {f"c{i}": c for i, c in enumerate(cats)}
    params |= {"start": day_param(reader, start), "end": day_param(reader, end)}
    return [
        (c, stored_date(d), stored_date(exp), name, int(q), ins is not None)
        for c, d, exp, name, q, ins in reader.rows(
            "SELECT m.code, m.date, m.expires, i.name, i.qty_milli, x.id FROM stock_movement m"
            " JOIN stock_item i ON i.id = m.item_id"
            " LEFT JOIN meal_inspection x ON x.movement_id = m.id"
            f" WHERE m.kind = 'receive' AND i.category IN ({marks})"
            " AND m.date >= :start AND m.date <= :end"
            " AND m.id NOT IN (SELECT v.reverses_id FROM stock_movement v WHERE v.reverses_id IS NOT NULL)"
            " ORDER BY m.date, m.code",
            params,
        )
    ]


def expiring(reader: Reader, today: date, days: int) -> list[tuple[Any, ...]]:
    """(code, received, expires, item, on hand (milli)) of the food receipts still on
    hand (first in, first out: the newest receipts make up what is on hand) whose expiry
    (on the receipt or its inspection) is within `days` of today, or past."""
    cats = food_categories(reader)
    marks = ", ".join(f":c{i}" for i in range(len(cats))) or "NULL"
    params: dict[str, Any] = {f"c{i}": c for i, c in enumerate(cats)}
    until = today + timedelta(days=days)
    left: dict[int, int] = {}
    out = []
    for c, d, exp, name, item, q, held in reader.rows(
        "SELECT m.code, m.date, COALESCE(x.expires, m.expires), i.name, i.id, m.qty_delta,"
        " i.qty_milli FROM stock_movement m JOIN stock_item i ON i.id = m.item_id"
        " LEFT JOIN meal_inspection x ON x.movement_id = m.id"
        f" WHERE m.kind = 'receive' AND i.category IN ({marks}) AND i.qty_milli > 0"
        " AND m.id NOT IN (SELECT v.reverses_id FROM stock_movement v WHERE v.reverses_id IS NOT NULL)"
        " ORDER BY i.id, m.date DESC, m.id DESC",
        params,
    ):
        rest = left.setdefault(int(item), int(held))
        if rest <= 0:
            continue
        here = min(rest, int(q))
        left[int(item)] = rest - here
        expiry = stored_date(exp)
        if expiry is not None and expiry <= until:
            out.append((c, stored_date(d), expiry, name, here))
    return sorted(out, key=lambda r: (r[2], r[0]))
