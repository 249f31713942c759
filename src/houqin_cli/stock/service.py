"""Items and movements of the storeroom, valued by the moving weighted average.

The item keeps its quantity (milli) and value (fen) on hand; the average is
always value / quantity. An outgoing movement is valued quantity x average,
rounded half up to the fen, and taking the last of an item takes exactly the
value left, so a zero quantity always has zero value. A movement dated before
later ones re-values those later movements in order (`_replay`), so balances
at any date follow from the movements alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, journal, money, names, settings
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.journal import Actor
from houqin_cli.people.models import Person, Unit
from houqin_cli.people.service import active_person, find_party
from houqin_cli.stock.models import StockItem, StockMovement

WHAT = N_("item")
IN_KINDS = ("receive", "return", "gain")
KINDS = ("receive", "issue", "return", "void", "gain", "loss")
PREFIX = {"receive": "RK", "issue": "CK", "return": "TK", "void": "HC", "gain": "PY", "loss": "PK"}


def find_item(session: Session, text: str) -> StockItem:
    found: StockItem = names.resolve(session, StockItem, text, _(WHAT))
    return found


def qty_text(milli: int, item: StockItem) -> str:
    return f"{money.qty_str(money.milli_to_qty(milli))} {item.unit}"


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


# -- valuation -----------------------------------------------------------------------


@dataclass
class Position:
    """Quantity and value on hand of one item at some point of its ledger."""

    qty: int
    value: int

    def out_value(self, milli: int) -> int:
        """The value of `milli` going out: the average, or all that is left."""
        if milli >= self.qty:
            return self.value
        return money.round_fen(Decimal(self.value) * milli / self.qty)

    def in_value_at_average(self, milli: int) -> int | None:
        if self.qty <= 0:
            return None
        return money.round_fen(Decimal(self.value) * milli / self.qty)


def _last_issue_cost(
    session: Session, item_id: int, before: tuple[date, int] | None
) -> tuple[int, int] | None:
    """(value, milli) of the last issue of the item before a position in its ledger
    (`before` None: the last of all)."""
    q = select(col(StockMovement.value_delta), col(StockMovement.qty_delta)).where(
        col(StockMovement.item_id) == item_id, col(StockMovement.kind) == "issue"
    )
    if before is not None:
        q = q.where(
            (col(StockMovement.date) < before[0])
            | ((col(StockMovement.date) == before[0]) & (col(StockMovement.id) < before[1]))
        )
    row = session.execute(
        q.order_by(col(StockMovement.date).desc(), col(StockMovement.id).desc()).limit(1)
    ).first()
    return (-row[0], -row[1]) if row else None


def _value(session: Session, item: StockItem, m: StockMovement, pos: Position) -> None:
    """Set the value of movement `m` from the position before it (receipts keep theirs)."""
    n = abs(m.qty_delta)
    if m.kind == "receive":
        return
    if m.kind == "void":
        original = session.get(StockMovement, m.reverses_id)
        assert original is not None
        m.value_delta = -original.value_delta
        return
    if m.qty_delta < 0:  # issue, loss
        if n > pos.qty:
            raise RuleError(
                _(
                    "Not enough {item} on {day}: {have} on hand, {want} wanted. "
                    "Receive more first, or issue less."
                ).format(
                    item=item.name, day=m.date, have=qty_text(pos.qty, item), want=qty_text(n, item)
                )
            )
        m.value_delta = -pos.out_value(n)
        return
    m.value_delta = _inbound_value(session, item, n, pos, (m.date, m.id or 0), m.kind)


def _inbound_value(
    session: Session,
    item: StockItem,
    n: int,
    pos: Position,
    before: tuple[date, int] | None,
    kind: str,
) -> int:
    """Goods coming back in (a return, a stocktake gain): at the average on hand;
    with none on hand, at the cost of the last issue; a gain of what was never
    issued, at zero."""
    value = pos.in_value_at_average(n)
    if value is not None:
        return value
    last = _last_issue_cost(session, item.id or 0, before)
    if last is not None:
        return money.round_fen(Decimal(last[0]) * n / last[1])
    if kind == "gain":
        return 0
    raise RuleError(
        _("{item} has never been issued, so nothing can be returned.").format(item=item.name)
    )


def adjustment_value(session: Session, item: StockItem, diff: int) -> int:
    """What a stocktake difference of `diff` (milli) is worth now, as closing posts it."""
    pos = Position(item.qty_milli, item.value_fen)
    if diff < 0:
        return -pos.out_value(-diff)
    return _inbound_value(session, item, diff, pos, None, "gain")


def _apply(item: StockItem, m: StockMovement, pos: Position) -> None:
    pos.qty += m.qty_delta
    pos.value += m.value_delta
    if pos.qty < 0:
        raise RuleError(
            _("This would leave {item} at {qty} on {day}; stock cannot go below zero.").format(
                item=item.name, qty=qty_text(pos.qty, item), day=m.date
            )
        )
    if pos.qty == 0 and pos.value != 0 or pos.value < 0:
        raise RuleError(
            _(
                "This would leave {item} worth {value} for {qty} on {day}; reverse or "
                "adjust the later movements first."
            ).format(
                item=item.name,
                value=money.format_money(pos.value),
                qty=qty_text(pos.qty, item),
                day=m.date,
            )
        )


def _position_before(session: Session, item_id: int, day: date) -> Position:
    q, v = session.execute(
        select(
            func.coalesce(func.sum(col(StockMovement.qty_delta)), 0),
            func.coalesce(func.sum(col(StockMovement.value_delta)), 0),
        ).where(col(StockMovement.item_id) == item_id, col(StockMovement.date) < day)
    ).one()
    return Position(int(q), int(v))


def post(session: Session, item: StockItem, m: StockMovement) -> StockMovement:
    """Value and add a new movement, re-valuing any later ones; update the item."""
    later = session.execute(
        select(col(StockMovement.id))
        .where(col(StockMovement.item_id) == item.id, col(StockMovement.date) > m.date)
        .limit(1)
    ).first()
    session.add(m)
    if later is None:  # the usual case: the newest movement of the item
        pos = Position(item.qty_milli, item.value_fen)
        session.flush()
        _value(session, item, m, pos)
        _apply(item, m, pos)
    else:
        session.flush()
        pos = _replay(session, item, m.date)
    item.qty_milli, item.value_fen = pos.qty, pos.value
    session.flush()
    return m


def _replay(session: Session, item: StockItem, start: date) -> Position:
    """Re-value the item's movements from `start` on, in ledger order."""
    pos = _position_before(session, item.id or 0, start)
    movements = session.execute(
        select(StockMovement)
        .where(col(StockMovement.item_id) == item.id, col(StockMovement.date) >= start)
        .order_by(col(StockMovement.date), col(StockMovement.id))
    ).scalars()
    for m in movements:
        _value(session, item, m, pos)
        _apply(item, m, pos)
    return pos


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


