"""Electricity violations (违规用电, WG-2026-0001) and their fines: owed by the unit or
person until paid; each payment is the audit group's income (category 罚款, source the
payer, the note naming the violation)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from houqin_cli.audit.finance import budget
from houqin_cli.core import journal, money, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people import service as people
from houqin_cli.safety.models import Violation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FINE_CATEGORY = "罚款"


def find(session: Session, code: str) -> Violation:
    found: Violation = names.find_code(
        session, Violation, code, _("No violation {code!r}; see `houqin safety violation list`.")
    )
    return found


def add(
    session: Session,
    *,
    place: str,
    what: str,
    by: str,
    unit: str | None,
    person: str | None,
    fine: str | None,
    day: date,
) -> Violation:
    if unit is not None and person is not None:
        raise InputError(_("Give --unit or --person, not both."))
    text = (what or "").strip()
    if not text:
        raise InputError(_("Say what was found: --what TEXT."))
    fen = money.parse_money(fine) if fine is not None else 0
    where = people.find_place(session, place)
    inspector = people.active_person_on(session, by, day)
    unit_id = people.find_unit(session, unit).id if unit is not None else None
    person_id = people.find_person(session, person).id if person is not None else None
    if fen and unit_id is None and person_id is None:
        raise InputError(_("A fine is owed by someone: give --unit UNIT or --person PERSON."))
    v = Violation(code=next_code(session, "WG", year=day.year, model=Violation), day=day,
                  place_id=where.id or 0, what=text, inspector_id=inspector.id or 0,
                  unit_id=unit_id, person_id=person_id, fine_fen=fen, paid_fen=0)  # fmt: skip
    session.add(v)
    session.flush()
    journal.record(session, "safety.violation.add", v,
                   {"date": day.isoformat(), "place_id": v.place_id, "what": text,
                    "inspector_id": v.inspector_id, "unit_id": unit_id, "person_id": person_id,
                    "fine": money.money_str(fen)})  # fmt: skip
    return v


def pay(session: Session, code: str, amount: str, day: date) -> tuple[Violation, str]:
    """Record a payment of the fine (all or part of what is owed) as income; returns the
    violation and the income's code."""
    v = find(session, code)
    fen = money.parse_money(amount)
    owed = v.fine_fen - v.paid_fen
    if owed <= 0:
        raise RuleError(_("{code} owes nothing.").format(code=v.code))
    if fen <= 0:
        raise InputError(_("A payment is more than ¥0.00."))
    if fen > owed:
        raise RuleError(
            _("{code} owes {owed}; a payment of {amount} is more than that.").format(
                code=v.code, owed=money.format_money(owed), amount=money.format_money(fen)
            )
        )
    if day < v.day:
        raise InputError(_("{day} is before the violation ({found}).").format(day=day, found=v.day))
    if v.unit_id is not None:
        payer: str = people.find_unit(
            session, _code(session, "unit", v.unit_id), current=False
        ).name
    else:
        payer = people.person_by_id(session, v.person_id or 0).name
    inc = budget.add_income(session, session.info["actor"], source=payer,
                            amount=money.money_str(fen), day=day, category_text=FINE_CATEGORY,
                            note=_("Fine for {code}").format(code=v.code))  # fmt: skip
    v.paid_fen += fen
    v.incomes = ",".join([*(v.incomes.split(",") if v.incomes else []), inc.code])
    session.flush()
    journal.record(session, "safety.violation.pay", v,
                   {"amount": money.money_str(fen), "date": day.isoformat(), "income": inc.code,
                    "paid": money.money_str(v.paid_fen)})  # fmt: skip
    return v, inc.code


def _code(session: Session, table: str, row_id: int) -> str:
    from sqlalchemy import text

    found: str = session.execute(
        text(f"SELECT code FROM {table} WHERE id = :i"),
        {"i": row_id},  # noqa: S608
    ).scalar_one()
    return found
