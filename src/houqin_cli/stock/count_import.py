"""`stock count import`: the filled-in count sheet, every row or none; an item listed
twice is refused, naming both rows, rather than the last row silently winning."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, money
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.journal import Actor
from houqin_cli.stock.count import find_count, record_line, require_open
from houqin_cli.stock.models import StockCountLine, StockItem
from houqin_cli.stock.service import find_item

if TYPE_CHECKING:
    from houqin_cli.core.headers import Row
    from houqin_cli.core.imports import Imported


def import_counts(session: Session, actor: Actor, code: str, path: Path) -> Imported:
    from houqin_cli.core.imports import Field, per_record, preview, read_rows, row_error

    count = require_open(find_count(session, code))
    fields = [  # the headers `count sheet` writes, in either language, and common labels
        Field(
            "item_code",
            ("编号", "物品编号", *variants(N_("Item code")), *variants(N_("Code"))),
            required=True,
        ),
        Field(
            "counted", ("实盘数量", "盘点数量", "实存数量", *variants(N_("Counted"))), required=True
        ),
    ]
    lines: list[StockItem] = []

    def take(row: Row, item: StockItem) -> None:
        try:
            milli = money.qty_to_milli(money.parse_qty(str(row.values["counted"])))
            record_line(session, actor, count, item, milli)
        except (InputError, RuleError) as exc:
            raise row_error(row, "counted", exc.message) from exc
        lines.append(item)

    per_record(
        path,
        read_rows(path, fields, session),
        "item_code",
        lambda text: find_item(session, text),
        take,
        said=lambda row: str(row.values.get("counted") or "").strip() != "",
    )
    if not lines:
        raise InputError(_("{path} has no counted quantities.").format(path=path.name))
    session.flush()
    journal.record(session, "stock.count.import", count, {"file": path.name, "lines": len(lines)})
    recorded = {  # as the lines were recorded: the book at counting time
        ln.item_id: ln
        for ln in session.execute(
            select(StockCountLine).where(col(StockCountLine.count_id) == count.id)
        ).scalars()
    }
    shown = (
        {
            "item_code": item.code,
            "item": item.name,
            "unit": item.unit,
            "book": money.milli_to_qty(ln.book_milli),
            "counted": money.milli_to_qty(ln.counted_milli),
            "difference": money.milli_to_qty(ln.counted_milli - ln.book_milli),
        }
        for item in lines
        if (ln := recorded[item.id or 0])
    )
    cols = columns("item_code", "item", "unit", "book", "counted", "difference")
    return preview(path, len(lines), cols, shown)
