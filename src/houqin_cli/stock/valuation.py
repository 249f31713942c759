"""The moving weighted average: how each movement of an item is valued.

The item keeps its quantity (milli) and value (fen) on hand; the average is
always value / quantity. An outgoing movement is valued quantity x average,
rounded half up to the fen, and taking the last of an item takes exactly the
value left, so a zero quantity always has zero value. A movement dated before
later ones re-values those later movements in order (`_replay`), so balances
at any date follow from the movements alone.

A movement dated after today (a ledger may hold one from before such dates were
refused) is not on hand yet: `on_hand` leaves it out, and while it is replayed it
may not refuse what happens today (`post` values it leniently)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, money, settings
from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.stock.models import StockItem, StockMovement


def qty_text(milli: int, item: StockItem) -> str:
    return f"{money.qty_str(money.milli_to_qty(milli))} {item.unit}"


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


def value_movement(
    session: Session, item: StockItem, m: StockMovement, pos: Position, ahead: bool = False
) -> None:
    """Set the value of movement `m` from the position before it (receipts keep theirs).
    `ahead`: `m` is dated after today and takes no more than is left rather than refuse."""
    n = abs(m.qty_delta)
    if m.kind == "receive":
        return
    if m.kind == "void":
        original = session.get(StockMovement, m.reverses_id)
        assert original is not None
        m.value_delta = -original.value_delta
        return
    if m.qty_delta < 0:  # issue, loss
        if n > pos.qty and not ahead:
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


def adjustment_value(
    session: Session, item: StockItem, diff: int, pos: Position | None = None
) -> int:
    """What a stocktake difference of `diff` (milli) is worth now, as closing posts it
    (`pos`: the item on hand today, when the caller has it)."""
    pos = pos if pos is not None else on_hand(session, item)
    if diff < 0:
        return -pos.out_value(-diff)
    return _inbound_value(session, item, diff, pos, None, "gain")


def apply_movement(item: StockItem, m: StockMovement, pos: Position, ahead: bool = False) -> None:
    pos.qty += m.qty_delta
    pos.value += m.value_delta
    if ahead:  # dated after today: not on hand yet, never a refusal of today's movement
        return
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


def today(session: Session) -> date:
    return clock.today(settings.timezone(session))


def ahead(session: Session, day: date, item_id: int | None = None) -> dict[int, tuple[int, int]]:
    """item id -> (quantity, value) of the movements dated after `day` (the query of
    `positions.ahead`, run in this session)."""
    from houqin_cli.core.tx import reader_of
    from houqin_cli.stock import positions

    return positions.ahead(reader_of(session), day, item_id)


def on_hand(
    session: Session, item: StockItem, later: dict[int, tuple[int, int]] | None = None
) -> Position:
    """The item's quantity and value as of today: what it keeps, less any movement
    dated later (`later`: what `ahead` gave for today, for many items at once)."""
    if later is None:
        later = ahead(session, today(session), item.id)
    q, v = later.get(item.id or 0, (0, 0))
    return Position(item.qty_milli - q, item.value_fen - v)


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
        value_movement(session, item, m, pos)
        apply_movement(item, m, pos)
    else:
        session.flush()
        pos = _replay(session, item, m.date, today(session))
    item.qty_milli, item.value_fen = pos.qty, pos.value
    session.flush()
    return m


def _replay(session: Session, item: StockItem, start: date, now: date) -> Position:
    """Re-value the item's movements from `start` on, in ledger order; those dated
    after today (`now`) are valued leniently."""
    pos = _position_before(session, item.id or 0, start)
    movements = session.execute(
        select(StockMovement)
        .where(col(StockMovement.item_id) == item.id, col(StockMovement.date) >= start)
        .order_by(col(StockMovement.date), col(StockMovement.id))
    ).scalars()
    for m in movements:
        later = m.date > now
        value_movement(session, item, m, pos, later)
        apply_movement(item, m, pos, later)
    return pos
