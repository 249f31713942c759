"""Purchase inspection (进货查验, CY-2026-0001, 食品安全法 §50): a storeroom receipt of
food checked by two people, with its batch, production and expiry dates and the
supplier's licence; kept six months past shelf life and at least two years (the
reads are in inspect_reads)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.core import journal
from houqin_cli.core.codes import next_code
from houqin_cli.core.db import reader_of
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.meal.inspect_reads import food_categories, past_retention, receipt
from houqin_cli.meal.models import Inspection
from houqin_cli.people import service as people

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
