"""`stock item import`: items from .csv or .xlsx, all rows or none, every bad row named
in one pass; one journal entry for the file. A file with 期初数量 and 期初金额 (opening
quantity and value) columns also enters each item's opening balance, dated on the
import's `--as-of` day: a receipt through `stock.service.receive`, so the storeroom's
own valuation and rules (a closed month, a day after today) hold for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from houqin_cli.core import journal, money, notes
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.imports import checked, row_error
from houqin_cli.stock.items import Known, checked_code, new_item, parse_flag, parse_reorder
from houqin_cli.stock.models import StockItem
from houqin_cli.stock.service import check_open_date, receive

if TYPE_CHECKING:
    from houqin_cli.core.imports import Imported
    from houqin_cli.core.journal import Actor


def import_items(
    session: Session, path: Path, *, actor: Actor | None = None, as_of: date | None = None
) -> list[StockItem]:
    """All rows or none (one journal entry for the file); an error names the row
    and the column as the user sees them in the spreadsheet. Rows with 期初数量 and
    期初金额 also get their opening balance, a receipt dated `as_of`."""
    return _import(session, path, actor, as_of)[0]


def run_import(session: Session, actor: Actor, path: Path, as_of: date | None) -> Imported:
    """`stock item import`: the items written, the first of them as a report, and
    how many opening balances."""
    from houqin_cli.core.columns import columns
    from houqin_cli.core.imports import preview

    created, openings = _import(session, path, actor, as_of)
    rows = (
        {
            "code": it.code,
            "name": it.name,
            "unit": it.unit,
            "category": it.category,
            "spec": it.spec,
            "quantity": money.milli_to_qty(openings[it.code][0]) if it.code in openings else None,
            "value": openings[it.code][1] if it.code in openings else None,
        }
        for it in created
    )
    cols = columns("code", "name", "unit", "category", "spec", "quantity", "value")
    more = None
    if openings:
        more = _("{n} opening balances dated {date}, {value} in all.").format(
            n=len(openings),
            date=as_of,
            value=money.format_money(sum(fen for _m, fen in openings.values())),
        )
    return preview(path, len(created), cols, rows, more)


FLUSH_EVERY = 1000  # rows written per flush: one flush of 100,000 items took ~1 KB a row more


def _import(
    session: Session, path: Path, actor: Actor | None, as_of: date | None
) -> tuple[list[StockItem], dict[str, tuple[int, int]]]:
    from houqin_cli.core.imports import Field, Refusals, progress, read_rows

    fields = [  # the Chinese labels, and the headers `item list -o` writes
        Field("name", ("名称", "物品名称", "品名", *variants(N_("Name"))), required=True),
        Field("unit", ("单位", "计量单位", *variants(N_("Unit of measure"))), required=True),
        Field("category", ("类别", "分类", *variants(N_("Category")))),
        Field("durable", ("耐用品", "是否耐用品", *variants(N_("Durable")))),
        Field("reorder_level", ("库存下限", "下限", *variants(N_("Reorder level")))),
        Field("spec", ("规格", "规格型号", *variants(N_("Spec")))),
        Field("code", ("编号", "物品编号", *variants(N_("Code")))),
        Field("opening_qty", ("期初数量", "期初库存", *variants(N_("Opening quantity")))),
        Field("opening_value", ("期初金额", *variants(N_("Opening value")))),
    ]
    rows = read_rows(path, fields, session)
    if not rows:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    given = {"opening_qty", "opening_value"} & set(rows[0].columns)
    if as_of is not None and not given:
        raise InputError(
            _(
                "--as-of dates the opening balances, but {path} has no opening quantity "
                "(期初数量) or opening value (期初金额) column."
            ).format(path=path.name)
        )
    created: list[StockItem] = []
    openings: dict[str, tuple[int, int]] = {}  # item code -> (milli, fen)
    known = Known.load(session)
    refusals = Refusals(path)
    for row in progress(rows, _("Importing items")):
        with refusals.row():
            opening = _opening(row) if given else None
            item = _item_from_row(session, row, known)
            created.append(item)
            if len(created) % FLUSH_EVERY == 0:
                session.flush()  # bounds one flush's work (benchmarks/imports.py)
            if opening is not None:
                openings[item.code] = opening
    refusals.done()
    if openings and as_of is None:
        raise InputError(
            _(
                "{path} gives opening balances (期初数量, 期初金额): date them with --as-of DATE, "
                "the day the balances were taken."
            ).format(path=path.name)
        )
    if openings:
        assert actor is not None and as_of is not None
        check_open_date(session, as_of)  # exit 3 before anything is written
    journal.imported(session, "stock.item.import", "stock_item", path.name, created)
    for code, (milli, fen) in openings.items():  # the storeroom's own receipt: its valuation
        assert actor is not None and as_of is not None
        receive(
            session,
            actor,
            code,
            money.qty_str(money.milli_to_qty(milli)),
            amount=money.money_str(fen),
            day=as_of,
            note=notes.coded("opening_balance", file=path.name),
        )
    return created, openings


def _opening(row: Any) -> tuple[int, int] | None:
    """(milli, fen) of a row's 期初数量 and 期初金额; None when it gives neither."""
    milli = checked(
        row, "opening_qty", lambda x: money.qty_to_milli(money.parse_qty(str(x))) if _str(x) else 0
    )
    fen = checked(row, "opening_value", lambda x: money.parse_money(str(x)) if _str(x) else None)
    if not milli and not fen:
        return None
    if not milli:
        raise row_error(
            row,
            "opening_qty",
            _("An opening value needs its opening quantity (期初数量)."),
        )
    if fen is None:
        raise row_error(
            row, "opening_value", _("An opening quantity needs its opening value (期初金额).")
        )
    return milli, fen


def _item_from_row(session: Session, row: Any, known: Known) -> StockItem:
    v: dict[str, Any] = {k: x if isinstance(x, bool) else _str(x) for k, x in row.values.items()}
    durable = checked(row, "durable", parse_flag, v)
    checked(row, "reorder_level", parse_reorder, v)
    if v.get("code"):
        checked(row, "code", lambda c: checked_code(session, c, known=known), v)
    return checked(
        row,
        "name",
        lambda _n: new_item(
            session,
            v.get("name") or "",
            unit=v.get("unit") or "",
            category=v.get("category"),
            durable=durable,
            reorder_level=v.get("reorder_level"),
            spec=v.get("spec"),
            code=v.get("code"),
            known=known,
        ),
        v,
    )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None
