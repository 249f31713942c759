"""Movements dated after today and the total rows (issue #10 items 3 and 9).

A ledger may hold a movement dated after today from before such dates were
refused (planted here with raw SQL): `stock balance` without `--at` is as of today
and leaves it out, it does not block today's issue, and a count's book leaves it
out too. `stock summary` and `stock count report` end with a total row; quantities
are totalled only within one unit of measure."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from conftest import Cli, assert_refused, js, raw

FUTURE = "2027-03-01"  # a typo for 2026


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Class 初一(1)班; 粉笔 (盒, 办公用品) 100 received 2026-02-01 at 1.00, 签字笔
    (支, 办公用品) 50 at 2.00, 扫把 (把, 清洁用品) 4 at 15.00."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "item", "add", "签字笔", "--unit", "支", "--category", "办公用品")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--category", "清洁用品")
    cli.ok("stock", "receive", "粉笔", "100", "--price", "1", "--date", "2026-02-01")
    cli.ok("stock", "receive", "签字笔", "50", "--price", "2", "--date", "2026-02-01")
    cli.ok("stock", "receive", "扫把", "4", "--price", "15", "--date", "2026-02-01")
    return cli


def move_to_the_future(cli: Cli, code: str) -> None:
    """Date a movement after today behind the program's back, as old ledgers hold them."""
    with raw(cli.db) as con:
        con.execute(
            sa.text("UPDATE stock_movement SET date = :d WHERE code = :c"), {"d": FUTURE, "c": code}
        )


def balance(cli: Cli, *args: str) -> dict[str, dict]:
    return {r["item"]: r for r in js(cli.ok("stock", "balance", "-f", "json", *args))}


@pytest.fixture
def planted(store: Cli) -> Cli:
    """50 粉笔 issued on 2026-03-01, then dated 2027-03-01 (after today, 2026-03-02)."""
    store.ok("stock", "issue", "粉笔", "50", "--to", "初一(1)班", "--date", "2026-03-01")
    move_to_the_future(store, "CK-2026-0001")
    return store


def test_balance_without_at_is_as_of_today(planted: Cli) -> None:
    chalk = balance(planted)["粉笔"]
    assert (chalk["quantity"], chalk["value"]) == ("100", "100.00")
    assert balance(planted, "--at", "2026-03-02")["粉笔"]["quantity"] == "100"
    assert balance(planted, "--at", "2027-03-31")["粉笔"]["quantity"] == "50"
    # HOUQIN_NOW decides what today is
    later = js(planted.ok("stock", "balance", "-f", "json", env={"HOUQIN_NOW": "2027-04-01T09:00"}))
    assert next(r for r in later if r["item"] == "粉笔")["quantity"] == "50"


def test_item_list_and_show_are_as_of_today(planted: Cli) -> None:
    listed = {r["name"]: r for r in js(planted.ok("stock", "item", "list", "-f", "json"))}
    assert (listed["粉笔"]["quantity"], listed["粉笔"]["value"]) == ("100", "100.00")
    shown = js(planted.ok("stock", "item", "show", "粉笔", "-f", "json"))
    shown = shown[0] if isinstance(shown, list) else shown
    assert shown["quantity"] == "100"


def test_a_future_movement_does_not_block_todays_issue(planted: Cli) -> None:
    """The issue's reproduction: the future issue counted and refused 60 of 100."""
    planted.ok("stock", "issue", "粉笔", "60", "--to", "初一(1)班")
    assert balance(planted)["粉笔"]["quantity"] == "40"
    # what is on hand today still limits an issue today, or on a day before
    assert_refused(
        planted, 3, "stock", "issue", "粉笔", "41", "--to", "初一(1)班",
        contains="Not enough 粉笔 on 2026-03-02: 40 盒 on hand, 41 盒 wanted",
    )  # fmt: skip
    assert_refused(
        planted, 3, "stock", "issue", "粉笔", "41", "--to", "初一(1)班", "--date", "2026-02-20",
        contains="Not enough 粉笔 on 2026-03-02: 59 盒 on hand, 60 盒 wanted",
    )  # fmt: skip
    planted.ok("stock", "issue", "粉笔", "40", "--to", "初一(1)班")
    # the ledger still adds up: every balance is the sum of the movements up to it
    ledger = js(planted.ok("stock", "ledger", "粉笔", "-f", "json"))
    assert [r["balance_quantity"] for r in ledger] == ["0", "100", "40", "0", "-50"]
    assert balance(planted)["粉笔"]["value"] == "0.00"


