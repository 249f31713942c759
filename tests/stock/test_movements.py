"""Stock movements through the CLI (issue 3): receive, issue (durable items against
the old ones returned), return, void (红冲), closed months, `stock movements`
filters, the journal and `audit verify` catching a movement edited behind the
program's back. Every refused write leaves the ledger unchanged (assert_refused)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from conftest import Cli, assert_each_refused, assert_refused, assert_refused_as_left, raw

MOVEMENT_KEYS = {"code", "date", "kind", "item_code", "quantity", "value", "unit", "reverses"}


# -- helpers ---------------------------------------------------------------------------


def rows(cli: Cli, *args: str) -> list[dict[str, Any]]:
    res = cli.ok(*args, "-f", "json")
    data = json.loads(res.stdout)
    assert isinstance(data, list), res
    return data


def movements(cli: Cli, *args: str) -> list[dict[str, Any]]:
    found = rows(cli, "stock", "movements", *args)
    for r in found:
        assert set(r) >= MOVEMENT_KEYS, r
    return found


def by_code(cli: Cli) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in movements(cli)}


def balance(cli: Cli) -> dict[str, dict[str, Any]]:
    return {r["item"]: r for r in rows(cli, "stock", "balance")}


def code_of(cli: Cli, *args: str) -> str:
    res = cli.ok(*args)
    code = res.stdout.strip()
    assert "\n" not in code, res
    return code


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Two units, three people (one approver), a consumable and a durable item."""
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("unit", "add", "初一年级", "--kind", "grade")
    cli.ok("unit", "add", "初一(1)班", "--kind", "class", "--parent", "初一年级")
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四", "--role", "approver")
    cli.ok("people", "add", "王五")
    cli.ok("stock", "item", "add", "大米", "--unit", "kg", "--category", "食堂")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--durable", "--category", "清洁用品")
    return cli


# -- receive ---------------------------------------------------------------------------


def test_receive_prints_its_code_and_numbers_run_on(store: Cli) -> None:
    res = store.ok("stock", "receive", "大米", "10", "--price", "4.5", "--supplier", "粮油店")
    assert res.stdout == "RK-2026-0001\n"
    res = store.ok("stock", "receive", "大米", "2", "--amount", "9")
    assert res.stdout == "RK-2026-0002\n"
    ms = by_code(store)
    assert ms["RK-2026-0001"]["kind"] == "receive"
    assert ms["RK-2026-0001"]["item_code"] == "WZ-0001"
    assert ms["RK-2026-0001"]["quantity"] == "10"
    assert ms["RK-2026-0001"]["value"] == "45.00"
    assert ms["RK-2026-0001"]["date"] == "2026-03-02"
    assert ms["RK-2026-0002"]["value"] == "9.00"


@pytest.mark.parametrize(
    "money",
    [
        ["--price", "1", "--amount", "2"],
        [],
    ],
    ids=["both", "neither"],
)
def test_receive_needs_exactly_one_of_price_and_amount(store: Cli, money: list[str]) -> None:
    assert_refused(
        store, 2, "stock", "receive", "大米", "2", *money,
        contains="Give either --price (per unit) or --amount (the total), not both",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "contains", "usage"),
    [
        (["大米", "0", "--price", "1"], "Invalid quantity '0': it must be more than zero", False),
        (["大米", "0.000", "--price", "1"], "Invalid quantity '0.000': it must be more", False),
        # as typed, click reads "-1" as an option: a usage error (the rule is after `--`)
        (["大米", "-1", "--price", "1"], "No such option: -1", True),
        (
            ["大米", "--price", "1", "--", "-1"],
            "Invalid quantity '-1': it cannot be negative",
            False,
        ),
        (["大米", "--price", "1", "--", "-0.5"], "Invalid quantity '-0.5': it cannot be", False),
        (["大米", "1.0005", "--price", "1"], "Invalid quantity '1.0005': at most three", False),
        (["大米", "two", "--price", "1"], "Invalid quantity 'two'", False),
    ],
    ids=[
        "zero",
        "zero-decimals",
        "negative",
        "negative-after-dashdash",
        "negative-half",
        "four-decimals",
        "text",
    ],
)
def test_receive_bad_quantity_is_exit_2(
    store: Cli, args: list[str], contains: str, usage: bool
) -> None:
    assert_refused(store, 2, "stock", "receive", *args, contains=contains, usage=usage)


