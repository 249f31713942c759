"""`stock balance` and `stock item list` on the plain reader (#17): the same figures as
the ORM gives over the same movements — back-dated, reversed, returned, dated after
today — on either backend (tests/test_plain_reads.py checks the ORM stays off their path)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from conftest import Cli, js, raw, sa_url

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 2)  # HOUQIN_NOW of the tests


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Three items in two categories, receipts, issues, a back-dated receipt that
    re-values later issues, a return, a reversal, a retired item, and one movement
    dated after today (planted, as ledgers from before the rule may hold)."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok(
        "stock",
        "item",
        "add",
        "粉笔",
        "--unit",
        "盒",
        "--category",
        "办公用品",
        "--reorder-level",
        "120",
    )
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--category", "清洁用品", "--durable")
    cli.ok("stock", "item", "add", "胶水", "--unit", "瓶")  # no category
    cli.ok("stock", "receive", "粉笔", "100", "--price", "1.10", "--date", "2026-01-05")
    cli.ok("stock", "issue", "粉笔", "30", "--to", "初一(1)班", "--date", "2026-01-20")
    cli.ok("stock", "receive", "粉笔", "40", "--price", "1.30", "--date", "2026-01-10")
    cli.ok("stock", "return", "粉笔", "5", "--from", "初一(1)班", "--date", "2026-02-03")
    cli.ok("stock", "receive", "扫把", "6", "--price", "15", "--date", "2026-02-01")
    cli.ok("stock", "receive", "胶水", "3", "--price", "2.50", "--date", "2026-02-01")
    cli.ok("stock", "issue", "胶水", "3", "--to", "初一(1)班", "--date", "2026-02-10")
    cli.ok("stock", "item", "retire", "胶水")
    cli.ok("stock", "receive", "扫把", "2", "--price", "16", "--date", "2026-02-20")
    with raw(cli.db) as con:
        last = con.execute(sa.text("SELECT code FROM stock_movement ORDER BY id DESC")).first()
    cli.ok("stock", "void", last[0], "--reason", "录错")
    cli.ok("stock", "receive", "粉笔", "10", "--price", "1.20", "--date", "2026-03-01")
    with raw(cli.db) as con:  # the last receipt of 粉笔 dated after today
        con.execute(
            sa.text(
                "UPDATE stock_movement SET date = '2026-04-01' WHERE id = "
                "(SELECT max(id) FROM stock_movement)"
            )
        )
    return cli


def orm_positions(db: str, day: date | None) -> dict[str, tuple[Decimal, int]]:
    """item code -> (quantity, value) through the ORM: the movements up to `day`, or
    (day None) what each item keeps less what is dated after today."""
    from sqlmodel import Session, col, func, select

    from houqin_cli.stock.models import StockItem, StockMovement

    eng = sa.create_engine(sa_url(db))
    try:
        with Session(eng) as s:
            out = {}
            for item in s.exec(select(StockItem)):
                cond = (
                    col(StockMovement.date) <= day
                    if day is not None
                    else col(StockMovement.date) > TODAY
                )
                q, v = s.exec(
                    select(
                        func.coalesce(func.sum(StockMovement.qty_delta), 0),
                        func.coalesce(func.sum(StockMovement.value_delta), 0),
                    ).where(col(StockMovement.item_id) == item.id, cond)
                ).one()
                if day is None:
                    q, v = item.qty_milli - q, item.value_fen - v
                out[item.code] = (Decimal(int(q)) / 1000, int(v))
            return out
    finally:
        eng.dispose()


def shown(rows: list[dict[str, str]], code: str) -> dict[tuple[str, ...], tuple[Decimal, int]]:
    return {
        r[code]: (Decimal(r["quantity"]), int(Decimal(r["value"]) * 100))
        for r in rows
        if r[code] is not None
    }


@pytest.mark.parametrize("at", [None, "2026-01-15", "2026-01-31", "2026-02-20", "2026-12-31"])
def test_balance_agrees_with_the_orm(store: Cli, at: str | None) -> None:
    args = ["--at", at] if at else []
    rows = js(store("stock", "balance", *args, "-f", "json"))
    want = orm_positions(store.db, date.fromisoformat(at) if at else None)
    got = shown(rows, "item_code")
    # a retired item at zero is left out; every other item is shown as the ORM sums it
    assert got == {c: p for c, p in want.items() if c in got}
    assert set(want) - set(got) <= {"WZ-0003"}


def test_item_list_agrees_with_the_orm_and_filters(store: Cli) -> None:
    want = orm_positions(store.db, None)
    everything = js(store("stock", "item", "list", "--all", "-f", "json"))
    assert shown(everything, "code") == want
    assert [r["code"] for r in everything] == sorted(want)
    assert [r["code"] for r in js(store("stock", "item", "list", "-f", "json"))] == [
        "WZ-0001",
        "WZ-0002",
    ]
    durable = js(store("stock", "item", "list", "--durable", "-f", "json"))
    assert [(r["code"], r["durable"], r["active"]) for r in durable] == [("WZ-0002", True, True)]
    office = js(store("stock", "item", "list", "--category", "办公用品", "-f", "json"))
    assert [r["code"] for r in office] == ["WZ-0001"]


def test_below_reorder_and_category(store: Cli) -> None:
    low = js(store("stock", "balance", "--below-reorder", "-f", "json"))
    # 粉笔: 100 + 40 - 30 + 5 on hand today (the 10 dated after today left out)
    assert [(r["item_code"], r["quantity"], r["reorder_level"]) for r in low] == [
        ("WZ-0001", "115", "120")
    ]
    only = js(store("stock", "balance", "--category", "清洁用品", "-f", "json"))
    assert [r["item_code"] for r in only] == ["WZ-0002"]
