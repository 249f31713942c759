"""The storeroom's read commands on the plain reader (#17): on SQLite no ORM (nor rich,
tabulate, openpyxl) is imported on their path, and what they show agrees with what the
ORM reads from the same rows: back-dated movements, reversals, a movement dated after
today, a person's and a unit's draws."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import Cli, js, raw, sa_url
from plain_path import heavy_imports


def off_the_orm(db: str, args: list[str], exit_code: int = 0) -> str:
    """Run `houqin --db DB ARGS -f csv` in a fresh interpreter; assert the exit code and
    that none of HEAVY was imported; the output."""
    heavy, out = heavy_imports(db, args, (exit_code,))
    assert heavy == [], heavy
    return out


@pytest.fixture
def store(cli: Cli) -> Cli:
    """粉笔 and 扫把 received, issued to a class and to a person, a back-dated receipt,
    a reversed issue, a return, and an issue moved after today behind the program's back."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("people", "add", "王芳")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品",
           "--reorder-level", "5")  # fmt: skip
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--category", "清洁用品")
    cli.ok("stock", "receive", "粉笔", "100", "--price", "1", "--date", "2026-02-02")
    cli.ok("stock", "receive", "扫把", "4", "--price", "15", "--date", "2026-02-03")
    cli.ok("stock", "issue", "粉笔", "30", "--to", "初一(1)班", "--date", "2026-02-10")
    cli.ok("stock", "issue", "粉笔", "10", "--to", "王芳", "--date", "2026-02-11")
    cli.ok("stock", "receive", "粉笔", "20", "--price", "1.5", "--date", "2026-01-20")  # back-dated
    cli.ok("stock", "void", "CK-2026-0002", "--reason", "记错")
    cli.ok("stock", "return", "粉笔", "5", "--from", "初一(1)班", "--date", "2026-02-20")
    cli.ok("stock", "issue", "扫把", "1", "--to", "初一(1)班", "--date", "2026-03-01")
    with raw(cli.db) as con:  # as old ledgers hold them: dated after today (2026-03-02)
        con.execute(
            sa.text("UPDATE stock_movement SET date = '2027-03-01' WHERE code = 'CK-2026-0003'")
        )
    return cli


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["stock", "movements"],
        ["stock", "movements", "--kind", "issue", "--unit", "初一(1)班", "--from", "2026-02"],
        ["stock", "movements", "--unit", "王芳"],
        ["stock", "ledger", "粉笔", "--from", "2026-02", "--to", "2026-02-28"],
        ["stock", "summary", "--month", "2026-02"],
        ["stock", "summary", "--month", "2026-02", "--by", "unit"],
        ["stock", "summary", "--month", "2026-02", "--by", "category"],
        ["stock", "item", "show", "fb"],
        ["stock", "slip", "CK-2026-0001"],
        ["stock", "slip", "ck-2026-0003"],
    ],
)
def test_the_storeroom_reads_keep_the_orm_off_their_path(store: Cli, args: list[str]) -> None:
    out = off_the_orm(store.db, args)
    assert out.count("\n") >= 2  # a header and at least one row


@pytest.mark.sqlite_only
def test_the_reorder_check_finds_on_the_plain_path_too(store: Cli) -> None:
    store.ok("stock", "issue", "粉笔", "92", "--to", "初一(1)班", "--date", "2026-03-02")
    assert "粉笔" in off_the_orm(store.db, ["stock", "check"], exit_code=1)


def orm_movements(db: str) -> list[Any]:
    from sqlmodel import Session, col, select

    from houqin_cli.stock.models import StockItem, StockMovement

    eng = sa.create_engine(sa_url(db))
    try:
        with Session(eng) as s:
            items = {i.id: i for i in s.exec(select(StockItem))}
            found = list(
                s.exec(
                    select(StockMovement).order_by(col(StockMovement.date), col(StockMovement.id))
                )
            )
            codes = {m.id: m.code for m in found}
            return [(m, items[m.item_id], codes.get(m.reverses_id)) for m in found]
    finally:
        eng.dispose()


def test_movements_and_the_ledger_agree_with_the_orm(store: Cli) -> None:
    moved = orm_movements(store.db)
    listed = js(store.ok("stock", "movements", "-f", "json"))
    assert [
        (r["code"], r["date"], r["kind"], r["item_code"], Decimal(r["quantity"]), r["value"],
         r["reverses"])
        for r in listed
    ] == [
        (m.code, m.date.isoformat(), m.kind, i.code, Decimal(m.qty_delta) / 1000,
         f"{m.value_delta / 100:.2f}", rev)
        for m, i, rev in moved
    ]  # fmt: skip
    assert [r["code"] for r in listed][:2] == ["RK-2026-0003", "RK-2026-0001"]  # back-dated first
    assert listed[-1]["date"] == "2027-03-01"
    by_person = js(store.ok("stock", "movements", "--unit", "王芳", "-f", "json"))
    assert [(r["code"], r["unit"]) for r in by_person] == [
        ("CK-2026-0002", "王芳"),
        ("HC-2026-0001", "王芳"),
    ]
    ledger = js(store.ok("stock", "ledger", "粉笔", "--from", "2026-02", "-f", "json"))
    chalk = [(m, rev) for m, i, rev in moved if i.code == "WZ-0001"]
    opening = sum(m.qty_delta for m, _ in chalk if m.date.isoformat() < "2026-02-01")
    assert Decimal(ledger[0]["balance_quantity"]) * 1000 == opening
    running = opening
    since = [m for m, _rev in chalk if m.date.isoformat() >= "2026-02-01"]
    for line, m in zip(ledger[1:], since, strict=True):
        running += m.qty_delta
        assert line["code"] == m.code and Decimal(line["balance_quantity"]) * 1000 == running


def test_the_summary_agrees_with_the_orm(store: Cli) -> None:
    moved = orm_movements(store.db)
    listed = js(store.ok("stock", "summary", "--month", "2026-02", "-f", "json"))
    rows = {r["item_code"]: r for r in listed if r.get("item_code")}
    assert set(rows) == {"WZ-0001", "WZ-0002"}
    for code, row in rows.items():
        mine = [m for m, i, _ in moved if i.code == code]
        opening = sum(m.value_delta for m in mine if m.date.isoformat() < "2026-02-01")
        closing = sum(m.value_delta for m in mine if m.date.isoformat() <= "2026-02-28")
        assert Decimal(row["opening_value"]) * 100 == opening
        assert Decimal(row["closing_value"]) * 100 == closing
    units = js(store.ok("stock", "summary", "--month", "2026-02", "--by", "unit", "-f", "json"))
    drawn = {r["org_unit"]: r for r in units if r.get("item_code")}
    assert Decimal(drawn["初一(1)班"]["issued_quantity"]) == 30
    assert Decimal(drawn["初一(1)班"]["returned_quantity"]) == 5
    assert Decimal(drawn["王芳"]["issued_quantity"]) == 10  # reversed in March, not here


def test_item_show_and_names_on_the_plain_path(store: Cli) -> None:
    shown = js(store.ok("stock", "item", "show", "sb", "-f", "json"))
    assert (shown["code"], shown["quantity"], shown["value"]) == (
        "WZ-0002",
        "4",
        "60.00",
    )  # the future issue left out
    res = store("stock", "item", "show", "橡皮")
    assert res.exit_code == 2 and "橡皮" in res.stderr
    res = store("stock", "movements", "--unit", "体育组")
    assert res.exit_code == 2 and "体育组" in res.stderr
    res = store("stock", "movements", "--kind", "gift")
    assert res.exit_code == 2 and "gift" in res.stderr
