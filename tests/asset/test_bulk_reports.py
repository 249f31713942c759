"""`asset depreciation`, `asset register` and `asset summary` read every card with
plain SQL (`Ledger.reader`) and decide in SQL which cards are fixed assets. They
must agree with `asset list`'s `fixed`, follow the settings, and keep the ORM off
their path.
(That a damage owes the net value the depreciation report shows: test_custody.py.)"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from conftest import Cli


def _json(cli: Cli, *args: str) -> Any:
    res = cli(*args, "-f", "json")
    assert res.exit_code == 0, res
    return json.loads(res.stdout)


def add(cli: Cli, name: str, category: str, value: str, *more: str) -> str:
    res = cli.ok(
        "asset", "add", name, "--category", category, "--value", value,
        "--acquired", "2025-06-10", *more,
    )  # fmt: skip
    return res.stdout.strip().splitlines()[-1]


def register_codes(cli: Cli) -> set[str]:
    doc = _json(cli, "asset", "register")
    return {card["code"] for cat in doc["categories"] for card in cat["cards"]}


def around_the_thresholds(cli: Cli) -> dict[str, str]:
    return {
        "just_below": add(cli, "打印机", "202", "999.99"),
        "at": add(cli, "打印机", "202", "1000"),
        "batch_at": add(cli, "电脑", "201", "1000", "--qty", "5"),
        "batch_below": add(cli, "键盘", "201", "999.99", "--qty", "5"),
        "special_below": add(cli, "篮球架", "302", "1499.99"),
        "special_at": add(cli, "篮球架", "302", "1500"),
        "books": add(cli, "图书", "5", "5000"),
    }


def agree(cli: Cli) -> dict[str, bool]:
    """`fixed` as asset list says it, checked against depreciation, register and summary."""
    cards = _json(cli, "asset", "list")
    listed = {r["code"]: r["fixed"] for r in cards}
    depreciation = {r["code"]: r["fixed"] for r in _json(cli, "asset", "depreciation")}
    assert depreciation == listed
    assert register_codes(cli) == {code for code, fixed in listed.items() if fixed}
    fixed_value = sum(Decimal(r["total_value"]) for r in cards if r["fixed"])
    for by in ("category", "place", "unit", "custodian"):
        groups = _json(cli, "asset", "summary", "--by", by)
        assert sum(Decimal(g["fixed_value"]) for g in groups) == fixed_value
    return listed


def test_fixed_assets_agree_with_asset_list_at_the_thresholds(cli: Cli) -> None:
    c = around_the_thresholds(cli)
    fixed = agree(cli)
    assert {k for k, code in c.items() if fixed[code]} == {"at", "batch_at", "special_at", "books"}


def test_reports_follow_the_threshold_settings(cli: Cli) -> None:
    c = around_the_thresholds(cli)
    cli.ok("config", "set", "asset.fixed_threshold_general", "999.99")
    cli.ok("config", "set", "asset.fixed_threshold_special", "2000")
    fixed = agree(cli)
    assert {k for k, code in c.items() if fixed[code]} == {
        "just_below", "at", "batch_at", "batch_below", "books",
    }  # fmt: skip


def test_a_split_card_keeps_its_share_of_the_value(cli: Cli) -> None:
    cli.ok("place", "add", "计算机教室")
    batch = add(cli, "电脑", "201", "3333.33", "--qty", "3")
    cli.ok("asset", "move", batch, "--to", "计算机教室", "--qty", "1")
    rows = _json(cli, "asset", "depreciation")
    assert sum(int(r["original_value"].replace(".", "")) for r in rows) == 999999
    listed = {r["code"]: r["total_value"] for r in _json(cli, "asset", "list")}
    assert {r["code"]: r["original_value"] for r in rows} == listed
    assert register_codes(cli) == set(listed)


def test_reports_on_an_empty_ledger(cli: Cli) -> None:
    assert _json(cli, "asset", "depreciation") == []
    assert register_codes(cli) == set()
    res = cli.ok("asset", "register")
    assert "¥0.00" in res.stdout
