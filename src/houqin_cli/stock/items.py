"""Stock items: add, list, show, edit, retire (import: item_import.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from houqin_cli.core import journal, money, names
from houqin_cli.core.codes import next_code
from houqin_cli.core.errors import InputError, RuleError
from houqin_cli.core.i18n import _
from houqin_cli.stock.models import StockItem, StockMovement
from houqin_cli.stock.service import find_item

TRUE = {"1", "true", "yes", "y", "是", "√", "✓", "耐用", "耐用品"}
FALSE = {"", "0", "false", "no", "n", "否", "×", "易耗", "易耗品"}


def _text(value: str | None, limit: int, what: str) -> str | None:
    v = (value or "").strip()
    if len(v) > limit:
        raise InputError(
            _("{what} is too long (at most {n} characters).").format(what=what, n=limit)
        )
    return v or None


def parse_reorder(text: str | None) -> int | None:
    if text is None or not str(text).strip():
        return None
    return money.qty_to_milli(money.parse_qty(str(text)))


@dataclass
class Known:
    """What a bulk import checks against without a query per row."""

    names: set[tuple[str, str | None]]
    codes: set[str]  # upper-cased

    @classmethod
    def load(cls, session: Session) -> Known:
        rows = session.execute(
            select(col(StockItem.name), col(StockItem.spec), col(StockItem.code))
        ).all()
        return cls({(n, sp) for n, sp, _c in rows}, {c.upper() for _n, _s, c in rows})


def checked_code(
    session: Session, code: str | None, exclude: int | None = None, known: Known | None = None
) -> str:
    if not code:
        return next_code(session, "WZ", model=StockItem, taken=known.codes if known else None)
    c = code.strip()
    if not c or any(ch.isspace() for ch in c) or len(c) > 32:
        raise InputError(
            _("Invalid code {code!r}: up to 32 characters, no spaces.").format(code=code)
        )
    if known is not None:
        if c.upper() in known.codes:
            raise RuleError(_("The code {code} is already taken.").format(code=c))
        return c
    taken = session.execute(
        select(col(StockItem.id)).where(func.upper(col(StockItem.code)) == c.upper())
    ).scalar()
    if taken is not None and taken != exclude:
        raise RuleError(_("The code {code} is already taken.").format(code=c))
    return c


def add_item(session: Session, name: str, **fields: Any) -> StockItem:
    """A new item (the keywords of `new_item`: unit, category, durable,
    reorder_level, spec, code), journalled."""
    item = new_item(session, name, **fields)
    journal.record(session, "stock.item.add", item, item_payload(item))
    return item


def new_item(
    session: Session,
    name: str,
    *,
    unit: str,
    category: str | None = None,
    durable: bool = False,
    reorder_level: str | None = None,
    spec: str | None = None,
    code: str | None = None,
    known: Known | None = None,
) -> StockItem:
    """A new item, flushed; in a bulk import (`known`), checked against what is
    known and left for the single flush at the end."""
    clean = _text(name, 100, _("The name"))
    if not clean:
        raise InputError(_("The {what} name cannot be empty.").format(what=_("item")))
    measure = _text(unit, 16, _("The unit"))
    if not measure:
        raise InputError(_("An item needs its unit of measure: --unit 盒, kg, 个 …"))
    spec_ = _text(spec, 200, _("The spec"))
    if known is not None:
        exists = (clean, spec_) in known.names
    else:
        same = col(StockItem.spec).is_(None) if spec_ is None else col(StockItem.spec) == spec_
        exists = bool(
            session.execute(
                select(col(StockItem.id)).where(col(StockItem.name) == clean, same)
            ).first()
        )
    if exists:
        raise RuleError(_("An item named {name} with that spec already exists.").format(name=clean))
    item = StockItem(
        code=checked_code(session, code, known=known),
        name=clean,
        unit=measure,
        category=_text(category, 50, _("The category")),
        durable=durable,
        reorder_milli=parse_reorder(reorder_level),
        spec=spec_,
        initials=names.initials(clean),
    )
    session.add(item)
    if known is None:
        session.flush()
    else:
        known.names.add((clean, spec_))
        known.codes.add(item.code.upper())
    return item


def reorder_level(item: StockItem) -> Decimal | None:
    return None if item.reorder_milli is None else money.milli_to_qty(item.reorder_milli)


def item_payload(item: StockItem) -> dict[str, Any]:
    """What the journal keeps of an item's fields."""
    level = reorder_level(item)
    return {
        "name": item.name,
        "unit": item.unit,
        "category": item.category,
        "durable": item.durable,
        "reorder_level": None if level is None else money.qty_str(level),
        "spec": item.spec,
    }