@pytest.mark.parametrize(
    ("money", "contains"),
    [
        (["--price", "1.005"], "Invalid amount '1.005': money has at most two decimal places"),
        (["--price", "-1"], "Invalid amount '-1': an amount cannot be negative"),
        (["--price", "-0.01"], "Invalid amount '-0.01': an amount cannot be negative"),
        (["--price", "cheap"], "Invalid amount 'cheap'"),
        (["--amount", "10.001"], "Invalid amount '10.001': money has at most two decimal places"),
        (["--amount", "-10"], "Invalid amount '-10': an amount cannot be negative"),
    ],
)
def test_receive_bad_price_or_amount_is_exit_2(store: Cli, money: list[str], contains: str) -> None:
    assert_refused(store, 2, "stock", "receive", "大米", "1", *money, contains=contains)


def test_refused_receipt_uses_no_number(store: Cli) -> None:
    assert_refused(
        store, 2, "stock", "receive", "大米", "1", "--price", "1.005",
        contains="Invalid amount '1.005': money has at most two decimal places",
    )  # fmt: skip
    assert code_of(store, "stock", "receive", "大米", "1", "--price", "1") == "RK-2026-0001"


def test_receive_into_a_retired_item_is_refused(store: Cli) -> None:
    store.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    store.ok("stock", "item", "retire", "粉笔")
    assert_refused(
        store, 3, "stock", "receive", "粉笔", "1", "--price", "2",
        contains="粉笔 is retired; nothing more can be received",
    )  # fmt: skip


def test_receive_into_an_unknown_item_is_exit_2(store: Cli) -> None:
    assert_refused(
        store, 2, "stock", "receive", "面粉", "1", "--price", "2", contains="No item matches '面粉'"
    )


# -- issue -----------------------------------------------------------------------------


def test_issue_to_a_unit_and_to_a_person(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "10", "--price", "2")
    assert code_of(store, "stock", "issue", "大米", "3", "--to", "初一(1)班") == "CK-2026-0001"
    assert (
        code_of(store, "stock", "issue", "大米", "1.5", "--to", "张三", "--by", "李四")
        == "CK-2026-0002"
    )
    ms = by_code(store)
    assert ms["CK-2026-0001"]["kind"] == "issue"
    assert ms["CK-2026-0001"]["unit"] == "初一(1)班"
    assert abs(Decimal(ms["CK-2026-0001"]["quantity"])) == Decimal("3")
    assert abs(Decimal(ms["CK-2026-0001"]["value"])) == Decimal("6.00")
    assert ms["CK-2026-0002"]["unit"] == "张三"
    assert abs(Decimal(ms["CK-2026-0002"]["quantity"])) == Decimal("1.5")
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"]) == ("5.5", "11.00")


def test_issue_to_a_person_who_has_left_is_refused(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "10", "--price", "2")
    store.ok("people", "leave", "王五")
    issue = ("stock", "issue", "大米", "1", "--to", "王五")
    assert_refused_as_left(store, "王五 (RY-0003)", "2026-03-02", *issue)


def test_issue_to_nobody_known_is_exit_2(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "10", "--price", "2")
    assert_refused(
        store, 2, "stock", "issue", "大米", "1", "--to", "不存在的人",
        contains="No unit or person matches '不存在的人'",
    )  # fmt: skip


@pytest.mark.parametrize(("on_hand", "wanted"), [("2", "5"), ("0", "1")])
def test_issue_more_than_on_hand_says_how_much_there_is(
    store: Cli, on_hand: str, wanted: str
) -> None:
    if on_hand != "0":
        store.ok("stock", "receive", "大米", on_hand, "--price", "2")
    assert_refused(
        store, 3, "stock", "issue", "大米", wanted, "--to", "总务处",
        contains=f"Not enough 大米 on 2026-03-02: {on_hand} kg on hand, {wanted} kg wanted",
    )  # fmt: skip


