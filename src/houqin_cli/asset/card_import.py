"""`asset import`: a school's existing register (.csv or .xlsx) as it is kept, all
rows or none, every bad row named in one pass; one flush and one journal entry."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from houqin_cli.asset import categories
from houqin_cli.asset.cards import Bulk, add, added_event, life, whole_pieces
from houqin_cli.asset.models import Asset
from houqin_cli.core import journal, money
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _, variants
from houqin_cli.core.imports import (
    Field,
    Refusals,
    checked,
    parse_loose_date,
    progress,
    read_rows,
    row_error,
)
from houqin_cli.core.journal import Actor


def import_file(session: Session, actor: Actor, path: Path) -> list[Asset]:
    """A school's existing register as it is: all rows or none."""
    fields = [
        Field("name", ("名称", "资产名称", *variants(N_("Name"))), required=True),
        Field("category", ("类别", "资产类别", "分类", *variants(N_("Category"))), required=True),
        Field("value", ("单价", "价值", "原值", *variants(N_("Unit value"))), required=True),
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
    bulk = Bulk.load(session, actor)
    rows = read_rows(path, fields)
    refusals = Refusals(path)
    with session.no_autoflush:  # one flush at the end, not one per row
        for r in progress(rows, _("Importing assets")):
            with refusals.row():
                v = r.values

                def cell(key: str, fn: Any, r: Any = r) -> Any:
                    return checked(r, key, fn)

                acquired = cell(
                    "acquired",
                    lambda x: parse_loose_date(x) if x not in (None, "") else bulk.today,
                )
                if acquired > bulk.today:
                    raise row_error(
                        r,
                        "acquired",
                        _("The acquisition date {date} is in the future.").format(date=acquired),
                    )
                value = cell("value", lambda x: money.money_str(money.parse_money(_money_text(x))))
                cell("category", lambda x: categories.find(str(x or "")))
                cell("qty", whole_pieces)
                cell("life_years", life)
                cell("place", lambda x: bulk.place(session, str(x)) if x else None)
                cell("custodian", lambda x: bulk.custodian(session, str(x)) if x else None)
                cell("code", bulk.check_code)
                cell(
                    "name",
                    lambda x, v=v, value=value, acquired=acquired: add(
                        session,
                        actor,
                        str(x or ""),
                        category=str(v.get("category")),
                        value=value,
                        acquired=acquired,
                        qty=v.get("qty"),
                        unit=_s(v.get("unit")),
                        place=_s(v.get("place")),
                        custodian=_s(v.get("custodian")),
                        funding=_s(v.get("funding")),
                        invoice=_s(v.get("invoice")),
                        spec=_s(v.get("spec")),
                        life_years=v.get("life_years"),
                        code=_s(v.get("code")),
                        bulk=bulk,
                    ),
                )
    refusals.done()
    made = bulk.added
    if not made:
        raise InputError(_("{path} has no rows to import.").format(path=path.name))
    session.flush()
    for asset in made:
        added_event(session, actor, asset)
    session.flush()
    journal.imported(session, "asset.import", "asset", path.name, made)
    return made


def _s(value: Any) -> str | None:
    return None if value is None else (str(value).strip() or None)


def _money_text(value: Any) -> str:
    """Cells hold numbers (Decimal/int) or text such as '¥1,234.50'."""
    if isinstance(value, Decimal | int):
        return format(Decimal(value), "f")
    return str(value or "")
