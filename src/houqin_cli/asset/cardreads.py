"""The cards as `asset list` and `asset show` read them, in plain SQL on a `Reader`
(sqlite3 alone on SQLite: no ORM on their path): the filters, the card row, its
history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from houqin_cli.asset import categories
from houqin_cli.core import clock, labels, money, names, notes, settings
from houqin_cli.core.columns import columns
from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import N_, _
from houqin_cli.core.labels import Coded
from houqin_cli.core.report import Report
from houqin_cli.people import parties

if TYPE_CHECKING:
    from houqin_cli.core.db import Reader

WHAT = N_("asset")
STATUSES = ("in_use", "on_loan", "scrapped")
CARD = (
    "code", "name", "category_name", "qty", "unit", "unit_value", "total_value", "acquired",
    "place", "custodian", "status", "fixed",
)  # fmt: skip
_CARD_SQL = (
    "SELECT a.id, a.code, a.name, a.category, a.qty, a.unit, a.value_fen, a.acquired,"
    " pl.name, pe.name, u.name, a.status, a.funding, a.invoice, a.spec, a.life_years"
    " FROM asset a LEFT JOIN place pl ON pl.id = a.place_id"
    " LEFT JOIN person pe ON pe.id = a.custodian_person_id"
    " LEFT JOIN unit u ON u.id = a.custodian_unit_id"
)
# the events whose detail is a bare code, and its label table
CODED_DETAIL = {"inspected": "condition", "returned": "condition", "counted": "count_result"}


def fixed_test(reader: Reader) -> Any:
    """(category, qty, value) -> a fixed asset (固定资产)? as `depreciation.fixed_test`,
    the thresholds read once."""
    limits = settings.read(reader, "asset.fixed_threshold_general", "asset.fixed_threshold_special")
    general = limits["asset.fixed_threshold_general"]
    special = limits["asset.fixed_threshold_special"]

    def test(category: str, qty: int, value: int) -> bool:
        cat = categories.BY_CODE.get(category)
        each = money.divide(value, qty) if qty else 0
        return bool(each >= (special if cat and cat.special else general))

    return test


def _row(r: Any, test: Any) -> dict[str, Any]:
    (
        _id, code, name, category, qty, unit, value, acquired, place, person, unit_name, status,
        funding, invoice, spec, life_years,
    ) = r  # fmt: skip
    cat = categories.BY_CODE.get(category)
    qty, value = int(qty), int(value)
    return {
        "code": code,
        "name": name,
        "category": category,
        "category_name": cat.name if cat else category,
        "qty": qty,
        "unit": unit,
        "unit_value": money.divide(value, qty) if qty else 0,
        "total_value": value,
        "acquired": clock.stored_date(acquired),
        "place": place,
        "custodian": person or unit_name,
        "status": status,
        "fixed": test(category, qty, value),
        "funding": funding,
        "invoice": invoice,
        "spec": spec,
        "life_years": life_years,
    }


def card_rows(
    reader: Reader,
    *,
    place: str | None = None,
    custodian: str | None = None,
    category: str | None = None,
    status: str | None = None,
    fixed: bool | None = None,
    every: bool = False,
) -> list[dict[str, Any]]:
    """The cards on the books (not scrapped) that the filters name; `status` scrapped,
    the cards off the books; `every`, all. `fixed` (fixed assets, or low-value items)
    is of the cards on the books only."""
    from houqin_cli.people.vocab import LIVE
    from houqin_cli.people.vocab import WHAT as PEOPLE_WHAT

    if every and status:
        raise InputError(_("--all lists every status; give --all or --status, not both."))
    if fixed is not None and (every or status == "scrapped"):
        raise InputError(
            _(
                "--fixed and --low-value list what is on the books; a scrapped card is neither: leave out --all or --status scrapped."
            )
        )
    where: list[str] = []
    params: dict[str, Any] = {}
    if place:
        found = names.lookup(reader, "place", place, _(PEOPLE_WHAT["place"]), live=LIVE["place"])
        where.append("a.place_id = :place")
        params["place"] = found[0]
    if custodian:
        table, pid = parties.find(reader, custodian)
        where.append(f"a.custodian_{table}_id = :keeper")
        params["keeper"] = pid
    if category:
        cat = categories.find(category)
        where.append("(a.category = :cat OR a.category LIKE :cat_prefix ESCAPE '\\')")
        params.update(cat=cat.code, cat_prefix=names.escape_like(cat.code) + "%")
    if status:
        status = labels.lookup("asset_status", status) or status  # `--status 在用`
        if status not in STATUSES:
            raise InputError(
                _("Invalid --status {value!r}; choose one of: {allowed}.").format(
                    value=status, allowed=", ".join(STATUSES)
                )
            )
        where.append("a.status = :status")
        params["status"] = status
    elif not every:
        where.append("a.status <> 'scrapped'")
    sql = _CARD_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.code"
    test = fixed_test(reader)
    rows = [_row(r, test) for r in reader.rows(sql, params)]
    if fixed is not None:
        rows = [r for r in rows if r["fixed"] is fixed]
    return rows


def cards(reader: Reader, **filters: Any) -> Report:
    """`asset list`: the cards on the books (filtered by place, custodian, category,
    status, fixed; --all or --status scrapped for the rest), with the pieces (within
    one unit of measure) and the value in total of those listed that are on the books."""
    from houqin_cli.asset.reports import totals

    rows = card_rows(reader, **filters)
    held = [r for r in rows if r["status"] != "scrapped" and r["qty"] > 0]
    footer = totals(held, "name", "qty", "total_value")
    if len(held) < len(rows):
        footer["name"] = _("Total on the books")
    return Report(_("Asset cards"), columns(*CARD), rows, footer=footer)


def detail(kind: str, stored: str | None) -> Any:
    """A history line's detail in the reader's language (JSON keeps a bare code)."""
    if stored and kind in CODED_DETAIL:
        return Coded(CODED_DETAIL[kind], stored)
    if stored and kind == "damaged" and stored.startswith("human "):  # written before notes
        return labels.label("damage_cause", "human") + stored[5:]
    return notes.text(stored)


def find(reader: Reader, text: str) -> int:
    """The id of the card `text` names: its code finds any card; a name, prefix or
    initials only the cards on the books (as `cards.find_asset`)."""
    by_code = reader.rows(
        "SELECT id FROM asset WHERE upper(code) = :code ORDER BY id LIMIT 1",
        {"code": (text or "").strip().upper()},
    )
    if by_code:
        return int(by_code[0][0])
    on_books = "status <> 'scrapped' AND qty > 0"
    return int(names.lookup(reader, "asset", text, _(WHAT), scope=on_books)[0])


def history(reader: Reader, asset_id: int) -> list[dict[str, Any]]:
    return [
        {
            "date": clock.stored_date(day),
            "event": Coded("event", kind),
            "ref": ref,
            "detail": detail(kind, stored),
            "operator": operator,
        }
        for day, kind, ref, stored, operator in reader.rows(
            "SELECT date, kind, ref_code, detail, operator FROM asset_event"
            " WHERE asset_id = :id ORDER BY id",
            {"id": asset_id},
        )
    ]


def card(reader: Reader, text: str) -> Report:
    """`asset show`: the card and its whole history."""
    aid = find(reader, text)
    r = _row(reader.rows(_CARD_SQL + " WHERE a.id = :id", {"id": aid})[0], fixed_test(reader))
    r["history"] = history(reader, aid)
    cols = columns(*CARD, "spec", "funding", "invoice", "life_years", "history")
    return Report(_("Asset card"), cols, [r], record=True)