def _party_fields(party: Unit | Person) -> dict[str, int | None]:
    if isinstance(party, Unit):
        return {"unit_id": party.id}
    return {"person_id": party.id}


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
    journal.append(
        session,
        f"stock.{m.kind}",
        "stock_movement",
        entity_id=m.id,
        code=m.code,
        payload=payload,
        reverses=reverses_seq,
    )


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
    )
    post(session, item, m)
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
    milli = positive_qty(qty)
    item = find_item(session, item_text)
    party = find_party(session, to)
    handler = active_person(session, by) if by else None
    old = money.qty_to_milli(money.parse_qty(old_returned)) if old_returned is not None else None
    approver = None
    if no_old is not None:
        if not no_old.strip():
            raise InputError(_("--no-old needs a reason, such as 'first issue to a new class'."))
        if not approved_by:
            raise RuleError(
                _(
                    "Issuing {item} without the old ones back needs an approver: add --approved-by PERSON."
                ).format(item=item.name)
            )
        approver = active_person(session, approved_by)
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
        approved_by_id=approver.id if approver else None,
        note=note,
        **_party_fields(party),
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
        approved_by=approver.code if approver else None,
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
    m = _movement(session, actor, item, "return", day, milli, note=note, **_party_fields(party))
    post(session, item, m)
    _journal(session, m, item, returned_by=party.code)
    return m


def void(session: Session, actor: Actor, code: str, reason: str, day: date) -> StockMovement:
    """红冲: a new movement that reverses a receipt, issue or return."""
    if not reason.strip():
        raise InputError(_("A reversal needs a reason: --reason TEXT."))
    original = (
        session.execute(
            select(StockMovement).where(func.upper(col(StockMovement.code)) == code.strip().upper())
        )
        .scalars()
        .first()
    )
    if original is None:
        raise InputError(_("No stock movement {code}.").format(code=code))
    if original.kind not in ("receive", "issue", "return"):
        raise RuleError(
            _("{code} is a {kind}; only receipts, issues and returns can be reversed.").format(
                code=original.code, kind=original.kind
            )
        )
    done = session.execute(
        select(col(StockMovement.code)).where(col(StockMovement.reverses_id) == original.id)
    ).scalar()
    if done:
        raise RuleError(
            _("{code} was already reversed by {by}.").format(code=original.code, by=done)
        )
    item = session.get(StockItem, original.item_id)
    assert item is not None
    m = _movement(
        session,
        actor,
        item,
        "void",
        max(day, original.date),
        -original.qty_delta,
        value_delta=-original.value_delta,
        reverses_id=original.id,
        note=reason.strip(),
        unit_id=original.unit_id,
        person_id=original.person_id,
    )
    post(session, item, m)
    seq = session.execute(
        select(col(journal.Journal.seq))
        .where(col(journal.Journal.code) == original.code)
        .order_by(col(journal.Journal.seq))
        .limit(1)
    ).scalar()
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
