"""What each unit or person drew of an item net of returns: the limit on `stock
return` (no more than was drawn by the return's date, nor so much that a later
return would overdraw it) and on reversing an issue whose goods came back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core.errors import RuleError
from houqin_cli.core.i18n import _
from houqin_cli.people.service import person_by_id, unit_names
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.valuation import qty_text


def drawn(
    session: Session, item: StockItem, party: dict[str, int | None], day: date
) -> tuple[int, int]:
    """What `party` (its `party_fields`: a unit or a person) drew of `item` net of
    returns by `day`, and the most it can still give back on that day: no more than
    that, nor so much that its net draw would go below zero at any of its later
    movements. One query over the item's index (issues, returns and their reversals
    of that party)."""
    m = StockMovement
    where = [
        col(m.item_id) == item.id,
        col(m.kind).in_(("issue", "return", "void")),
        *(getattr(m, k) == v for k, v in party.items()),
    ]
    lines = (
        select(
            col(m.date).label("day"),
            (-col(m.qty_delta)).label("delta"),
            func.sum(-col(m.qty_delta)).over(order_by=(col(m.date), col(m.id))).label("net"),
        )
        .where(*where)
        .subquery()
    )
    by_day, least_later = session.execute(
        select(
            func.coalesce(func.sum(case((lines.c.day <= day, lines.c.delta), else_=0)), 0),
            func.min(case((lines.c.day > day, lines.c.net))),
        )
    ).one()
    by_day = int(by_day)
    most = by_day if least_later is None else min(by_day, int(least_later))
    return by_day, max(most, 0)


def within_drawn(
    session: Session,
    item: StockItem,
    party: dict[str, int | None],
    name: str,
    milli: int,
    day: date,
) -> None:
    """A return of `milli` by `party` (called `name`) on `day`: exit 3 beyond what it drew."""
    net, most = drawn(session, item, party, day)
    if milli > most:
        message = (
            _(
                "{party} drew {drawn} of {item} net of returns by {day}; at most {most} can be returned."
            )
            if most == net
            else _(
                "{party} drew {drawn} of {item} net of returns by {day}, but their later returns "
                "leave at most {most} that can be returned on that day."
            )
        )
        raise RuleError(
            message.format(
                party=name,
                drawn=qty_text(max(net, 0), item),
                item=item.name,
                day=day,
                most=qty_text(most, item),
            )
        )


def returns_stand(session: Session, issue: StockMovement, item: StockItem, on: date) -> None:
    """Reversing an issue may not leave its unit (or person) having returned more than
    it drew (exit 3): its returns are reversed first."""
    party: dict[str, int | None] = (
        {"unit_id": issue.unit_id} if issue.unit_id else {"person_id": issue.person_id}
    )
    _net, most = drawn(session, item, party, on)
    if -issue.qty_delta > most:
        name = (
            unit_names(session).get(issue.unit_id)
            if issue.unit_id
            else person_by_id(session, issue.person_id or 0).name
        )
        raise RuleError(
            _(
                "Reversing {code} would leave {party} with more {item} returned than drawn: "
                "{left} of what they drew is not returned; reverse their returns first."
            ).format(code=issue.code, party=name, item=item.name, left=qty_text(most, item))
        )
