"""Purchase inspection (进货查验, CY-2026-0001, 食品安全法 §50): a storeroom receipt of
food checked by two people, with its batch, production and expiry dates and the
supplier's licence; kept six months past shelf life and at least two years."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from houqin_cli.core import journal, settings
from houqin_cli.core.clock import stored_date
from houqin_cli.core.codes import next_code
from houqin_cli.core.db import reader_of
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.plain import day_param
from houqin_cli.meal.models import Inspection
from houqin_cli.people import service as people

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


def inspect(
    session: Session,
    code: str,
    by: list[str],
    *,
    batch: str | None,
    produced: date | None,
    expires: date | None,
    licence: str | None,
    rejects: list[str],
    today: date,
) -> Inspection:
    reader = reader_of(session)
    mid, rk, received, kept_expiry, item, category = receipt(reader, code)
    assert received is not None
    cats = food_categories(reader)
    if category not in cats:
        raise RuleError(
            _("{code} ({item}) is not food: its category {category} is not in "
              "meal.food_categories ({cats}).").format(
                code=rk, item=item, category=category or "-", cats=", ".join(cats))
        )  # fmt: skip
    if reader.rows("SELECT code FROM meal_inspection WHERE movement_id = :m", {"m": mid}):
        raise RuleError(_("{code} has already been inspected.").format(code=rk))
    if len(by) != 2:
        raise InputError(_("An inspection is signed by two people: --by A --by B."))
    first = people.active_person_on(session, by[0], received)
    second = people.active_person_on(session, by[1], received)
    if first.id == second.id:
        raise RuleError(
            _("{name} is named twice: acceptance is by two different people.").format(
                name=first.name
            )
        )
    expiry = expires or kept_expiry
    if produced is not None and produced > received:
        raise InputError(
            _("--produced {day} is after the receipt ({received}).").format(
                day=produced, received=received
            )
        )
    if expiry is not None and expiry < received:
        raise RuleError(
            _("{item} expired on {day}, before it was received ({received}): expired food is "
              "refused (食品安全法 §50).").format(item=item, day=expiry, received=received)
        )  # fmt: skip
    if expiry is not None and expiry < today:
        raise RuleError(
            _("{item} expired on {day}: expired food is refused (食品安全法 §50).").format(
                item=item, day=expiry
            )
        )
    lines = []
    for text in rejects:
        what, sep, why = text.partition("=")
        if not sep or not what.strip() or not why.strip():
            raise InputError(_("--reject is ITEM=reason: --reject 鸡蛋=破损."))
        lines.append(f"{what.strip()}={why.strip()}")
    row = Inspection(
        code=next_code(session, "CY", year=today.year, model=Inspection),
        movement_id=mid, day=today, first_id=first.id or 0, second_id=second.id or 0,
        batch=(batch or "").strip() or None, produced=produced, expires=expiry,
        licence=(licence or "").strip() or None, rejects="\n".join(lines) or None,
    )  # fmt: skip
    session.add(row)
    session.flush()
    journal.record(
        session, "meal.inspect", row,
        {"receipt": rk, "by": [first.id, second.id], "batch": row.batch,
         "produced": produced.isoformat() if produced else None,
         "expires": expiry.isoformat() if expiry else None, "licence": row.licence,
         "rejects": lines},
    )  # fmt: skip
    return row


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


def purge(session: Session, today: date) -> list[str]:
    """Delete the inspection records past retention (none inside it); journalled."""
    found = past_retention(reader_of(session), today)
    if not found:
        return []
    for i, *_rest in found:
        session.delete(session.get(Inspection, i))  # through the ORM: the journal sees it go
    journal.append(
        session, "meal.records.purge", "meal_inspection",
        payload={"codes": [c for _i, c, *_r in found], "day": today.isoformat()},
    )  # fmt: skip
    return [c for _i, c, *_r in found]


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
            " AND NOT EXISTS (SELECT 1 FROM stock_movement v WHERE v.reverses_id = m.id)"
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
        " AND NOT EXISTS (SELECT 1 FROM stock_movement v WHERE v.reverses_id = m.id)"
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
