"""`asset import`: a school's existing register (.csv or .xlsx) as it is kept, all
rows or none, every bad row named in one pass; one flush and one journal entry.

A register is imported once: a row that is a card already on the books (the same
code, or the same name, acquisition date, value and place) refuses the
import (exit 3: the file is right, the ledger already holds it) and two such rows
in the file are a bad row (exit 2), unless `--allow-duplicates` says they are other
pieces. The 金额 (amount) column is the batch's value: checked against 单价 × 数量
to the fen, or, without 单价, kept as the card's value exactly (a card stores its
whole value; a piece is worth value / qty)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.asset import categories
from houqin_cli.asset.cards import Bulk, add, added_event, life, names_of, row, whole_pieces
from houqin_cli.asset.models import Asset
from houqin_cli.core import journal, money
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.imports import (
    PREVIEW_ROWS,
    Field,
    Imported,
    Once,
    Refusals,
    Row,
    checked,
    parse_loose_date,
    preview,
    progress,
    row_error,
    stream_rows,
)
from houqin_cli.core.journal import Actor
from houqin_cli.people.service import place_names

FIELDS = [
    Field("name", ("名称", "资产名称", *variants(N_("Name"))), required=True),
    Field("category", ("类别", "资产类别", "分类", *variants(N_("Category"))), required=True),
    Field("value", ("单价", "价值", "原值", *variants(N_("Unit value")))),
    Field("amount", ("金额", "总价", "总金额", *variants(N_("Total value")))),
    Field("acquired", ("取得日期", "购置日期", "入账日期", *variants(N_("Acquired")))),
    Field("qty", ("数量", *variants(N_("Qty")))),
    Field("unit", ("单位", "计量单位")),
    Field("place", ("存放地点", "地点", *variants(N_("Place")))),
    Field("custodian", ("保管人", "使用人", *variants(N_("Custodian")))),
    Field("funding", ("经费来源", "资金来源")),
    Field("invoice", ("发票号", "发票号码")),
    Field("spec", ("规格", "规格型号", "型号")),
    Field("life_years", ("使用年限", "折旧年限")),
    Field("code", ("编号", "资产编号", *variants(N_("Code")))),
]

Key = tuple[str, date, int | None, int]  # name, acquired, place, the card's whole value


@dataclass
class Books:
    """The cards on the books, as a re-import is recognised: by code (any card) and
    by name + acquired + value + place (cards not scrapped). The value is the card's
    whole value (金额): two batches of books bought the same day at the same price are
    two cards unless they hold as many books."""

    codes: dict[str, Any]  # upper-cased code -> the card's row
    same: dict[Key, Any]

    @classmethod
    def load(cls, session: Session) -> Books:
        q = select(
            *(col(c) for c in (Asset.code, Asset.name, Asset.acquired, Asset.place_id)),
            col(Asset.value_fen),
            col(Asset.qty),
            col(Asset.status),
        )
        cards = session.execute(q).all()
        same = {
            (a.name, a.acquired, a.place_id, a.value_fen): a
            for a in cards
            if a.status != "scrapped"
        }
        return cls({a.code.upper(): a for a in cards}, same)


FLUSH_EVERY = 1000  # cards written with their events, then let go, at a time


def import_file(
    session: Session, actor: Actor, path: Path, *, allow_duplicates: bool = False
) -> tuple[list[str], list[Asset]]:
    """A school's existing register as it is: all rows or none. The codes of the cards
    written, and the first PREVIEW_ROWS cards. The rows are read as they stream, and
    the cards flushed with their events and let go of every FLUSH_EVERY, so a big
    register is not held whole (one transaction still)."""
    from itertools import chain

    bulk = Bulk.load(session, actor)
    books = Books.load(session)
    rows = stream_rows(path, FIELDS, session)
    first = next(rows, None)
    if first is None:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    if not {"value", "amount"} & set(first.columns):
        raise InputError(
            _("{path}: the header row has no column for {fields}.").format(
                path=path.name, fields=_("value (单价) or amount (金额)")
            )
        )
    refusals = Refusals(path)
    again = Refusals(path, RuleError)  # rows already on the books
    once = Once(
        _("keep one of them, or import with --allow-duplicates if they are different cards")
    )
    places = place_names(session)
    codes: list[str] = []
    shown: list[Asset] = []
    with session.no_autoflush:  # a flush per batch, not one per row
        for r in progress(chain([first], rows), _("Importing assets")):
            on_books: InputError | None = None
            with refusals.row():
                on_books = _row(
                    session, actor, r, bulk, books, None if allow_duplicates else once, places
                )
            if on_books is not None:
                with again.row():  # not inside refusals.row(): its own exit code and limit
                    raise on_books
            if len(bulk.added) >= FLUSH_EVERY and not (refusals.messages or again.messages):
                _let_go(session, actor, bulk, codes, shown)
    refusals.done()
    again.done()
    _let_go(session, actor, bulk, codes, shown)
    journal.imported(session, "asset.import", "asset", path.name, codes)
    return codes, shown


def _let_go(
    session: Session, actor: Actor, bulk: Bulk, codes: list[str], shown: list[Asset]
) -> None:
    """Write the cards made since the last batch and their "added" events (the journal
    keeps their rows' keys), keep their codes and the first PREVIEW_ROWS cards, and
    let the rest go."""
    session.flush()
    for asset in bulk.added:
        added_event(session, actor, asset)
    journal.settle(session)  # their digests now: the journal holds no key of theirs
    codes += [a.code for a in bulk.added]
    shown += bulk.added[: PREVIEW_ROWS - len(shown)]
    bulk.added.clear()


def run(session: Session, actor: Actor, path: Path, *, allow_duplicates: bool = False) -> Imported:
    """`asset import`: the cards written, the first of them as a report."""
    codes, shown = import_file(session, actor, path, allow_duplicates=allow_duplicates)
    cols = columns(
        "code", "name", "category", "qty", "unit", "unit_value", "total_value", "acquired", "place"
    )
    lookups = names_of(session)
    rows = (
        {c.key: card[c.key] for c in cols} for card in (row(session, a, lookups) for a in shown)
    )
    return preview(path, len(codes), cols, rows)


def _row(
    session: Session,
    actor: Actor,
    r: Row,
    bulk: Bulk,
    books: Books,
    once: Once | None,
    places: dict[int, str],
) -> InputError | None:
    """One row of the register checked and added to `bulk`; a row already on the books
    is not added: its refusal is returned, for the import's re-import refusals."""
    v = r.values

    def cell(key: str, fn: Any) -> Any:
        return checked(r, key, fn)

    acquired = cell(
        "acquired", lambda x: parse_loose_date(x) if x not in (None, "") else bulk.today
    )
    if acquired > bulk.today:
        raise row_error(
            r, "acquired", _("The acquisition date {date} is in the future.").format(date=acquired)
        )
    qty = cell("qty", whole_pieces)
    total, unit_fen = _value(r, qty)
    cell("category", lambda x: categories.find(str(x or "")))
    cell("life_years", life)
    place_id = cell("place", lambda x: bulk.place(session, str(x)) if x else None)
    cell("custodian", lambda x: bulk.custodian(session, str(x)) if x else None)
    name = str(v.get("name") or "").strip()
    code = _s(v.get("code"))
    card = books.codes.get(code.upper()) if code else None
    if card is not None:
        return row_error(
            r,
            "code",
            _(
                "{code} is already on the books ({name}, acquired {date}); the register "
                "may have been imported before: leave the row out."
            ).format(code=card.code, name=card.name, date=card.acquired),
        )
    key: Key = (name, acquired, place_id, total)
    card = books.same.get(key) if once is not None else None
    if card is not None:
        return row_error(
            r,
            "name",
            _(
                "The same card as {code} on the books ({name}, acquired {date}, worth "
                "{value}, at {place}); the register may have been imported before: leave "
                "the row out, or import with --allow-duplicates if it is another one."
            ).format(
                code=card.code,
                name=card.name,
                date=card.acquired,
                value=money.format_money(card.value_fen),
                place=places.get(card.place_id or 0, "—"),
            ),
        )
    if once is not None:
        once.seen(r, key, "name", name)
    cell("code", bulk.check_code)
    asset = cell(
        "name",
        lambda x: add(
            session,
            actor,
            str(x or ""),
            category=str(v.get("category")),
            value=money.money_str(unit_fen),
            acquired=acquired,
            qty=qty,
            unit=_s(v.get("unit")),
            place=_s(v.get("place")),
            custodian=_s(v.get("custodian")),
            funding=_s(v.get("funding")),
            invoice=_s(v.get("invoice")),
            spec=_s(v.get("spec")),
            life_years=v.get("life_years"),
            code=code,
            bulk=bulk,
        ),
    )
    asset.value_fen = total  # the batch's 金额 exactly, where it is not a whole fen a piece
    return None


def _value(r: Row, qty: int) -> tuple[int, int]:
    """(the card's whole value, its value per piece rounded to the fen) from 单价 and 金额:
    金额 must be 单价 × 数量 to the fen; without 单价 it is the batch's value."""
    price = checked(r, "value", _fen)
    amount = checked(r, "amount", _fen)
    if price is None and amount is None:
        raise row_error(
            r,
            "value" if "value" in r.columns else "amount",
            _("The card has no value: fill in the unit value (单价) or the amount (金额)."),
        )
    if amount is None:
        assert price is not None
        return checked(r, "value", lambda _x: money.check_total(price * qty)), price
    if price is not None and price * qty != amount:
        raise row_error(
            r,
            "amount",
            _(
                "The amount {amount} is not the unit value {price} × {qty} = {product}; "
                "correct one of them."
            ).format(
                amount=money.format_money(amount),
                price=money.format_money(price),
                qty=qty,
                product=money.format_money(price * qty),
            ),
        )
    return amount, price if price is not None else money.divide(amount, qty)


def _fen(value: Any) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    return money.parse_money(_money_text(value))


def _s(value: Any) -> str | None:
    return None if value is None else (str(value).strip() or None)


def _money_text(value: Any) -> str:
    """Cells hold numbers (Decimal/int) or text such as '¥1,234.50'."""
    if isinstance(value, Decimal | int):
        return format(Decimal(value), "f")
    return str(value or "")
