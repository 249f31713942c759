"""Lending with IOUs (借条), damage and compensation (谁损坏谁赔偿), and scrapping
only after the 总务处's appraisal and an approval by someone else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import (
    card,
    event,
    find_asset,
    pieces_of,
    require_here,
    split,
    today,
)
from houqin_cli.asset.history import net_value
from houqin_cli.asset.models import Asset, Damage, Loan
from houqin_cli.core import clock, journal, labels, money, names, notes, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding
from houqin_cli.people.service import (
    active_person,
    find_party,
    party_ids,
    person_names,
    unit_names,
)

COMPENSATION = "compensation"  # the income category of a compensation payment

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


def overdue(session: Session) -> list[dict[str, Any]]:
    today_ = clock.today(settings.timezone(session))
    loans = session.execute(
        select(Loan)
        .where(col(Loan.returned_on).is_(None), col(Loan.due) < today_)
        .order_by(col(Loan.due))
    ).scalars()
    people = person_names(session)
    rows = []
    for loan in loans:
        asset = card(session, loan.asset_id)
        rows.append(
            {
                "code": loan.code,
                "asset_code": asset.code,
                "asset": asset.name,
                "qty": loan.qty,
                "borrower": people.get(loan.person_id),
                "lent_on": loan.lent_on,
                "due": loan.due,
                "days_overdue": (today_ - loan.due).days,
            }
        )
    return rows


def overdue_check(session: Session) -> list[Finding]:
    return [
        Finding(
            "asset.overdue",
            "loan.overdue",
            _(
                "Loan {code}: {asset} ({asset_code}) lent to {borrower} was due {due}, {days} days ago."
            ).format(
                code=r["code"],
                asset=r["asset"],
                asset_code=r["asset_code"],
                borrower=r["borrower"],
                due=r["due"],
                days=r["days_overdue"],
            ),
            {"loan": r["code"], "asset": r["asset_code"], "due": r["due"].isoformat()},
        )
        for r in overdue(session)
    ]


# -- damage and compensation --------------------------------------------------------------


def open_damage(
    session: Session,
    actor: Actor,
    asset: Asset,
    cause: str,
    qty: int,
    who: tuple[int | None, int | None, str],
    note: str | None,
    source: str | None,
    amount: int | None = None,
) -> Damage:
    """A damage record and the card's event; `who` is (person id, unit id, name), or
    (None, None, "-") when no one caused it."""
    person_id, unit_id, name = who
    day = today(session, actor)
    if amount is None and cause == "human":
        amount = money.round_fen(Decimal(net_value(session, asset, day)) * qty / asset.qty)
    damage = Damage(
        code=next_code(session, "SH", year=day.year, model=Damage),
        asset_id=asset.id or 0,
        date=day,
        cause=cause,
        qty=qty,
        by_person_id=person_id,
        by_unit_id=unit_id,
        due_fen=(amount or 0) if cause == "human" else 0,
        source=source,
        note=note,
    )
    session.add(damage)
    session.flush()
    event(
        session,
        actor,
        asset,
        "damaged",
        day,
        damage.code,
        notes.coded("human_damage", cause=cause, by=name, amount=money.format_money(damage.due_fen))
        if cause == "human"
        else notes.coded("natural_repair"),
    )
    return damage


def damage(
    session: Session,
    actor: Actor,
    text: str,
    cause: str,
    by: str | None,
    qty: str | None,
    amount: str | None,
    note: str | None,
    source: str | None = None,
) -> Damage:
    cause = labels.lookup("damage_cause", cause) or cause
    if cause not in ("human", "natural"):
        raise InputError(
            _("Invalid --cause {value!r}; choose human or natural.").format(value=cause)
        )
    asset = find_asset(session, text)
    if asset.status == "scrapped":
        require_here(asset, _("damaged"))
    pieces = pieces_of(asset, qty)
    party = find_party(session, by) if by else None
    if cause == "human" and party is None:
        raise InputError(
            _("A human-caused damage names who caused it: --by PERSON|UNIT (谁损坏谁赔偿).")
        )
    who = (*party_ids(party), party.name) if party else (None, None, "-")
    fen = money.parse_money(amount) if amount is not None else None
    d = open_damage(session, actor, asset, cause, pieces, who, note, source, fen)
    session.flush()
    journal.record(
        session,
        "asset.damage",
        d,
        {
            "asset": asset.code,
            "cause": cause,
            "qty": pieces,
            "due": money.money_str(d.due_fen),
            "by": party.code if party else None,
            "source": source,
        },
    )
    return d


def compensate(
    session: Session, actor: Actor, code: str, amount: str, day: date
) -> tuple[Damage, str]:
    """A compensation payment against a human-caused damage, entered once: the money
    received is recorded as audit income (category `compensation`) in the same
    transaction. The damage and the income's code."""
    d: Damage = names.find_code(session, Damage, code, _("No damage record {code}."))
    if d.cause != "human":
        raise RuleError(
            _("{code} has a natural cause: nothing is owed, it goes to repair.").format(code=d.code)
        )
    fen = money.parse_money(amount)
    if fen <= 0:
        raise InputError(_("Invalid amount {text!r}: it must be more than ¥0.").format(text=amount))
    owed = d.due_fen - d.paid_fen
    if fen > owed:
        raise RuleError(
            _("{code} has {owed} still owed; {amount} is more than that.").format(
                code=d.code, owed=money.format_money(owed), amount=money.format_money(fen)
            )
        )
    asset = card(session, d.asset_id)
    income = _income(session, actor, d, asset, fen, day)  # its own journal entry, first
    d.paid_fen += fen
    session.flush()
    event(session, actor, asset, "compensated", day, d.code, money.format_money(fen))
    session.flush()
    journal.record(
        session,
        "asset.compensate",
        d,
        {
            "amount": money.money_str(fen),
            "date": day.isoformat(),
            "owed": money.money_str(d.due_fen - d.paid_fen),
            "income": income,
        },
    )
    return d, income