def item_row(item: StockItem, later: tuple[int, int] = (0, 0)) -> dict[str, Any]:
    """An item as `item list` and `item show` show it: on hand as of today, less the
    quantity and value of its movements dated later (`valuation.ahead`)."""
    milli, value = item.qty_milli - later[0], item.value_fen - later[1]
    qty = money.milli_to_qty(milli)
    return {
        "code": item.code,
        "name": item.name,
        "unit": item.unit,
        "category": item.category,
        "durable": item.durable,
        "reorder_level": reorder_level(item),
        "spec": item.spec,
        "quantity": qty,
        "unit_cost": money.divide(value, qty) if milli else None,
        "value": value,
        "active": item.active,
    }


def edit_item(
    session: Session,
    text: str,
    *,
    name: str | None = None,
    unit: str | None = None,
    category: str | None = None,
    durable: bool | None = None,
    reorder_level: str | None = None,
    spec: str | None = None,
    code: str | None = None,
) -> tuple[StockItem, list[str]]:
    item = find_item(session, text)
    before = item_payload(item) | {"code": item.code}
    if name is not None:
        clean = _text(name, 100, _("The name"))
        if not clean:
            raise InputError(_("The {what} name cannot be empty.").format(what=_("item")))
        item.name = clean
        item.initials = names.initials(clean)
    if unit is not None and unit.strip() != item.unit:
        moved = session.execute(
            select(col(StockMovement.id)).where(col(StockMovement.item_id) == item.id).limit(1)
        ).first()
        if moved:
            raise RuleError(
                _(
                    "{item} already has movements in {unit}; its unit cannot change. Add a new item instead."
                ).format(item=item.name, unit=item.unit)
            )
        item.unit = _text(unit, 16, _("The unit")) or item.unit
    if category is not None:
        item.category = _text(category, 50, _("The category"))
    if durable is not None:
        item.durable = durable
    if reorder_level is not None:
        item.reorder_milli = parse_reorder(reorder_level)
    if spec is not None:
        item.spec = _text(spec, 200, _("The spec"))
    if code is not None:
        item.code = checked_code(session, code, exclude=item.id)
    after = item_payload(item) | {"code": item.code}
    changed = [k for k in after if after[k] != before[k]]
    if not changed:
        raise InputError(_("Nothing to change: give at least one option, such as --category."))
    session.flush()
    payload = {k: {"old": before[k], "new": after[k]} for k in changed}
    journal.record(session, "stock.item.edit", item, payload)
    return item, changed


def retire_item(session: Session, text: str) -> StockItem:
    item = find_item(session, text)
    if not item.active:
        raise RuleError(_("{item} is already retired.").format(item=item.name))
    if item.qty_milli != 0:
        raise RuleError(
            _(
                "{item} still has {qty} {unit} on hand; issue or write them off before retiring it."
            ).format(
                item=item.name,
                qty=money.qty_str(money.milli_to_qty(item.qty_milli)),
                unit=item.unit,
            )
        )
    item.active = False
    session.flush()
    journal.record(session, "stock.item.retire", item)
    return item


def parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    v = str(value if value is not None else "").strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise InputError(
        _("Invalid yes/no value {value!r}: write 是/否 or yes/no.").format(value=value)
    )
