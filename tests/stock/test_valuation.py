"""Valuation of the storeroom (issue 3, "What must hold"): receipts by --price or
--amount, the moving weighted average kept exactly in fen, returns at the
average (or at the last issue's cost), back-dated movements re-valuing the later
ones, balances at a past date reproduced from the movements alone, and a
property test over random receipts and issues."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import col

from conftest import Cli, assert_refused, invoke
from houqin_cli.core import tx
from houqin_cli.core.db import Ledger
from houqin_cli.core.errors import RuleError
from houqin_cli.stock import service
from houqin_cli.stock.models import StockItem, StockMovement

BALANCE_KEYS = {"item_code", "item", "unit", "quantity", "unit_cost", "value"}


# -- helpers ---------------------------------------------------------------------------


def rows(cli: Cli, *args: str) -> list[dict[str, Any]]:
    res = cli.ok(*args, "-f", "json")
    data = json.loads(res.stdout)
    assert isinstance(data, list), res
    return data


def ledger(cli: Cli, item: str, *args: str) -> list[dict[str, Any]]:
    """The movement lines of `stock ledger` (the opening line left out)."""
    return [r for r in rows(cli, "stock", "ledger", item, *args) if r["kind"] != "opening"]


def balance(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    found = rows(cli, "stock", "balance", *args)
    for r in found:
        assert set(r) >= BALANCE_KEYS, r
    return {r["item"]: r for r in found}


def code_of(cli: Cli, *args: str) -> str:
    res = cli.ok(*args)
    return res.stdout.strip()


def mag(text: str) -> Decimal:
    """The size of a signed decimal string, whichever sign an outgoing line carries."""
    return abs(Decimal(text))


@pytest.fixture
def store(cli: Cli) -> Cli:
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("people", "add", "张三")
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--category", "食堂")
    return cli


# -- receipts --------------------------------------------------------------------------


def test_receive_by_price_is_quantity_times_price_rounded_half_up(store: Cli) -> None:
    # 0.5 x 3.45 = 1.725: half up gives 1.73 (half even would give 1.72)
    res = store.ok("stock", "receive", "大米", "0.5", "--price", "3.45")
    assert res.stdout == "RK-2026-0001\n"
    [line] = ledger(store, "大米")
    assert line["code"] == "RK-2026-0001"
    assert line["quantity"] == "0.5"
    assert line["value"] == "1.73"
    b = balance(store)["大米"]
    assert b["item_code"] == "WZ-0001"
    assert b["unit"] == "kg"
    assert b["quantity"] == "0.5"
    assert b["value"] == "1.73"
    assert b["unit_cost"] == "3.46"


def test_receive_by_amount_takes_the_total(store: Cli) -> None:
    assert code_of(store, "stock", "receive", "大米", "3", "--amount", "¥1,234.50") == (
        "RK-2026-0001"
    )
    assert code_of(store, "stock", "receive", "大米", "1.25", "--amount", "10") == "RK-2026-0002"
    b = balance(store)["大米"]
    assert b["quantity"] == "4.25"
    assert b["value"] == "1244.50"
    assert b["unit_cost"] == "292.82"  # 1244.50 / 4.25 = 292.8235…


# -- the moving weighted average -------------------------------------------------------


def test_three_kilos_for_ten_yuan_issued_one_by_one(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10.00")
    codes = [code_of(store, "stock", "issue", "大米", "1", "--to", "总务处") for _ in range(3)]
    assert codes == ["CK-2026-0001", "CK-2026-0002", "CK-2026-0003"]
    lines = ledger(store, "大米")
    assert [r["code"] for r in lines] == ["RK-2026-0001", *codes]
    assert lines[0]["value"] == "10.00"
    assert [mag(r["value"]) for r in lines[1:]] == [
        Decimal("3.33"),
        Decimal("3.34"),
        Decimal("3.33"),
    ]
    assert [r["balance_quantity"] for r in lines] == ["3", "2", "1", "0"]
    assert [r["balance_value"] for r in lines] == ["10.00", "6.67", "3.33", "0.00"]
    b = balance(store)["大米"]
    assert b["quantity"] == "0"
    assert b["value"] == "0.00"
    assert b["unit_cost"] in (None, "0.00")


def test_average_after_two_receipts_at_different_prices(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "2", "--price", "3")
    store.ok("stock", "receive", "大米", "1", "--price", "6")
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"], b["unit_cost"]) == ("3", "12.00", "4.00")
    store.ok("stock", "issue", "大米", "0.5", "--to", "总务处")
    [*_, last] = ledger(store, "大米")
    assert mag(last["value"]) == Decimal("2.00")
    assert (last["balance_quantity"], last["balance_value"]) == ("2.5", "10.00")


def test_fractional_issue_is_rounded_half_up_and_the_last_takes_the_rest(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "0.5", "--to", "总务处")  # 10 x 0.5 / 3 = 1.666…
    store.ok("stock", "issue", "大米", "2.5", "--to", "总务处")  # the rest: 8.33
    lines = ledger(store, "大米")
    assert [mag(r["value"]) for r in lines[1:]] == [Decimal("1.67"), Decimal("8.33")]
    assert (lines[-1]["balance_quantity"], lines[-1]["balance_value"]) == ("0", "0.00")


# -- returns ---------------------------------------------------------------------------


def test_return_comes_back_at_the_current_average(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "2", "--price", "3")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处")  # at 3.00
    store.ok("stock", "receive", "大米", "2", "--price", "6")  # 1 @ 3 + 2 @ 6 = 15 for 3
    res = store.ok("stock", "return", "大米", "1", "--from", "总务处")
    assert res.stdout == "TK-2026-0001\n"
    [*_, last] = ledger(store, "大米")
    assert last["code"] == "TK-2026-0001"
    assert last["kind"] == "return"
    assert last["quantity"] == "1"
    assert last["value"] == "5.00"  # the average, not the 3.00 it went out at
    assert last["unit"] == "总务处"
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"], b["unit_cost"]) == ("4", "20.00", "5.00")


def test_return_with_none_on_hand_is_at_the_cost_of_the_last_issue(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "1", "--price", "2")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处")  # 2.00 each
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "3", "--to", "张三")  # 10.00 for 3: the last issue
    assert code_of(store, "stock", "return", "大米", "2", "--from", "张三") == "TK-2026-0001"
    [*_, last] = ledger(store, "大米")
    assert last["value"] == "6.67"  # 2 x 10.00 / 3, not 2 x 2.00
    assert last["unit"] == "张三"
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"]) == ("2", "6.67")


# -- reversals carry the original's value ------------------------------------------------


def test_void_of_an_issue_restores_quantity_and_value(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处")
    store.ok("stock", "void", "CK-2026-0001", "--reason", "wrong class")
    lines = ledger(store, "大米")
    issue, void = lines[1], lines[2]
    assert void["kind"] == "void"
    assert void["reverses"] == "CK-2026-0001"
    assert Decimal(void["quantity"]) == -Decimal(issue["quantity"])
    assert Decimal(void["value"]) == -Decimal(issue["value"])
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"]) == ("3", "10.00")


# -- back-dated movements ----------------------------------------------------------------


def test_back_dated_receipt_revalues_a_later_issue(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "2", "--price", "5", "--date", "2026-01-05")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处", "--date", "2026-02-01")
    [_, issue] = ledger(store, "大米")
    assert mag(issue["value"]) == Decimal("5.00")
    before_at = balance(store, "--at", "2026-01-31")["大米"]
    assert (before_at["quantity"], before_at["value"]) == ("2", "10.00")

    store.ok("stock", "receive", "大米", "2", "--price", "8", "--date", "2026-01-10")
    lines = ledger(store, "大米")
    assert [r["date"] for r in lines] == ["2026-01-05", "2026-01-10", "2026-02-01"]
    assert [r["code"] for r in lines] == ["RK-2026-0001", "RK-2026-0002", "CK-2026-0001"]
    # at the issue's date: 2 @ 5 + 2 @ 8 = 26.00 for 4, so the issue is now 6.50
    assert mag(lines[2]["value"]) == Decimal("6.50")
    assert [r["balance_value"] for r in lines] == ["10.00", "26.00", "19.50"]
    assert [r["balance_quantity"] for r in lines] == ["2", "4", "3"]

    at_jan = balance(store, "--at", "2026-01-31")["大米"]
    assert (at_jan["quantity"], at_jan["value"], at_jan["unit_cost"]) == ("4", "26.00", "6.50")
    at_jan5 = balance(store, "--at", "2026-01-05")["大米"]
    assert (at_jan5["quantity"], at_jan5["value"]) == ("2", "10.00")
    now = balance(store)["大米"]
    assert (now["quantity"], now["value"]) == ("3", "19.50")
    assert balance(store, "--at", "2026-02-01")["大米"]["value"] == "19.50"
    # the ledger through a past date ends where the balance at that date stands
    assert ledger(store, "大米", "--to", "2026-01-31")[-1]["balance_value"] == "26.00"
    opening = rows(store, "stock", "ledger", "大米", "--from", "2026-02-01")[0]
    assert opening["kind"] == "opening"
    assert (opening["balance_quantity"], opening["balance_value"]) == ("4", "26.00")


def test_back_dated_issue_is_refused_when_the_stock_runs_short(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "2", "--price", "2", "--date", "2026-02-01")
    # before any receipt
    assert_refused(
        store, 3, "stock", "issue", "大米", "1", "--to", "总务处", "--date", "2026-01-15",
        contains="Not enough 大米 on 2026-01-15: 0 kg on hand, 1 kg wanted",
    )  # fmt: skip
    assert len(ledger(store, "大米")) == 1
    # no issue number was used up
    issued = code_of(store, "stock", "issue", "大米", "2", "--to", "总务处", "--date", "2026-02-10")
    assert issued == "CK-2026-0001"
    # one that would starve the later issue
    assert_refused(
        store, 3, "stock", "issue", "大米", "1", "--to", "总务处", "--date", "2026-02-05",
        contains="Not enough 大米 on 2026-02-10: 1 kg on hand, 2 kg wanted",
    )  # fmt: skip


# -- the property: random receipts and issues ----------------------------------------------

START = date(2026, 1, 1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite ledger made by `houqin init`, with one unit and one item."""
    db = tmp_path_factory.mktemp("valuation") / "ledger.db"
    for args in (
        ["init", "--school", "测试学校"],
        ["unit", "add", "总务处", "--kind", "department"],
        ["stock", "item", "add", "大米", "--unit", "kg"],
    ):
        res = invoke(["--db", str(db), *args])
        assert res.exit_code == 0, res
    return db