def _income(session: Session, actor: Actor, d: Damage, asset: Asset, fen: int, day: date) -> str:
    """The compensation as audit income (the audit group's service, loaded only here):
    from whoever caused the damage, noting the damage and the card."""
    from houqin_cli.audit.finance.budget import add_income

    payer = person_names(session).get(d.by_person_id or 0) or unit_names(session).get(
        d.by_unit_id or 0
    )
    inc = add_income(
        session,
        actor,
        source=payer or d.code,
        amount=money.money_str(fen),
        day=day,
        category_text=COMPENSATION,
        note=f"{d.code} {asset.code} {asset.name}",
    )
    return str(inc.code)


def damages(session: Session, open_only: bool) -> list[dict[str, Any]]:
    people, units = person_names(session), unit_names(session)
    rows = []
    for d in session.execute(select(Damage).order_by(col(Damage.date), col(Damage.id))).scalars():
        owed = d.due_fen - d.paid_fen
        if open_only and not (d.cause == "human" and owed > 0):
            continue
        asset = card(session, d.asset_id)
        rows.append(
            {
                "code": d.code,
                "date": d.date,
                "asset_code": asset.code,
                "asset": asset.name,
                "cause": d.cause,
                "qty": d.qty,
                "by": people.get(d.by_person_id or 0) or units.get(d.by_unit_id or 0),
                "amount_due": d.due_fen,
                "paid": d.paid_fen,
                "owed": owed,
                "source": d.source,
                "note": d.note,
            }
        )
    return rows


def unpaid_check(session: Session) -> list[Finding]:
    days = settings.get(session, "asset.compensation_days")
    today_ = clock.today(settings.timezone(session))
    return [
        Finding(
            "asset.compensation",
            "damage.unpaid",
            _("{code}: {owed} for {asset} still unpaid after {days} days.").format(
                code=r["code"],
                owed=money.format_money(r["owed"]),
                asset=r["asset"],
                days=(today_ - r["date"]).days,
            ),
            {"damage": r["code"], "owed": money.money_str(r["owed"])},
        )
        for r in damages(session, True)
        if (today_ - r["date"]).days > days
    ]
