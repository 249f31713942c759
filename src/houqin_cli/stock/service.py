"""The storeroom's movements: receipts, issues, returns, reversals (红冲) and the
stocktake's gains and losses, each valued by `valuation` and journalled."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, journal, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import (
    active_person,
    approver,
    find_party,
    party_ids,
    registered_ids,
)
from houqin_cli.stock.draws import returns_stand, within_drawn
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.valuation import post, qty_text
from houqin_cli.stock.vocab import WHAT

PREFIX = {"receive": "RK", "issue": "CK", "return": "TK", "void": "HC", "gain": "PY", "loss": "PK"}


def find_item(session: Session, text: str) -> StockItem:
    found: StockItem = names.resolve(session, StockItem, text, _(WHAT))
    return found


def reversed_by(session: Session, m: StockMovement) -> str | None:
    """The code of the movement that reversed `m` (红冲); None while it stands."""
    q = select(col(StockMovement.code)).where(col(StockMovement.reverses_id) == m.id)
    code: str | None = session.execute(q).scalar()
    return code


def received(session: Session, code: str) -> tuple[str, int, bool, str | None] | None:
    """The stock receipt with this code (any case): its code, value in fen, whether it
    was reversed, and its supplier (None when none was given); None when there is no
    stock receipt of that code."""
    m = names.by_code(session, StockMovement, code)
    if m is None or m.kind != "receive":
        return None
    supplier = (m.supplier or "").strip() or None
    return m.code, m.value_delta, reversed_by(session, m) is not None, supplier


def positive_qty(text: str) -> int:
    milli = money.qty_to_milli(money.parse_qty(text))
    if milli <= 0:
        raise InputError(
            _("Invalid quantity {text!r}: it must be more than zero.").format(text=text)
        )
    return milli


def check_open_date(session: Session, day: date) -> None:
    """Refuse a movement dated in a month closed by stock.closed_through (exit 3)."""
    closed = settings.raw(session, "stock.closed_through")
    if closed and day <= clock.parse_month(closed).end:
        raise RuleError(
            _(
                "The books are closed through {month} (stock.closed_through): a movement "
                "dated {day} cannot be entered; date it later or reopen the month."
            ).format(month=closed, day=day)
        )


def _movement(
    session: Session,
    actor: Actor,
    item: StockItem,
    kind: str,
    day: date,
    qty_delta: int,
    **fields: Any,
) -> StockMovement:
    check_open_date(session, day)
    return StockMovement(
        code=next_code(session, PREFIX[kind], year=day.year, model=StockMovement),
        kind=kind,
        item_id=item.id or 0,
        date=day,
        qty_delta=qty_delta,
        value_delta=fields.pop("value_delta", 0),
        operator=actor.operator,
        recorded_at=clock.iso_utc(actor.now),
        **fields,
    )


def party_fields(party: Any) -> dict[str, int | None]:
    """The movement's column for who draws or returns: a unit (unit_id) or a person
    (person_id), as `people.service.find_party` found it."""
    person_id, unit_id = party_ids(party)
    return {"unit_id": unit_id} if unit_id is not None else {"person_id": person_id}


def _journal(
    session: Session,
    m: StockMovement,
    item: StockItem,
    reverses_seq: int | None = None,
    **extra: Any,
) -> None:
    payload = {
        "kind": m.kind,
        "item": item.code,
        "date": m.date.isoformat(),
        "quantity": money.qty_str(money.milli_to_qty(m.qty_delta)),
        "value": money.money_str(m.value_delta),
        **extra,
    }
    journal.record(session, f"stock.{m.kind}", m, payload, reverses=reverses_seq)


# -- movements -------------------------------------------------------------------------


def receive(
    session: Session,
    actor: Actor,
    item_text: str,
    qty: str,
    *,
    price: str | None = None,
    amount: str | None = None,
    supplier: str | None = None,
    day: date,
    note: str | None = None,
    expires: date | None = None,
) -> StockMovement:
    if (price is None) == (amount is None):
        raise InputError(_("Give either --price (per unit) or --amount (the total), not both."))
    milli = positive_qty(qty)
    item = find_item(session, item_text)
    if not item.active:
        raise RuleError(
            _("{item} is retired; nothing more can be received.").format(item=item.name)
        )
    if price is not None:
        price_fen = money.parse_money(price)
        value = money.check_total(money.times(price_fen, money.milli_to_qty(milli)))
    else:
        price_fen = None
        value = money.parse_money(str(amount))
    if expires is not None and expires < day:
        raise RuleError(
            _(
                "{item} expired on {expires}, before it was received ({day}): expired food "
                "is refused (食品安全法 §50)."
            ).format(item=item.name, expires=expires, day=day)
        )
    m = _movement(
        session,
        actor,
        item,
        "receive",
        day,
        milli,
        value_delta=value,
        price_fen=price_fen,
        supplier=(supplier or "").strip() or None,
        note=note,
        expires=expires,
    )
    post(session, item, m)
    if expires is not None:
        _journal(session, m, item, supplier=m.supplier, expires=expires.isoformat())
    else:
        _journal(session, m, item, supplier=m.supplier)
    return m


def issue(
    session: Session,
    actor: Actor,
    item_text: str,
    qty: str,
    *,
    to: str,
    by: str | None = None,
    old_returned: str | None = None,
    no_old: str | None = None,
    approved_by: str | None = None,
    day: date,
    note: str | None = None,
) -> StockMovement:
    if old_returned is not None and no_old is not None:
        raise InputError(
            _(
                "--old-returned and --no-old contradict each other: give --old-returned N when "
                "the old ones came back, or --no-old REASON --approved-by PERSON when they did not."
            )
        )
    if approved_by and no_old is None:
        raise InputError(
            _(
                "--approved-by approves an issue without the old ones back: give it with --no-old REASON."
            )
        )
    milli = positive_qty(qty)
    item = find_item(session, item_text)
    party = find_party(session, to)
    handler = active_person(session, by) if by else None
    old = money.qty_to_milli(money.parse_qty(old_returned)) if old_returned is not None else None
    approved = None
    if no_old is not None:
        if not no_old.strip():
            raise InputError(_("--no-old needs a reason, such as 'first issue to a new class'."))
        if not approved_by:
            raise RuleError(
                _(
                    "Issuing {item} without the old ones back needs an approver: add --approved-by PERSON."
                ).format(item=item.name)
            )
        approved = approver(
            session,
            approved_by,
            # who records it, who hands it out and who draws it
            excluding=(*registered_ids(session, [actor.operator]), handler.id if handler else None,
                       party_ids(party)[0]),
            what=_("the issue of {item} without the old ones back").format(item=item.name),
        )  # fmt: skip
    if old is not None and old > milli:
        raise InputError(
            _("More old ones returned ({old}) than new ones issued ({new}).").format(
                old=qty_text(old, item), new=qty_text(milli, item)
            )
        )
    if item.durable and (old or 0) < milli and no_old is None:
        raise RuleError(
            _(
                "{item} is a durable item: a new one is issued only against the old one returned "
                "(非易损耗品领新交旧). {new} issued but {old} returned; give --old-returned {n}, "
                "or --no-old REASON --approved-by PERSON."
            ).format(
                item=item.name,
                new=qty_text(milli, item),
                old=qty_text(old or 0, item),
                n=money.qty_str(money.milli_to_qty(milli)),
            )
        )
    m = _movement(
        session,
        actor,
        item,
        "issue",
        day,
        -milli,
        by_id=handler.id if handler else None,
        old_returned_milli=old,
        no_old_reason=no_old.strip() if no_old else None,
        approved_by_id=approved.id if approved else None,
        note=note,
        **party_fields(party),
    )
    post(session, item, m)
    _journal(
        session,
        m,
        item,
        to=party.code,
        by=handler.code if handler else None,
        old_returned=money.qty_str(money.milli_to_qty(old)) if old is not None else None,
        no_old=m.no_old_reason,
        approved_by=approved.code if approved else None,
    )
    return m


def give_back(
    session: Session,
    actor: Actor,
    item_text: str,
    qty: str,
    *,
    from_: str,
    day: date,
    note: str | None = None,
) -> StockMovement:
    """`stock return`: unused goods back in, at the current average cost."""
    milli = positive_qty(qty)
    item = find_item(session, item_text)
    party = find_party(session, from_)
    within_drawn(session, item, party_fields(party), party.name, milli, day)
    m = _movement(session, actor, item, "return", day, milli, note=note, **party_fields(party))
    post(session, item, m)
    _journal(session, m, item, returned_by=party.code)
    return m


def void(session: Session, actor: Actor, code: str, reason: str, day: date) -> StockMovement:
    """红冲: a new movement that reverses a receipt, issue or return."""
    if not reason.strip():
        raise InputError(_("A reversal needs a reason: --reason TEXT."))
    original = names.by_code(session, StockMovement, code)
    if original is None:
        raise InputError(_("No stock movement {code}.").format(code=code))
    if original.kind not in ("receive", "issue", "return"):
        raise RuleError(
            _("{code} is a {kind}; only receipts, issues and returns can be reversed.").format(
                code=original.code, kind=original.kind
            )
        )
    done = reversed_by(session, original)
    if done:
        raise RuleError(
            _("{code} was already reversed by {by}.").format(code=original.code, by=done)
        )
    item = session.get(StockItem, original.item_id)
    assert item is not None
    on = max(day, original.date)
    if original.kind == "issue" and (original.unit_id or original.person_id):
        returns_stand(session, original, item, on)
    m = _movement(
        session,
        actor,
        item,
        "void",
        on,
        -original.qty_delta,
        value_delta=-original.value_delta,
        reverses_id=original.id,
        note=reason.strip(),
        unit_id=original.unit_id,
        person_id=original.person_id,
    )
    post(session, item, m)
    entries = journal.entries_for(session, [original.code])  # the first is what is reversed
    seq = entries[0].seq if entries else None
    _journal(session, m, item, reverses=original.code, reason=reason.strip(), reverses_seq=seq)
    return m


def adjust(
    session: Session, actor: Actor, item: StockItem, diff: int, day: date, count_id: int, note: str
) -> StockMovement:
    """A stocktake difference: a gain (盘盈) or a loss (盘亏)."""
    kind = "gain" if diff > 0 else "loss"
    m = _movement(session, actor, item, kind, day, diff, count_id=count_id, note=note)
    post(session, item, m)
    _journal(session, m, item)
    return m
