"""The stocktake (盘点): start, count sheet, record or import counts, report, close.

Goods keep moving while a count is open: each counted item is compared with its
book quantity at the moment it was counted. Closing posts every difference as a
gain (盘盈) or loss (盘亏) movement, approved by a named person."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import clock, journal, money, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.core.journal import Actor
from houqin_cli.core.report import Finding, Report, total_row
from houqin_cli.people.service import approver, registered_ids
from houqin_cli.stock.models import StockCount, StockCountLine, StockItem
from houqin_cli.stock.service import adjust, find_item
from houqin_cli.stock.valuation import adjustment_value, ahead, on_hand, today


def find_count(session: Session, code: str) -> StockCount:
    count: StockCount | None = names.by_code(session, StockCount, code)
    if count is None:
        raise InputError(_("No stocktake {code}.").format(code=code))
    return count


def require_open(count: StockCount) -> StockCount:
    if count.status != "open":
        raise RuleError(
            _(
                "Stocktake {code} is already closed; start a new one with `houqin stock count start`."
            ).format(code=count.code)
        )
    return count


def _scope(session: Session, count: StockCount) -> list[StockItem]:
    q = select(StockItem).where(col(StockItem.active).is_(True)).order_by(col(StockItem.code))
    if count.category:
        q = q.where(col(StockItem.category) == count.category)
    return list(session.execute(q).scalars())


def start(
    session: Session, actor: Actor, category: str | None, note: str | None, today: date
) -> StockCount:
    scope = (category or "").strip() or None
    # a whole-store count overlaps every open count; a category's, the whole store's and its own
    q = select(StockCount).where(col(StockCount.status) == "open").order_by(col(StockCount.id))
    if scope is not None:
        q = q.where(col(StockCount.category).is_(None) | (col(StockCount.category) == scope))
    clash = session.execute(q).scalars().first()
    if clash is not None and clash.category == scope:
        raise RuleError(
            _(
                "Stocktake {code} of the same scope is still open; close it before starting another."
            ).format(code=clash.code)
        )
    if clash is not None:
        raise RuleError(
            _(
                "Stocktake {code} ({scope}) is still open and its items overlap this one's: "
                "an item counted twice would post its difference twice; close {code} first."
            ).format(code=clash.code, scope=clash.category or _("the whole storeroom"))
        )
    count = StockCount(
        code=next_code(session, "PD", year=today.year, model=StockCount),
        category=scope,
        status="open",
        note=note,
        started_at=clock.iso_utc(actor.now),
    )
    session.add(count)
    session.flush()
    if not _scope(session, count):
        raise RuleError(_("There are no items to count in that scope."))
    journal.record(
        session,
        "stock.count.start",
        count,
        {"category": scope, "note": note},
    )
    return count


def sheet(session: Session, code: str) -> Report:
    """A printable count sheet: the items in scope, with an empty counted column."""
    count = find_count(session, code)
    rows = [
        {
            "item_code": i.code,
            "item": i.name,
            "spec": i.spec,
            "unit": i.unit,
            "category": i.category,
            "counted": None,
        }
        for i in _scope(session, count)
    ]
    cols = columns("item_code", "item", "spec", "unit", "category", "counted")
    return Report(_("Count sheet {code}").format(code=count.code), cols, rows)


def record_line(
    session: Session, actor: Actor, count: StockCount, item: StockItem, milli: int
) -> None:
    if count.category and item.category != count.category:
        raise RuleError(
            _("{item} is not in the scope of stocktake {code} ({category}).").format(
                item=item.name, code=count.code, category=count.category
            )
        )
    line = (
        session.execute(
            select(StockCountLine).where(
                col(StockCountLine.count_id) == count.id, col(StockCountLine.item_id) == item.id
            )
        )
        .scalars()
        .first()
    )
    book = on_hand(session, item).qty
    if line is None:
        line = StockCountLine(
            count_id=count.id or 0,
            item_id=item.id or 0,
            counted_milli=milli,
            book_milli=book,
            counted_at="",
            operator=actor.operator,
        )
        session.add(line)
    line.counted_milli = milli
    line.book_milli = book
    line.counted_at = clock.iso_utc(actor.now)
    line.operator = actor.operator


def record(
    session: Session, actor: Actor, code: str, item_text: str, qty: str
) -> tuple[StockItem, int]:
    count = require_open(find_count(session, code))
    item = find_item(session, item_text)
    milli = money.qty_to_milli(money.parse_qty(qty))
    record_line(session, actor, count, item, milli)
    session.flush()
    journal.record(
        session,
        "stock.count.record",
        count,
        {
            "item": item.code,
            "counted": money.qty_str(money.milli_to_qty(milli)),
            "book": money.qty_str(money.milli_to_qty(on_hand(session, item).qty)),
        },
    )
    return item, milli


def report(session: Session, code: str) -> Report:
    """Book against counted per item; a finding for each difference and uncounted item."""
    count = find_count(session, code)
    rows, findings = compare(session, count)
    cols = columns("item_code", "item", "unit", "book", "counted", "difference", "difference_value")
    title = _("Stocktake {code}").format(code=count.code)
    footer = total_row(
        rows, "item", "difference_value", qty=("book", "counted", "difference"), measure="unit"
    )
    return Report(
        title, cols, rows, findings=findings, rows_key="lines", footer=footer, signed=True
    )


def compare(session: Session, count: StockCount) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Per item in scope (and any counted since it left the scope): the book at
    counting time, the counted quantity, the difference and its value."""
    counted_lines = {
        ln.item_id: ln
        for ln in session.execute(
            select(StockCountLine).where(col(StockCountLine.count_id) == count.id)
        ).scalars()
    }
    items = _scope(session, count)
    seen = {i.id for i in items}
    items += [
        i
        for i in (session.get(StockItem, k) for k in counted_lines if k not in seen)
        if i is not None
    ]
    rows: list[dict[str, Any]] = []
    findings: list[Finding] = []
    later = ahead(session, today(session))  # one query: movements dated after today
    for item in items:
        line = counted_lines.get(item.id or 0)
        pos = on_hand(session, item, later)
        book = line.book_milli if line else pos.qty
        counted = line.counted_milli if line else None
        diff = None if counted is None else counted - book
        diff_value = (
            adjustment_value(session, item, diff, pos) if diff else (0 if diff == 0 else None)
        )
        rows.append(
            {
                "item_code": item.code,
                "item": item.name,
                "unit": item.unit,
                "book": money.milli_to_qty(book),
                "counted": None if counted is None else money.milli_to_qty(counted),
                "difference": None if diff is None else money.milli_to_qty(diff),
                "difference_value": diff_value if diff is not None else None,
                "counted_by": line.operator if line else None,
            }
        )
        if counted is None:
            findings.append(
                Finding(
                    "stock.count",
                    "count.uncounted",
                    _("{item} ({code}) has not been counted.").format(
                        item=item.name, code=item.code
                    ),
                    {"item_code": item.code},
                )
            )
        elif diff:
            findings.append(
                Finding(
                    "stock.count",
                    "count.difference",
                    _(
                        "{item} ({code}): book {book}, counted {counted}, difference {diff} {unit}."
                    ).format(
                        item=item.name,
                        code=item.code,
                        book=money.qty_str(money.milli_to_qty(book)),
                        counted=money.qty_str(money.milli_to_qty(counted)),
                        diff=money.qty_str(money.milli_to_qty(diff)),
                        unit=item.unit,
                    ),
                    {
                        "item_code": item.code,
                        "difference": money.qty_str(money.milli_to_qty(diff)),
                        "difference_value": money.money_str(diff_value or 0),
                    },
                )
            )
    return rows, findings