@dataclass
class Line:
    day: date
    seq: int
    kind: str
    milli: int
    value: int  # a receipt's value; an issue's is worked out


def _half_up(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def model(lines: list[Line]) -> list[tuple[int, int]] | None:
    """Value the lines by the moving weighted average, in ledger order: (qty, value)
    deltas in that order, or None when the quantity would go below zero."""
    qty = value = 0
    out = []
    for ln in sorted(lines, key=lambda x: (x.day, x.seq)):
        if ln.kind == "receive":
            d = (ln.milli, ln.value)
        else:
            if ln.milli > qty:
                return None
            v = value if ln.milli == qty else _half_up(Decimal(value) * ln.milli / qty)
            d = (-ln.milli, -v)
        qty += d[0]
        value += d[1]
        out.append(d)
    return out


OPS = st.lists(
    st.tuples(
        st.sampled_from(["receive", "receive", "issue", "issue", "issue"]),
        st.one_of(  # milli: 0.001 .. 4 kg, often whole or half kilos (ties in rounding)
            st.integers(min_value=1, max_value=4000),
            st.sampled_from([500, 1000, 1500, 2000, 3000]),
        ),
        st.one_of(  # fen per kg, or the total
            st.integers(min_value=0, max_value=2000),
            st.sampled_from([1, 3, 5, 7, 1000]),
        ),
        st.booleans(),  # --price or --amount
        st.integers(min_value=0, max_value=40),  # days after 2026-01-01
    ),
    min_size=1,
    max_size=12,
)


def _qty_text(milli: int) -> str:
    return format(Decimal(milli) / 1000, "f")


def _money_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_random_receipts_and_issues_keep_the_books_consistent(
    template: Path, ops: list[tuple[str, int, int, bool, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ledger.db"
        for suffix in ("", "-wal"):
            src = Path(str(template) + suffix)
            if src.exists():
                shutil.copy(src, str(db) + suffix)
        led = Ledger.from_option(str(db))
        try:
            accepted: list[Line] = []
            for n, (kind, milli, fen, by_price, offset) in enumerate(ops):
                day = START + timedelta(days=offset)
                if kind == "receive":
                    value = _half_up(Decimal(fen) * milli / 1000) if by_price else fen
                else:
                    value = 0
                candidate = Line(day, n, kind, milli, value)
                expected = model([*accepted, candidate])
                try:
                    with tx.write(led, "prop", "test") as s:
                        actor = s.info["actor"]
                        if kind == "receive":
                            money_arg = _money_text(fen)
                            service.receive(
                                s,
                                actor,
                                "大米",
                                _qty_text(milli),
                                price=money_arg if by_price else None,
                                amount=None if by_price else money_arg,
                                day=day,
                            )
                        else:
                            service.issue(s, actor, "大米", _qty_text(milli), to="总务处", day=day)
                    refused = False
                except RuleError:
                    refused = True
                assert refused == (expected is None), (ops[: n + 1], refused)
                if not refused:
                    accepted.append(candidate)
                _check(led, accepted)
        finally:
            led.dispose()


def _check(led: Ledger, accepted: list[Line]) -> None:
    with led.read() as s:
        item = s.execute(select(StockItem)).scalars().one()
        moves = list(
            s.execute(
                select(StockMovement).order_by(col(StockMovement.date), col(StockMovement.id))
            ).scalars()
        )
    # on hand: never negative, zero quantity is zero value, and the movements add up
    assert item.qty_milli >= 0 and item.value_fen >= 0, item
    if item.qty_milli == 0:
        assert item.value_fen == 0, item
    assert item.qty_milli == sum(m.qty_delta for m in moves)
    assert item.value_fen == sum(m.value_delta for m in moves)
    # the same at every line of the ledger
    qty = value = 0
    for m in moves:
        qty += m.qty_delta
        value += m.value_delta
        assert qty >= 0 and value >= 0, (m.code, qty, value)
        if qty == 0:
            assert value == 0, (m.code, value)
    # and every line valued exactly as the moving weighted average says
    expected = model(accepted)
    assert expected is not None
    assert [(m.qty_delta, m.value_delta) for m in moves] == expected
