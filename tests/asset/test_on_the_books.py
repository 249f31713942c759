"""Off the books, not counted (#10 items 9 and 11, asset's part): `asset list` shows
what is on the books, totals only that, and adds pieces only within one unit of
measure; names no longer match scrapped cards (their codes still do). And a
compensation payment is the audit's income too, entered once."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from conftest import Cli, assert_each_refused, assert_refused, asset_card, js, raw

BUILDING = "ZC-2010-0001"  # 教学楼 102, 1 栋, ¥6,000,000 (fixed)
DESKS = "ZC-2020-0001"  # 讲台 601, 4 张 × ¥1,500 (fixed); 2 of them scrapped
SETS = "ZC-2021-0001"  # 实验台 601, 3 套 × ¥800 (low-value)
SCRAPPED = "ZC-2026-0001"  # the 2 desks split off DESKS and scrapped


def listing(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in js(cli.ok("asset", "list", "-f", "json", *args))}


def footer(cli: Cli, *args: str) -> str:
    """The total line of `asset list -f plain`."""
    return cli.ok("asset", "list", "-f", "plain", *args).stdout.rstrip().splitlines()[-1]


@pytest.fixture
def school(cli: Cli) -> Cli:
    for name in ("张三", "李四"):
        cli.ok("people", "add", name)
    cli.ok("people", "add", "王五", "--role", "approver")
    for line in (
        ["教学楼", "--category", "102", "--value", "6000000", "--acquired", "2010-09-01",
         "--unit", "栋"],
        ["讲台", "--category", "601", "--value", "1500", "--qty", "4", "--unit", "张",
         "--acquired", "2020-09-01"],
        ["实验台", "--category", "601", "--value", "800", "--qty", "3", "--unit", "套",
         "--acquired", "2021-09-01"],
    ):  # fmt: skip
        cli.ok("asset", "add", *line)
    bf = cli.ok(
        "asset", "scrap", "request", DESKS, "--qty", "2", "--reason", "断裂", "--by", "张三"
    ).stdout.strip()
    cli.ok("asset", "scrap", "appraise", bf, "--by", "李四", "--opinion", "无法修复")
    cli.ok("asset", "scrap", "approve", bf, "--by", "王五")
    return cli


def test_list_shows_what_is_on_the_books(school: Cli) -> None:
    assert set(listing(school)) == {BUILDING, DESKS, SETS}
    assert set(listing(school, "--status", "scrapped")) == {SCRAPPED}
    assert set(listing(school, "--all")) == {BUILDING, DESKS, SETS, SCRAPPED}
    assert set(listing(school, "--fixed")) == {BUILDING, DESKS}
    assert set(listing(school, "--low-value")) == {SETS}
    assert set(listing(school, "--category", "601")) == {DESKS, SETS}


def test_fixed_never_lists_a_scrapped_card(school: Cli) -> None:
    assert_each_refused(
        school,
        (2, ["asset", "list", "--fixed", "--status", "scrapped"],
         "--fixed and --low-value list what is on the books"),
        (2, ["asset", "list", "--low-value", "--all"],
         "--fixed and --low-value list what is on the books"),
        (2, ["asset", "list", "--all", "--status", "in_use"],
         "give --all or --status, not both"),
    )  # fmt: skip


def test_list_total_counts_what_is_on_the_books_and_one_unit_only(school: Cli) -> None:
    line = footer(school)
    assert "¥6,005,400.00" in line  # 6,000,000 + 2 × 1,500 + 3 × 800
    assert " 8 " not in f" {line} " and " 6 " not in f" {line} "  # 栋, 张, 套 not added
    desks = footer(school, "--category", "601", "--fixed")
    assert "¥3,000.00" in desks and " 2 " in desks and "张" in desks  # one unit: totalled
    everything = footer(school, "--all")
    assert "¥6,005,400.00" in everything  # the scrapped desks listed, not counted
    assert "Total on the books" in everything


def test_summary_adds_pieces_only_within_a_unit(school: Cli) -> None:
    rows = {
        r["group"][:3]: r
        for r in js(school.ok("asset", "summary", "--by", "category", "-f", "json"))
    }
    assert (rows["601"]["qty"], rows["601"]["unit"]) == (None, None)  # 张 and 套
    assert rows["601"]["total_value"] == "5400.00"
    assert (rows["102"]["qty"], rows["102"]["unit"]) == (1, "栋")
    total = school.ok("asset", "summary", "-f", "plain").stdout.rstrip().splitlines()[-1]
    assert "¥6,005,400.00" in total and " 6 " not in f" {total} "


def test_a_scrapped_card_does_not_make_a_name_ambiguous(school: Cli) -> None:
    assert asset_card(school, "讲台")["code"] == DESKS  # the card on the books
    assert asset_card(school, "jt")["code"] == DESKS
    assert asset_card(school, SCRAPPED)["status"] == "scrapped"  # its code still finds it
    assert asset_card(school, SCRAPPED.lower())["code"] == SCRAPPED
    school.ok("place", "add", "101", "--kind", "classroom")
    school.ok("asset", "move", "讲台", "--to", "101", "--qty", "1")
    assert_refused(
        school, 2, "asset", "show", "讲台", contains="matches several records"
    )  # two cards on the books now: ambiguous, as it should be


# -- compensation is income -------------------------------------------------------------


def test_compensation_is_recorded_as_income_once(school: Cli) -> None:
    sh = school.ok(
        "asset", "damage", BUILDING, "--cause", "human", "--by", "张三", "--amount", "500"
    ).stdout.strip()
    res = school.ok("asset", "compensate", sh, "--amount", "200", "--date", "2026-03-01")
    assert res.stdout.strip() == "SR-2026-0001"  # the income's code
    assert "SR-2026-0001" in res.stderr and "¥300.00 still owed" in res.stderr
    with raw(school.db) as con:
        rows = con.execute(
            sa.text("SELECT code, date, source, amount_fen, category, note FROM income")
        ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("SR-2026-0001", rows[0][1], "张三", 20000, "compensation", f"{sh} {BUILDING} 教学楼")
    ]
    assert str(rows[0][1]).startswith("2026-03-01")
    log = js(school.ok("audit", "log", "-f", "json"))
    assert [e["action"] for e in log[-2:]] == ["audit.income.add", "asset.compensate"]


def test_a_refused_compensation_records_no_income(school: Cli) -> None:
    sh = school.ok(
        "asset", "damage", BUILDING, "--cause", "human", "--by", "张三", "--amount", "500"
    ).stdout.strip()
    assert_refused(
        school, 3, "asset", "compensate", sh, "--amount", "600",
        contains=f"{sh} has ¥500.00 still owed",
    )  # fmt: skip
    assert_refused(
        school, 2, "asset", "compensate", sh, "--amount", "5", "--date", "2027-03-01",
        contains="is after today",
    )  # fmt: skip