@pytest.mark.parametrize("qty", ["0", "1.0005", "0.0001"])
@pytest.mark.parametrize(("verb", "party"), [("issue", "--to"), ("return", "--from")])
def test_issue_or_return_bad_quantity_is_exit_2(
    store: Cli, verb: str, party: str, qty: str
) -> None:
    store.ok("stock", "receive", "大米", "4", "--amount", "10")
    store.ok("stock", "issue", "大米", "2", "--to", "初一(1)班")
    assert_refused(
        store, 2, "stock", verb, "大米", qty, party, "初一(1)班",
        contains=f"Invalid quantity '{qty}'",
    )  # fmt: skip


def test_durable_item_without_the_old_ones_back_is_refused(store: Cli) -> None:
    store.ok("stock", "receive", "扫把", "5", "--price", "12.50")
    res = assert_refused(
        store, 3, "stock", "issue", "扫把", "2", "--to", "初一(1)班",
        contains="2 把 issued but 0 把 returned",
    )  # fmt: skip
    assert "durable" in res.stderr.lower() or "领新交旧" in res.stderr  # the rule
    for way in ("--old-returned", "--no-old", "--approved-by"):  # the way forward
        assert way in res.stderr, res
    issue = ("stock", "issue", "扫把")
    assert_each_refused(
        store,
        # fewer old ones than new ones is no better
        (3, [*issue, "2", "--to", "初一(1)班", "--old-returned", "1"],
         "2 把 issued but 1 把 returned"),
        # nor is an exemption no one approved
        (3, [*issue, "1", "--to", "初一(1)班", "--no-old", "lost"],
         "Issuing 扫把 without the old ones back needs an approver"),
    )  # fmt: skip
    # or one approved by someone who has left
    store.ok("people", "leave", "李四")
    approved = ("--to", "初一(1)班", "--no-old", "lost", "--approved-by", "李四")
    assert_refused_as_left(store, "李四 (RY-0002)", "2026-03-02", *issue, "1", *approved)


def test_durable_item_against_as_many_old_ones(store: Cli) -> None:
    store.ok("stock", "receive", "扫把", "5", "--price", "12.50")
    code = code_of(store, "stock", "issue", "扫把", "2", "--to", "初一(1)班", "--old-returned", "2")
    assert code == "CK-2026-0001"
    m = by_code(store)[code]
    assert Decimal(m["old_returned"]) == 2
    assert m["no_old_reason"] is None
    # the old brooms are not stock: 5 received, 2 issued, 3 left at the same value
    b = balance(store)["扫把"]
    assert (b["quantity"], b["value"], b["unit_cost"]) == ("3", "37.50", "12.50")


def test_durable_item_with_an_approved_exemption(store: Cli) -> None:
    store.ok("stock", "receive", "扫把", "5", "--price", "12.50")
    code = code_of(
        store, "stock", "issue", "扫把", "2", "--to", "初一(1)班",
        "--no-old", "first issue to a new class", "--approved-by", "李四",
    )  # fmt: skip
    m = by_code(store)[code]
    assert m["no_old_reason"] == "first issue to a new class"
    assert m["old_returned"] in (None, "0")
    assert balance(store)["扫把"]["quantity"] == "3"


def test_consumable_needs_no_old_ones(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "5", "--price", "2")
    store.ok("stock", "issue", "大米", "5", "--to", "总务处")


# -- return ----------------------------------------------------------------------------


def test_return_prints_a_tk_code_and_names_who_returned_it(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "4", "--amount", "10")
    store.ok("stock", "issue", "大米", "2", "--to", "初一(1)班")
    res = store.ok("stock", "return", "大米", "1", "--from", "初一(1)班")
    assert res.stdout == "TK-2026-0001\n"
    m = by_code(store)["TK-2026-0001"]
    assert (m["kind"], m["quantity"], m["value"], m["unit"]) == (
        "return",
        "1",
        "2.50",
        "初一(1)班",
    )
    assert balance(store)["大米"]["quantity"] == "3"


# -- void (红冲) ------------------------------------------------------------------------


