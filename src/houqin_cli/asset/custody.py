"""Lending with IOUs (借条), damage and compensation (谁损坏谁赔偿), and scrapping
only after the 总务处's appraisal and an approval by someone else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset.cards import event, find_asset, require_here, split, today
from houqin_cli.asset.depreciation import net_value
from houqin_cli.asset.models import Asset, Damage, Loan
from houqin_cli.core import clock, journal, money, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding
from houqin_cli.people.models import Person, Unit
from houqin_cli.people.service import active_person, find_party


def pieces_of(asset: Asset, qty: str | None) -> int:
    from houqin_cli.asset.cards import whole_pieces

    pieces = whole_pieces(qty, asset.qty)
    if pieces > asset.qty:
        raise RuleError(
            _("{code} has only {qty} {unit}.").format(
                code=asset.code, qty=asset.qty, unit=asset.unit
            )
        )
    return pieces


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
    journal.append(
        session,
        "asset.lend",
        "asset_loan",
        entity_id=loan.id,
        code=loan.code,
        payload={"asset": target.code, "to": person.code, "qty": pieces, "due": due.isoformat()},
    )
    return loan


def find_loan(session: Session, text: str) -> Loan:
    t = text.strip().upper()
    loan = session.execute(select(Loan).where(func.upper(col(Loan.code)) == t)).scalars().first()
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


def iou(session: Session, code: str) -> dict[str, Any]:
    """What the borrower signs (借条)."""
    loan = find_loan(session, code)
    asset = session.get(Asset, loan.asset_id)
    person = session.get(Person, loan.person_id)
    assert asset is not None and person is not None
    return {
        "code": loan.code,
        "school": settings.raw(session, "school.name"),
        "borrower": person.name,
        "borrower_code": person.code,
        "asset_code": asset.code,
        "asset": asset.name,
        "spec": asset.spec,
        "qty": loan.qty,
        "unit": asset.unit,
        "value": asset.value_fen,
        "lent_on": loan.lent_on,
        "due": loan.due,
        "note": loan.note,
        "signature": "",
    }


def give_back(
    session: Session, actor: Actor, text: str, condition: str, note: str | None
) -> tuple[Loan, Damage | None]:
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
    asset = session.get(Asset, loan.asset_id)
    assert asset is not None
    day = today(session, actor)
    loan.returned_on, loan.condition = day, condition
    asset.status = "in_use"
    session.flush()
    event(session, actor, asset, "returned", day, loan.code, condition)
    damage = None
    if condition == "damaged":
        person = session.get(Person, loan.person_id)
        damage = _open_damage(
            session, actor, asset, "human", loan.qty, person, None, note, loan.code
        )
    session.flush()
    journal.append(
        session,
        "asset.return",
        "asset_loan",
        entity_id=loan.id,
        code=loan.code,
        payload={
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
    rows = []
    for loan in loans:
        asset, person = session.get(Asset, loan.asset_id), session.get(Person, loan.person_id)
        assert asset is not None and person is not None
        rows.append(
            {
                "code": loan.code,
                "asset_code": asset.code,
                "asset": asset.name,
                "qty": loan.qty,
                "borrower": person.name,
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


def _open_damage(
    session: Session,
    actor: Actor,
    asset: Asset,
    cause: str,
    qty: int,
    person: Person | None,
    unit: Unit | None,
    note: str | None,
    source: str | None,
    amount: int | None = None,
) -> Damage:
    day = today(session, actor)
    if amount is None and cause == "human":
        amount = money.round_fen(Decimal(net_value(session, asset, day)) * qty / asset.qty)
    damage = Damage(
        code=next_code(session, "SH", year=day.year, model=Damage),
        asset_id=asset.id or 0,
        date=day,
        cause=cause,
        qty=qty,
        by_person_id=person.id if person else None,
        by_unit_id=unit.id if unit else None,
        due_fen=(amount or 0) if cause == "human" else 0,
        source=source,
        note=note,
    )
    session.add(damage)
    session.flush()
    who = person.name if person else unit.name if unit else "-"
    event(
        session,
        actor,
        asset,
        "damaged",
        day,
        damage.code,
        f"{cause} {who} {money.format_money(damage.due_fen)}"
        if cause == "human"
        else _("natural: to repair"),
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
    if cause not in ("human", "natural"):
        raise InputError(
            _("Invalid --cause {value!r}; choose human or natural.").format(value=cause)
        )
    asset = find_asset(session, text)
    if asset.status == "scrapped":
        require_here(asset, _("damaged"))
    pieces = pieces_of(asset, qty)
    person: Person | None = None
    unit: Unit | None = None
    if by:
        party = find_party(session, by)
        person, unit = (None, party) if isinstance(party, Unit) else (party, None)
    if cause == "human" and person is None and unit is None:
        raise InputError(
            _("A human-caused damage names who caused it: --by PERSON|UNIT (谁损坏谁赔偿).")
        )
    fen = money.parse_money(amount) if amount is not None else None
    d = _open_damage(session, actor, asset, cause, pieces, person, unit, note, source, fen)
    session.flush()
    journal.append(
        session,
        "asset.damage",
        "asset_damage",
        entity_id=d.id,
        code=d.code,
        payload={
            "asset": asset.code,
            "cause": cause,
            "qty": pieces,
            "due": money.money_str(d.due_fen),
            "by": person.code if person else unit.code if unit else None,
            "source": source,
        },
    )
    return d


def compensate(session: Session, actor: Actor, code: str, amount: str, day: date) -> Damage:
    d = (
        session.execute(select(Damage).where(func.upper(col(Damage.code)) == code.strip().upper()))
        .scalars()
        .first()
    )
    if d is None:
        raise InputError(_("No damage record {code}.").format(code=code))
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
    d.paid_fen += fen
    asset = session.get(Asset, d.asset_id)
    assert asset is not None
    session.flush()
    event(session, actor, asset, "compensated", day, d.code, money.format_money(fen))
    session.flush()
    journal.append(
        session,
        "asset.compensate",
        "asset_damage",
        entity_id=d.id,
        code=d.code,
        payload={
            "amount": money.money_str(fen),
            "date": day.isoformat(),
            "owed": money.money_str(d.due_fen - d.paid_fen),
        },
    )
    return d


def damages(session: Session, open_only: bool) -> list[dict[str, Any]]:
    rows = []
    for d in session.execute(select(Damage).order_by(col(Damage.date), col(Damage.id))).scalars():
        owed = d.due_fen - d.paid_fen
        if open_only and not (d.cause == "human" and owed > 0):
            continue
        asset = session.get(Asset, d.asset_id)
        who = (
            session.get(Person, d.by_person_id)
            if d.by_person_id
            else session.get(Unit, d.by_unit_id)
            if d.by_unit_id
            else None
        )
        assert asset is not None
        rows.append(
            {
                "code": d.code,
                "date": d.date,
                "asset_code": asset.code,
                "asset": asset.name,
                "cause": d.cause,
                "qty": d.qty,
                "by": who.name if who else None,
                "due": d.due_fen,
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