def test_a_future_receipt_is_not_on_hand(store: Cli) -> None:
    store.ok("stock", "receive", "粉笔", "100", "--price", "1")
    move_to_the_future(store, "RK-2026-0004")
    assert balance(store)["粉笔"]["quantity"] == "100"
    assert_refused(
        store, 3, "stock", "issue", "粉笔", "101", "--to", "初一(1)班",
        contains="Not enough 粉笔 on 2026-03-02: 100 盒 on hand, 101 盒 wanted",
    )  # fmt: skip


def test_a_count_compares_with_the_book_as_of_today(planted: Cli) -> None:
    planted.ok("stock", "count", "start", "--category", "办公用品")
    planted.ok("stock", "count", "record", "PD-2026-0001", "粉笔", "100")
    doc = js(planted("stock", "count", "report", "PD-2026-0001", "-f", "json"))
    by = {ln["item"]: ln for ln in doc["lines"]}
    assert (by["粉笔"]["book"], by["粉笔"]["difference"]) == ("100", "0")
    assert by["签字笔"]["book"] == "50"  # uncounted: today's book


# -- total rows ----------------------------------------------------------------------------


def footer(cli: Cli, *args: str) -> list[str]:
    """The last line of a plain listing (its total row), split into cells."""
    out = cli(*args, "-f", "plain").stdout
    return out.rstrip("\n").splitlines()[-1].split()


def test_summary_has_a_total_row_and_adds_quantities_of_one_unit_only(store: Cli) -> None:
    store.ok("stock", "issue", "粉笔", "10", "--to", "初一(1)班")
    store.ok("stock", "issue", "签字笔", "5", "--to", "初一(1)班")
    # 盒, 支 and 把: the values add up (opening, in, out, closing), the quantities do not
    assert footer(store, "stock", "summary", "--month", "2026-03") == [
        "Total", "¥260.00", "¥0.00", "¥20.00", "¥240.00",
    ]  # fmt: skip
    # by category: values only (a category mixes units of measure)
    assert footer(store, "stock", "summary", "--month", "2026-02", "--by", "category") == [
        "Total", "¥0.00", "¥260.00", "¥0.00", "¥260.00",
    ]  # fmt: skip
    store.ok("stock", "return", "粉笔", "2", "--from", "初一(1)班")
    assert footer(store, "stock", "summary", "--month", "2026-03", "--by", "unit") == [
        "Total", "¥20.00", "¥2.00", "¥18.00",
    ]  # fmt: skip
    # JSON stays a list of the rows
    rows = js(store.ok("stock", "summary", "--month", "2026-03", "-f", "json"))
    assert all(r["item"] != "Total" for r in rows)


def test_quantities_of_one_unit_are_totalled(cli: Cli) -> None:
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    cli.ok("stock", "item", "add", "彩色粉笔", "--unit", "盒")
    cli.ok("stock", "receive", "粉笔", "3", "--price", "1", "--date", "2026-03-01")
    cli.ok("stock", "receive", "彩色粉笔", "4", "--price", "2", "--date", "2026-03-01")
    assert footer(cli, "stock", "summary", "--month", "2026-03") == [
        "Total", "0", "¥0.00", "7", "¥11.00", "0", "¥0.00", "7", "¥11.00",
    ]  # fmt: skip


def test_count_report_has_a_total_row(store: Cli) -> None:
    store.ok("stock", "count", "start", "--category", "办公用品")
    store.ok("stock", "count", "record", "PD-2026-0001", "粉笔", "98")
    store.ok("stock", "count", "record", "PD-2026-0001", "签字笔", "50")
    out = store("stock", "count", "report", "PD-2026-0001", "-f", "plain").stdout
    total = next(line for line in out.splitlines() if line.split()[:1] == ["Total"])
    # 盒 and 支: no quantity total; the difference's value is ¥-2.00
    assert total.split() == ["Total", "-¥2.00"]