def test_void_of_a_receipt_points_at_it_with_the_opposite_sign(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    res = store.ok("stock", "void", "RK-2026-0001", "--reason", "wrong supplier")
    assert res.stdout == "HC-2026-0001\n"
    ms = by_code(store)
    orig, void = ms["RK-2026-0001"], ms["HC-2026-0001"]
    assert void["kind"] == "void"
    assert void["reverses"] == "RK-2026-0001"
    assert orig["reverses"] is None
    assert void["item_code"] == orig["item_code"]
    assert Decimal(void["quantity"]) == -Decimal(orig["quantity"]) == Decimal("-3")
    assert Decimal(void["value"]) == -Decimal(orig["value"]) == Decimal("-10.00")
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"]) == ("0", "0.00")


def test_void_of_an_issue_and_of_a_return(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "2", "--to", "总务处")
    store.ok("stock", "return", "大米", "1", "--from", "总务处")
    assert code_of(store, "stock", "void", "TK-2026-0001", "--reason", "never came") == (
        "HC-2026-0001"
    )
    assert code_of(store, "stock", "void", "CK-2026-0001", "--reason", "typo") == "HC-2026-0002"
    ms = by_code(store)
    for orig, void in (("TK-2026-0001", "HC-2026-0001"), ("CK-2026-0001", "HC-2026-0002")):
        assert ms[void]["reverses"] == orig
        assert Decimal(ms[void]["quantity"]) == -Decimal(ms[orig]["quantity"])
        assert Decimal(ms[void]["value"]) == -Decimal(ms[orig]["value"])
    b = balance(store)["大米"]
    assert (b["quantity"], b["value"]) == ("3", "10.00")


def test_void_twice_is_refused(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "void", "RK-2026-0001", "--reason", "wrong")
    res = assert_refused(
        store, 3, "stock", "void", "RK-2026-0001", "--reason", "again",
        contains="RK-2026-0001 was already reversed by HC-2026-0001",
    )  # fmt: skip
    assert "HC-2026-0001" in res.stderr


def test_void_of_a_void_is_refused(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "void", "RK-2026-0001", "--reason", "wrong")
    assert_refused(
        store, 3, "stock", "void", "HC-2026-0001", "--reason", "undo the undo",
        contains="HC-2026-0001 is a void",
    )  # fmt: skip


def test_void_that_would_drive_stock_negative_is_refused(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "2", "--to", "总务处")
    assert_refused(
        store, 3, "stock", "void", "RK-2026-0001", "--reason", "wrong",
        contains="This would leave 大米 at -2 kg on 2026-03-02",
    )  # fmt: skip


@pytest.mark.parametrize("code", ["RK-2026-0099", "XX-1", "nonsense"])
def test_void_of_an_unknown_code_is_exit_2(store: Cli, code: str) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    assert_refused(
        store, 2, "stock", "void", code, "--reason", "wrong", contains=f"No stock movement {code}"
    )


def test_void_needs_a_reason(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    assert_refused(
        store, 2, "stock", "void", "RK-2026-0001", "--reason", " ",
        contains="A reversal needs a reason: --reason TEXT",
    )  # fmt: skip
    assert_refused(
        store, 2, "stock", "void", "RK-2026-0001", usage=True, contains="Missing option '--reason'"
    )


# -- dates and closed months -------------------------------------------------------------


def test_closed_month_refuses_movements_dated_in_it(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "5", "--price", "2", "--date", "2026-01-05")
    store.ok("config", "set", "stock.closed_through", "2026-01")
    for args in (
        ["receive", "大米", "1", "--price", "2", "--date", "2026-01-15"],
        ["issue", "大米", "1", "--to", "总务处", "--date", "2026-01-15"],
        ["receive", "大米", "1", "--price", "2", "--date", "2026-01-31"],
    ):
        res = assert_refused(
            store, 3, "stock", *args, contains="The books are closed through 2026-01 (stock"
        )
        assert "stock.closed_through" in res.stderr or "2026-01" in res.stderr
    assert code_of(
        store, "stock", "receive", "大米", "1", "--price", "2", "--date", "2026-02-01"
    ) == ("RK-2026-0002")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处", "--date", "2026-02-01")
    assert [m["date"] for m in movements(store)] == ["2026-01-05", "2026-02-01", "2026-02-01"]


def test_bad_date_is_exit_2(store: Cli) -> None:
    assert_refused(
        store, 2, "stock", "receive", "大米", "1", "--price", "2", "--date", "2026-02-30",
        contains="Invalid date '2026-02-30'",
    )  # fmt: skip


# -- stock movements: filters and keys ---------------------------------------------------


@pytest.fixture
def busy(store: Cli) -> Cli:
    store.ok("stock", "receive", "大米", "10", "--price", "2", "--date", "2026-01-05")
    store.ok("stock", "receive", "扫把", "4", "--price", "12", "--date", "2026-01-06")
    store.ok("stock", "issue", "大米", "2", "--to", "总务处", "--date", "2026-02-03")
    store.ok("stock", "issue", "大米", "1", "--to", "张三", "--date", "2026-02-10")
    store.ok(
        "stock", "issue", "扫把", "1", "--to", "初一(1)班", "--old-returned", "1",
        "--date", "2026-02-20",
    )  # fmt: skip
    store.ok("stock", "return", "大米", "1", "--from", "总务处", "--date", "2026-02-25")
    store.ok("stock", "void", "CK-2026-0002", "--reason", "wrong person")  # dated today
    return store


def codes(found: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in found]


def test_movements_lists_everything_in_ledger_order(busy: Cli) -> None:
    assert codes(movements(busy)) == [
        "RK-2026-0001",
        "RK-2026-0002",
        "CK-2026-0001",
        "CK-2026-0002",
        "CK-2026-0003",
        "TK-2026-0001",
        "HC-2026-0001",
    ]


def test_movements_filter_by_dates(busy: Cli) -> None:
    assert codes(movements(busy, "--from", "2026-02-01", "--to", "2026-02-15")) == [
        "CK-2026-0001",
        "CK-2026-0002",
    ]
    assert codes(movements(busy, "--from", "2026-02")) == [
        "CK-2026-0001",
        "CK-2026-0002",
        "CK-2026-0003",
        "TK-2026-0001",
        "HC-2026-0001",
    ]
    assert codes(movements(busy, "--to", "2026-01")) == ["RK-2026-0001", "RK-2026-0002"]
    assert codes(movements(busy, "--from", "2026-03-02")) == ["HC-2026-0001"]


def test_movements_filter_by_kind(busy: Cli) -> None:
    assert codes(movements(busy, "--kind", "issue")) == [
        "CK-2026-0001",
        "CK-2026-0002",
        "CK-2026-0003",
    ]
    assert codes(movements(busy, "--kind", "receive")) == ["RK-2026-0001", "RK-2026-0002"]
    assert codes(movements(busy, "--kind", "return")) == ["TK-2026-0001"]
    [void] = movements(busy, "--kind", "void")
    assert void["reverses"] == "CK-2026-0002"
    assert movements(busy, "--kind", "gain") == []
    res = busy("stock", "movements", "--kind", "theft", "-f", "json")
    assert res.exit_code == 2, res
    assert res.stdout == ""


def test_movements_filter_by_unit_or_person(busy: Cli) -> None:
    assert codes(movements(busy, "--unit", "总务处")) == ["CK-2026-0001", "TK-2026-0001"]
    assert codes(movements(busy, "--unit", "初一(1)班")) == ["CK-2026-0003"]
    # the void of what 张三 drew is listed with it
    assert codes(movements(busy, "--unit", "张三")) == ["CK-2026-0002", "HC-2026-0001"]
    assert codes(movements(busy, "--unit", "李四")) == []
    assert codes(movements(busy, "--unit", "总务处", "--kind", "return")) == ["TK-2026-0001"]
    res = busy("stock", "movements", "--unit", "不存在", "-f", "json")
    assert res.exit_code == 2, res


def test_movements_of_someone_who_has_left_stay_listed(busy: Cli) -> None:
    busy.ok("people", "leave", "张三")
    assert "CK-2026-0002" in codes(movements(busy, "--unit", "张三"))


def test_movement_rows_carry_the_keys_and_exact_strings(busy: Cli) -> None:
    ms = by_code(busy)
    r = ms["RK-2026-0001"]
    assert r["date"] == "2026-01-05"
    assert r["kind"] == "receive"
    assert r["item_code"] == "WZ-0001"
    assert r["quantity"] == "10"
    assert r["value"] == "20.00"
    assert r["unit"] is None
    assert r["reverses"] is None
    i = ms["CK-2026-0003"]
    assert (i["item_code"], i["unit"]) == ("WZ-0002", "初一(1)班")
    assert abs(Decimal(i["value"])) == Decimal("12.00")
    assert ms["HC-2026-0001"]["date"] == "2026-03-02"


# -- the journal and audit verify --------------------------------------------------------


def test_every_movement_is_journalled_with_its_operator(store: Cli) -> None:
    op = {"HOUQIN_OPERATOR": "库管员老陈"}
    store.ok("stock", "receive", "大米", "3", "--amount", "10", env=op)
    store.ok("stock", "issue", "大米", "1", "--to", "总务处", env=op)
    store.ok("stock", "return", "大米", "1", "--from", "总务处", env=op)
    # (the return is reversed: reversing the issue would leave more returned than drawn)
    store.ok("stock", "void", "TK-2026-0001", "--reason", "typo", env=op)
    store.ok("stock", "receive", "扫把", "2", "--price", "12", env=op)
    store.ok(
        "--operator", "值班员", "stock", "issue", "扫把", "1", "--to", "初一(1)班",
        "--no-old", "new class", "--approved-by", "李四",
    )  # fmt: skip
    entries = rows(store, "audit", "log", "--action", "stock")
    by_entry = {e["code"]: e for e in entries if e.get("code")}
    expected = {
        "RK-2026-0001": ("stock.receive", "库管员老陈"),
        "CK-2026-0001": ("stock.issue", "库管员老陈"),
        "TK-2026-0001": ("stock.return", "库管员老陈"),
        "HC-2026-0001": ("stock.void", "库管员老陈"),
        "RK-2026-0002": ("stock.receive", "库管员老陈"),
        "CK-2026-0002": ("stock.issue", "值班员"),
    }
    for code, (action, operator) in expected.items():
        assert code in by_entry, (code, entries)
        assert by_entry[code]["action"] == action
        assert by_entry[code]["operator"] == operator
    # the movement itself records who typed it
    ms = by_code(store)
    assert ms["CK-2026-0002"].get("operator", "值班员") == "值班员"
    res = store("audit", "verify")
    assert res.exit_code == 0, res


def test_refused_movement_writes_no_journal_entry(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "1", "--amount", "3")
    before = rows(store, "audit", "log", "--action", "stock")
    assert_refused(
        store, 3, "stock", "issue", "大米", "2", "--to", "总务处",
        contains="Not enough 大米 on 2026-03-02: 1 kg on hand, 2 kg wanted",
    )  # fmt: skip
    assert rows(store, "audit", "log", "--action", "stock") == before


def test_audit_verify_catches_a_movement_edited_behind_the_programs_back(store: Cli) -> None:
    store.ok("stock", "receive", "大米", "3", "--amount", "10")
    store.ok("stock", "issue", "大米", "1", "--to", "总务处")
    assert store("audit", "verify").exit_code == 0
    with raw(store.db) as con:
        n = con.execute(
            sa.text("UPDATE stock_movement SET value_delta = :v WHERE code = :c"),
            {"v": -100, "c": "CK-2026-0001"},
        ).rowcount
        assert n == 1
    res = store("audit", "verify")
    assert res.exit_code == 1, res
    assert "stock_movement" in res.stdout
    assert "CK-2026-0001" in res.stdout
    res = store("audit", "verify", "-f", "json")
    assert res.exit_code == 1, res
    data = json.loads(res.stdout)
    assert data["ok"] is False
    assert any(
        "stock_movement" in f["message"] and "CK-2026-0001" in f["message"]
        for f in data["findings"]
    ), data
