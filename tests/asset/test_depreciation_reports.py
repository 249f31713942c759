"""Depreciation (straight line, monthly, no residual value), the 固定资产明细账
(`asset register`) and `asset summary`, through the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from conftest import Cli, assert_refused


def _code(res: Any) -> str:
    assert res.exit_code == 0, res
    return res.stdout.strip().splitlines()[-1]


def add(cli: Cli, name: str, category: str, value: str, acquired: str, *more: str) -> str:
    return _code(
        cli(
            "asset",
            "add",
            name,
            "--category",
            category,
            "--value",
            value,
            "--acquired",
            acquired,
            *more,
        )
    )


def as_json(cli: Cli, *args: str, env: dict[str, str] | None = None) -> Any:
    res = cli(*args, "-f", "json", env=env)
    assert res.exit_code == 0, res
    return json.loads(res.stdout)


def dep(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    rows = as_json(cli, "asset", "depreciation", *args)
    assert isinstance(rows, list)
    return {r["code"]: r for r in rows}


def D(text: str) -> Decimal:
    return Decimal(text)


# -- depreciation -------------------------------------------------------------------------


def test_computer_7200_over_six_years(cli: Cli) -> None:
    pc = add(cli, "电脑", "201", "7200", "2025-06-10")
    row = dep(cli)[pc]  # HOUQIN_NOW is 2026-03: nine months after June 2025
    assert set(row) >= {"code", "original_value", "monthly", "accumulated", "net_value"}
    assert row["original_value"] == "7200.00"
    assert row["monthly"] == "100.00"
    assert row["accumulated"] == "900.00"
    assert row["net_value"] == "6300.00"
    same = dep(cli, "--month", "2026-03")[pc]
    assert same == row
    first = dep(cli, "--month", "2025-07")[pc]  # the month after acquisition
    assert (first["monthly"], first["accumulated"], first["net_value"]) == (
        "100.00",
        "100.00",
        "7100.00",
    )
    acquired_month = dep(cli, "--month", "2025-06").get(pc)
    if acquired_month is not None:
        assert acquired_month["monthly"] == "0.00"
        assert acquired_month["accumulated"] == "0.00"
        assert acquired_month["net_value"] == "7200.00"
    assert pc not in dep(cli, "--month", "2025-05")  # not yet acquired


def test_uneven_division_last_month_takes_the_remainder(cli: Cli) -> None:
    a = add(cli, "打印机", "202", "1000", "2023-01-15", "--life-years", "3")
    first = dep(cli, "--month", "2023-02")[a]
    assert (first["monthly"], first["accumulated"]) == ("27.78", "27.78")
    m35 = dep(cli, "--month", "2025-12")[a]
    assert (m35["monthly"], m35["accumulated"], m35["net_value"]) == ("27.78", "972.30", "27.70")
    m36 = dep(cli, "--month", "2026-01")[a]
    assert (m36["monthly"], m36["accumulated"], m36["net_value"]) == ("27.70", "1000.00", "0.00")
    after = dep(cli, "--month", "2026-02")[a]
    assert (after["monthly"], after["accumulated"], after["net_value"]) == (
        "0.00",
        "1000.00",
        "0.00",
    )
    far = dep(cli, "--month", "2040-06")[a]
    assert (far["monthly"], far["accumulated"], far["net_value"]) == ("0.00", "1000.00", "0.00")


def test_monthly_charges_add_up_to_the_value(cli: Cli) -> None:
    a = add(cli, "打印机", "202", "1000", "2023-01-15", "--life-years", "3")
    total = Decimal(0)
    previous = Decimal(0)
    for i in range(38):
        y, m = divmod(2023 * 12 + 1 + i, 12)  # 2023-02 .. 2026-03
        row = dep(cli, "--month", f"{y}-{m + 1:02d}")[a]
        total += D(row["monthly"])
        acc = D(row["accumulated"])
        assert acc - previous == D(row["monthly"])
        assert D(row["net_value"]) == D("1000.00") - acc >= 0
        previous = acc
    assert total == D("1000.00")


@pytest.mark.parametrize(
    ("category", "value", "monthly"),
    [
        ("601", "18000", "100.00"),  # furniture: 15 years, 180 months
        ("家具", "18000", "100.00"),  # the same by name
        ("302", "3000", "50.00"),  # sports: 5 years, 60 months
        ("201", "7200", "100.00"),  # computers: 6 years
        ("102", "6000000", "10000.00"),  # reinforced concrete building: 50 years
    ],
)
def test_category_lives(cli: Cli, category: str, value: str, monthly: str) -> None:
    a = add(cli, "资产", category, value, "2025-01-05")
    row = dep(cli, "--month", "2025-03")[a]
    assert row["monthly"] == monthly
    assert D(row["accumulated"]) == 2 * D(monthly)


def test_card_life_overrides_the_category(cli: Cli) -> None:
    a = add(cli, "电脑", "201", "7200", "2025-06-10", "--life-years", "3")
    row = dep(cli)[a]
    assert (row["monthly"], row["accumulated"], row["net_value"]) == (
        "200.00",
        "1800.00",
        "5400.00",
    )


@pytest.mark.parametrize(
    ("category", "value"),
    [
        ("101", "1000000"),  # land
        ("5", "2000"),  # books and archives
        ("4", "50000"),  # cultural relics
        ("201", "999.99"),  # low-value: below ¥1,000 for general equipment
        ("302", "1499.99"),  # low-value: below ¥1,500 for special equipment
        ("601", "200"),  # low-value furniture
    ],
)
def test_no_charge(cli: Cli, category: str, value: str) -> None:
    a = add(cli, "资产", category, value, "2020-01-05")
    row = dep(cli).get(a)
    if row is not None:  # listed with no charge, or not listed at all
        assert row["monthly"] == "0.00"
        assert row["accumulated"] == "0.00"
        assert row["net_value"] == row["original_value"] == f"{D(value):.2f}"


@pytest.mark.parametrize(("category", "value"), [("5", "2000"), ("101", "1000000"), ("4", "5000")])
def test_no_charge_even_with_a_card_life(cli: Cli, category: str, value: str) -> None:
    """Land, books and cultural relics are never depreciated; a card's life does not
    change that (or the card refuses the life outright)."""
    res = cli(
        "asset",
        "add",
        "资产",
        "--category",
        category,
        "--value",
        value,
        "--acquired",
        "2020-01-05",
        "--life-years",
        "5",
    )
    if res.exit_code != 0:
        assert res.exit_code in (2, 3), res
        return
    a = res.stdout.strip()
    row = dep(cli).get(a)
    if row is not None:
        assert row["monthly"] == "0.00"
        assert row["accumulated"] == "0.00"
        assert row["net_value"] == row["original_value"]


def test_special_equipment_at_the_threshold_is_depreciated(cli: Cli) -> None:
    a = add(cli, "篮球架", "302", "1500", "2025-06-10")
    row = dep(cli)[a]
    assert (row["monthly"], row["accumulated"], row["net_value"]) == ("25.00", "225.00", "1275.00")


def test_acquired_this_month_has_no_charge_yet(cli: Cli) -> None:
    a = add(cli, "电脑", "201", "7200", "2026-03-01")
    row = dep(cli)[a]
    assert (row["monthly"], row["accumulated"], row["net_value"]) == ("0.00", "0.00", "7200.00")
    nxt = dep(cli, "--month", "2026-04")[a]
    assert (nxt["monthly"], nxt["accumulated"]) == ("100.00", "100.00")


def test_batch_card_depreciates_its_whole_value(cli: Cli) -> None:
    a = add(cli, "电脑", "201", "3600", "2025-06-10", "--qty", "2")
    row = dep(cli)[a]
    assert (row["original_value"], row["monthly"], row["accumulated"], row["net_value"]) == (
        "7200.00",
        "100.00",
        "900.00",
        "6300.00",
    )


def test_category_filter(cli: Cli) -> None:
    pc = add(cli, "电脑", "201", "7200", "2025-06-10")
    printer = add(cli, "复印机", "202", "12000", "2025-06-10")
    ball = add(cli, "篮球架", "302", "3000", "2025-06-10")
    desk = add(cli, "会议桌", "601", "18000", "2025-06-10")
    assert set(dep(cli, "--category", "201")) == {pc}
    assert set(dep(cli, "--category", "计算机设备")) == {pc}
    assert set(dep(cli, "--category", "2")) == {pc, printer}
    assert set(dep(cli, "--category", "302")) == {ball}
    assert set(dep(cli)) == {pc, printer, ball, desk}
    assert_refused(
        cli, 2, "asset", "depreciation", "--category", "999",
        contains="Unknown asset category '999'",
    )  # fmt: skip


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "March", "2026/03"])
def test_bad_month(cli: Cli, month: str) -> None:
    add(cli, "电脑", "201", "7200", "2025-06-10")
    assert_refused(
        cli, 2, "asset", "depreciation", "--month", month, contains=f"Invalid month '{month}'"
    )


def test_scrapped_cards_are_not_depreciated(cli: Cli) -> None:
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    cli.ok("people", "edit", "王五", "--add-role", "approver")
    a = add(cli, "旧电脑", "201", "3000", "2022-01-01")
    keep = add(cli, "电脑", "201", "7200", "2025-06-10")
    bf = _code(cli("asset", "scrap", "request", a, "--reason", "主板损坏", "--by", "张三"))
    cli.ok("asset", "scrap", "appraise", bf, "--by", "李四", "--opinion", "无法修复")
    cli.ok("asset", "scrap", "approve", bf, "--by", "王五")
    assert set(dep(cli)) == {keep}


# -- register and summary ----------------------------------------------------------------


def cards(cli: Cli) -> dict[str, str]:
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("unit", "add", "总务处", "--kind", "department")
    cli.ok("place", "add", "101", "--kind", "classroom", "--unit", "初一(1)班")
    cli.ok("place", "add", "总务办公室", "--kind", "office", "--unit", "总务处")
    cli.ok("people", "add", "张三")
    return {
        "pc": add(
            cli, "电脑", "201", "7200", "2025-06-10", "--place", "总务办公室", "--custodian", "张三"
        ),
        "pc2": add(
            cli,
            "笔记本",
            "201",
            "6000",
            "2025-06-10",
            "--place",
            "总务办公室",
            "--custodian",
            "张三",
        ),
        "printer": add(
            cli,
            "复印机",
            "202",
            "12000",
            "2025-06-10",
            "--place",
            "总务办公室",
            "--custodian",
            "总务处",
        ),
        "projector": add(cli, "投影仪", "209", "3000", "2025-06-10", "--place", "101"),
        "desks": add(cli, "课桌椅", "601", "200", "2025-06-10", "--qty", "50", "--place", "101"),
        "mouse": add(cli, "鼠标", "201", "80", "2025-06-10", "--qty", "10"),
        "land": add(cli, "校园用地", "101", "1000000", "2010-09-01"),
    }


def test_register_fixed_assets_by_category_with_totals(cli: Cli) -> None:
    c = cards(cli)
    doc = as_json(cli, "asset", "register")
    assert set(doc) >= {"categories"}
    listed = {card["code"] for cat in doc["categories"] for card in cat["cards"]}
    assert listed == {c["pc"], c["pc2"], c["printer"], c["projector"], c["land"]}  # no low-value
    grand_total = grand_net = Decimal(0)
    for cat in doc["categories"]:
        codes = {card["category"] for card in cat["cards"]}
        assert len(codes) == 1  # one category per section
        assert cat["category"].startswith(codes.pop())
        assert D(cat["total_value"]) == sum(D(x["total_value"]) for x in cat["cards"])
        assert D(cat["net_value"]) == sum(D(x["net_value"]) for x in cat["cards"])
        grand_total += D(cat["total_value"])
        grand_net += D(cat["net_value"])
    assert D(doc["total_value"]) == grand_total == D("1028200.00")
    assert D(doc["net_value"]) == grand_net
    computers = next(cat for cat in doc["categories"] if cat["category"].startswith("201"))
    assert D(computers["total_value"]) == D("13200.00")
    pc = next(x for x in computers["cards"] if x["code"] == c["pc"])
    assert (pc["accumulated"], pc["net_value"]) == ("900.00", "6300.00")
    land = next(x for cat in doc["categories"] for x in cat["cards"] if x["code"] == c["land"])
    assert land["net_value"] == "1000000.00"
    # the register agrees with the depreciation report of this month
    rows = dep(cli)
    for cat in doc["categories"]:
        for x in cat["cards"]:
            assert x["net_value"] == rows[x["code"]]["net_value"]


def test_register_plain_output(cli: Cli) -> None:
    c = cards(cli)
    res = cli.ok("asset", "register")
    assert c["pc"] in res.stdout and c["desks"] not in res.stdout


@pytest.mark.parametrize("by", ["category", "place", "unit", "custodian"])
def test_summary_totals_add_up(cli: Cli, by: str) -> None:
    cards(cli)
    listing = as_json(cli, "asset", "list")
    rows = as_json(cli, "asset", "summary", "--by", by)
    assert sum(D(r["total_value"]) for r in rows) == sum(D(x["total_value"]) for x in listing)
    assert sum(D(r["total_value"]) for r in rows) == D("1039000.00")
    assert sum(r["cards"] for r in rows) == len(listing)
    assert sum(int(r["qty"]) for r in rows) == sum(int(x["qty"]) for x in listing)
    assert len({r["group"] for r in rows}) == len(rows)


def test_summary_groups(cli: Cli) -> None:
    cards(cli)

    def groups(by: str) -> dict[str, Decimal]:
        return {
            r["group"]: D(r["total_value"]) for r in as_json(cli, "asset", "summary", "--by", by)
        }

    by_place = groups("place")
    assert by_place["总务办公室"] == D("25200.00")
    assert by_place["101"] == D("13000.00")
    by_unit = groups("unit")
    assert by_unit["初一(1)班"] == D("13000.00")  # its classroom's cards
    assert by_unit["总务处"] == D("25200.00")
    by_custodian = groups("custodian")
    assert by_custodian["张三"] == D("13200.00")
    assert by_custodian["总务处"] == D("12000.00")
    by_category = groups("category")
    assert next(v for k, v in by_category.items() if k.startswith("201")) == D("14000.00")
    assert next(v for k, v in by_category.items() if k.startswith("601")) == D("10000.00")


def test_summary_bad_by(cli: Cli) -> None:
    cards(cli)
    assert_refused(cli, 2, "asset", "summary", "--by", "colour", contains="Invalid --by 'colour'")