def _counters(session: Session, count: StockCount) -> tuple[int | None, ...]:
    """Whoever recorded a line of the count (its operators, when registered)."""
    ops = session.execute(
        select(col(StockCountLine.operator))
        .where(col(StockCountLine.count_id) == count.id)
        .distinct()
    ).scalars()
    return registered_ids(session, ops)


def _rebook(session: Session, count: StockCount, item: StockItem, diff: int) -> None:
    """A difference posted by closing `count` moves the book that any other open
    count compared the item with, so that count compares against the book as it now
    stands and never posts the same difference again. (Overlapping counts are refused
    at start; a ledger may hold some from before, or an item may have changed
    category while counted.)"""
    others = select(col(StockCount.id)).where(
        col(StockCount.status) == "open", col(StockCount.id) != count.id
    )
    lines = session.execute(
        select(StockCountLine).where(
            col(StockCountLine.item_id) == item.id, col(StockCountLine.count_id).in_(others)
        )
    ).scalars()
    for line in lines:
        line.book_milli += diff


def close(
    session: Session,
    actor: Actor,
    code: str,
    approved_by: str | None,
    uncounted_as_book: bool,
    today: date,
) -> tuple[StockCount, list[str]]:
    count = require_open(find_count(session, code))
    if not approved_by:
        raise RuleError(
            _(
                "Closing stocktake {code} posts its differences and needs an approver: add --approved-by PERSON."
            ).format(code=count.code)
        )
    approved = approver(
        session,
        approved_by,
        excluding=(*registered_ids(session, [actor.operator]), *_counters(session, count)),
        what=_("stocktake {code}").format(code=count.code),
    )
    rows, findings = compare(session, count)
    uncounted = [f for f in findings if f.code == "count.uncounted"]
    if uncounted and not uncounted_as_book:
        raise RuleError(
            _(
                "{n} items of stocktake {code} are not counted yet; count them, or close with --uncounted-as-book."
            ).format(n=len(uncounted), code=count.code)
        )
    posted = []
    for row in rows:
        if row["difference"]:
            item = find_item(session, row["item_code"])
            diff = money.qty_to_milli(row["difference"])
            m = adjust(
                session,
                actor,
                item,
                diff,
                today,
                count.id or 0,
                _("Stocktake {code}").format(code=count.code),
            )
            posted.append(m.code)
            _rebook(session, count, item, diff)
    count.status = "closed"
    count.closed_at = clock.iso_utc(actor.now)
    count.approved_by_id = approved.id
    session.flush()
    journal.record(
        session,
        "stock.count.close",
        count,
        {
            "approved_by": approved.code,
            "movements": posted,
            "uncounted_as_book": bool(uncounted),
        },
    )
    return count, posted
