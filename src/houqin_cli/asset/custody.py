"""Lending with IOUs (借条): loans, returns and the overdue check (damage and
compensation are in damages.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import (
    card,
    event,
    find_asset,
    pieces_of,
    require_here,
    today,
)
from houqin_cli.asset.damages import open_damage
from houqin_cli.asset.models import Damage, Loan
from houqin_cli.asset.moves import split
from houqin_cli.core import journal, labels, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import (
    active_person,
    person_names,
)

# -- loans ----------------------------------------------------------------------------


def lend(
    session: Session, actor: Actor, text: str, to: str, due: date, qty: str | None, note: str | None
) -> Loan:
    asset = find_asset(session, text)
    require_here(asset, _("lent"))
    person = active_person(session, to)
    day = today(session, actor)
    if due < day:
        raise InputError(_("The due date {due} is already past.").format(due=due))
    pieces = pieces_of(asset, qty)
    target = split(session, actor, asset, pieces, day)
    target.status = "on_loan"
    loan = Loan(
        code=next_code(session, "JC", year=day.year, model=Loan),
        asset_id=target.id or 0,
        qty=pieces,
        person_id=person.id or 0,
        lent_on=day,
        due=due,
        note=note,
    )
    session.add(loan)
    session.flush()
    event(session, actor, target, "lent", day, loan.code, f"{person.name} → {due}")
    session.flush()
    journal.record(
        session,
        "asset.lend",
        loan,
        {"asset": target.code, "to": person.code, "qty": pieces, "due": due.isoformat()},
    )
    return loan


def find_loan(session: Session, text: str) -> Loan:
    loan: Loan | None = names.by_code(session, Loan, text)
    if loan is not None:
        return loan
    asset = find_asset(session, text)
    loan = (
        session.execute(
            select(Loan).where(col(Loan.asset_id) == asset.id, col(Loan.returned_on).is_(None))
        )
        .scalars()
        .first()
    )
    if loan is None:
        raise RuleError(
            _("{code} {name} is not out on loan.").format(code=asset.code, name=asset.name)
        )
    return loan


def give_back(
    session: Session, actor: Actor, text: str, condition: str, note: str | None
) -> tuple[Loan, Damage | None]:
    condition = labels.lookup("condition", condition) or condition
    if condition not in ("ok", "damaged"):
        raise InputError(
            _("Invalid --condition {value!r}; choose ok or damaged.").format(value=condition)
        )
    loan = find_loan(session, text)
    if loan.returned_on is not None:
        raise RuleError(
            _("Loan {code} was already returned on {date}.").format(
                code=loan.code, date=loan.returned_on
            )
        )
    asset = card(session, loan.asset_id)
    day = today(session, actor)
    loan.returned_on, loan.condition = day, condition
    asset.status = "in_use"
    session.flush()
    event(session, actor, asset, "returned", day, loan.code, condition)
    damage = None
    if condition == "damaged":
        who = (loan.person_id, None, person_names(session)[loan.person_id])
        damage = open_damage(session, actor, asset, "human", loan.qty, who, note, loan.code)
    session.flush()
    journal.record(
        session,
        "asset.return",
        loan,
        {
            "asset": asset.code,
            "condition": condition,
            "damage": damage.code if damage else None,
        },
    )
    return loan, damage
