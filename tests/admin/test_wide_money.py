"""Money and quantities are 64-bit: a ¥30,000,000 teaching building or a
¥25,000,000 budget is kept to the fen on both backends (PostgreSQL's `integer`
stopped at ¥21,474,836.47 before revision 0005); amounts beyond
¥99,999,999,999.99 are refused as bad input; a ledger at 0004 upgrades."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Cli, assert_each_refused, assert_refused
from houqin_cli.migrations.revisions import HEAD


def _json(cli: Cli, *args: str) -> Any:
    res = cli(*args, "-f", "json")
    assert res.exit_code == 0, res
    return json.loads(res.stdout)


def building(cli: Cli) -> str:
    res = cli.ok(
        "asset", "add", "教学楼", "--category", "102", "--value", "30,000,000.01",
        "--acquired", "2020-09-01",
    )  # fmt: skip
    return res.stdout.strip()


def test_a_building_above_int32_is_kept_to_the_fen(cli: Cli) -> None:
    code = building(cli)
    (card,) = _json(cli, "asset", "list")
    assert (card["code"], card["total_value"], card["fixed"]) == (code, "30000000.01", True)
    # 50 years: 600 charges of ¥50,000.00 (the last takes the remainder)
    (row,) = _json(cli, "asset", "depreciation", "--month", "2026-02")
    assert (row["monthly"], row["accumulated"]) == ("50000.00", "3250000.00")
    assert row["net_value"] == "26750000.01"
    doc = _json(cli, "asset", "register")
    assert doc["total_value"] == "30000000.01"


def test_large_stock_and_budget_amounts(cli: Cli) -> None:
    cli.ok("stock", "item", "add", "课桌椅", "--unit", "套", "--category", "家具")
    cli.ok("stock", "receive", "课桌椅", "100000", "--price", "250.00")
    (item,) = _json(cli, "stock", "balance")
    assert item["value"] == "25000000.00"
    cli.ok("audit", "income", "add", "--source", "专项拨款", "--amount", "25,000,000", "--date",
           "2026-02-02")  # fmt: skip
    cli.ok("audit", "budget", "set", "2026-02", "equipment", "24,000,000")
    (line,) = [b for b in _json(cli, "audit", "budget", "show", "2026-02") if b["budget"]]
    assert line["budget"] == "24000000.00"


def test_amounts_beyond_the_ceiling_are_bad_input(cli: Cli) -> None:
    add = ("asset", "add", "教学楼", "--category", "102", "--acquired", "2020-09-01")
    assert_each_refused(
        cli,
        (2, [*add, "--value", "100,000,000,000"], "99,999,999,999.99"),
        (2, [*add, "--value", "99999999999999999999999"],
         "Invalid amount '99999999999999999999999': at most ¥99,999,999,999.99"),
        (2, [*add, "--value", "10,000,000", "--qty", "10000"], "quantity and the price"),
    )  # fmt: skip
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    # a priced receipt, so that the quantity is what is refused (without --price or
    # --amount the rule "give either --price or --amount" refuses it first)
    receive = ("stock", "receive", "粉笔")
    assert_each_refused(
        cli,
        (2, [*receive, "1000000000", "--price", "0.01"],
         "Invalid quantity '1000000000': at most 999,999,999.999"),
        (2, [*receive, "900000000", "--price", "500000"],
         "The total ¥450,000,000,000,000.00 is more than ¥99,999,999,999.99"),
    )  # fmt: skip
    cli.ok("asset", "add", "电脑", "--category", "201", "--value", "7200", "--acquired",
           "2025-06-10")  # fmt: skip
    assert_refused(
        cli, 2, "asset", "edit", "ZC-2025-0001", "--value", "100000000000",
        contains="Invalid amount '100000000000': at most ¥99,999,999,999.99",
    )  # fmt: skip


def _migrate_to(db: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    import houqin_cli.migrations as migrations
    from houqin_cli.core.db import Ledger

    ledger = Ledger.from_option(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with ledger.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    ledger.dispose()


def test_a_0004_ledger_asks_for_an_upgrade_and_keeps_its_rows(cli: Cli) -> None:
    cli.ok("asset", "add", "电脑", "--category", "201", "--value", "7200", "--acquired",
           "2025-06-10")  # fmt: skip
    before = _json(cli, "asset", "list")
    _migrate_to(cli.db, "0004")
    assert_refused(cli, 4, "asset", "list", contains="db upgrade")
    res = cli("db", "upgrade")
    assert res.exit_code == 0, res
    assert HEAD in res.stderr
    assert _json(cli, "asset", "list") == before
    assert cli("audit", "verify").exit_code == 0
    building(cli)
