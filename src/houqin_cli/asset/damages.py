"""Damage and compensation (谁损坏谁赔偿): a damage record per broken piece, split off
its card; compensation paid in full as income of the category `compensation`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from houqin_cli.asset.cards import (
    card,
    event,
    find_asset,
    pieces_of,
    require_here,
    today,
)
from houqin_cli.asset.history import net_value
from houqin_cli.asset.models import Asset, Damage
from houqin_cli.core import journal, labels, money, names, notes
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import (
    find_party,
    party_ids,
    person_names,
    unit_names,
)

COMPENSATION = "compensation"  # the income category of a compensation payment


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


def _repair(session: Session, asset: Asset, damage: Damage) -> None:
    """The repair order a natural damage opens (the repair group's service, loaded
    only here); accepting it marks the card repaired."""
    from houqin_cli.repair.orders import open_for_damage

    open_for_damage(
        session,
        what=asset.name,
        asset_id=asset.id or 0,
        place_id=asset.place_id,
        custodian_person_id=asset.custodian_person_id,
        custodian_unit_id=asset.custodian_unit_id,
        damage_id=damage.id or 0,
        note=damage.note,
    )


def repair_of(session: Session, damage: Damage) -> str | None:
    """The code of the repair order a natural damage opened (None for a human cause)."""
    if damage.cause != "natural":
        return None
    from houqin_cli.repair.orders import for_damage

    return for_damage(session, damage.id or 0)


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
    if cause == "natural":  # 自然损坏的要及时维修: a repair order for the card
        _repair(session, asset, d)
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
