"""Past months do not change (#10 item 4): `asset depreciation --month M` is of the cards
on the books in M at the value they had then, `asset register|summary --at DATE` show
the register as it stood, and a split divides the accumulated depreciation like the
value. "Now" is 2026-03-02; the changes below are made on the days HOUQIN_NOW names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import Cli, assert_refused, js


def at(day: str) -> dict[str, str]:
    return {"HOUQIN_NOW": f"{day}T10:00"}


def add(cli: Cli, name: str, category: str, value: str, acquired: str, *more: str) -> str:
    res = cli.ok(
        "asset", "add", name, "--category", category, "--value", value,
        "--acquired", acquired, *more,
    )  # fmt: skip
    return res.stdout.strip().splitlines()[-1]


def dep(cli: Cli, month: str, env: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    rows = js(cli.ok("asset", "depreciation", "--month", month, "-f", "json", env=env))
    return {r["code"]: r for r in rows}


def register(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    doc = js(cli.ok("asset", "register", *args, "-f", "json"))
    return {c["code"]: c for cat in doc["categories"] for c in cat["cards"]}


def scrap(cli: Cli, code: str, qty: str, day: str) -> None:
    """Request (张三), appraise (李四) and approve (王五, an approver) on `day`."""
    res = cli.ok(
        "asset", "scrap", "request", code, "--qty", qty, "--reason", "损坏", "--by", "张三",
        env=at(day),
    )  # fmt: skip
    bf = res.stdout.strip()
    cli.ok("asset", "scrap", "appraise", bf, "--by", "李四", "--opinion", "无法修复", env=at(day))
    cli.ok("asset", "scrap", "approve", bf, "--by", "王五", env=at(day))


@pytest.fixture
def people(cli: Cli) -> Cli:
    cli.ok("people", "add", "张三")
    cli.ok("people", "add", "李四")
    cli.ok("people", "add", "王五", "--role", "approver")
    cli.ok("place", "add", "101", "--kind", "classroom")
    cli.ok("place", "add", "计算机教室")
    return cli


def test_a_scrapping_leaves_earlier_months_as_they_were(people: Cli) -> None:
    desks = add(people, "讲台", "601", "1500", "2015-09-01", "--qty", "4", "--unit", "张")
    before = dep(people, "2015-12", env=at("2026-01-10"))
    november = dep(people, "2025-11", env=at("2025-12-01"))
    scrap(people, desks, "2", "2026-02-10")
    after = dep(people, "2015-12")
    assert after == before
    assert after[desks]["original_value"] == "6000.00"  # the 4 desks that stood then
    assert dep(people, "2025-11") == november
    now = dep(people, "2026-03")
    assert now[desks]["original_value"] == "3000.00"  # 2 left on the books
    assert len(now) == 1  # the scrapped card is off the books
    then = register(people, "--at", "2015-12-31")
    assert (then[desks]["qty"], then[desks]["total_value"]) == (4, "6000.00")
    assert register(people)[desks]["qty"] == 2


def test_a_value_change_applies_from_its_month_on(people: Cli) -> None:
    pc = add(people, "电脑", "201", "7200", "2025-06-10")
    february = dep(people, "2026-02")[pc]
    assert (february["monthly"], february["accumulated"]) == ("100.00", "800.00")
    people.ok("asset", "edit", pc, "--value", "3600")  # on 2026-03-02
    assert dep(people, "2026-02")[pc] == february  # not retroactive
    march = dep(people, "2026-03")[pc]
    # what was accumulated through February stays; ¥2,800 left over the 64 months left
    assert march["original_value"] == "3600.00"
    assert (march["monthly"], march["accumulated"]) == ("43.75", "843.75")
    assert march["net_value"] == "2756.25"
    assert register(people, "--at", "2026-02-28")[pc]["total_value"] == "7200.00"
    assert register(people)[pc]["total_value"] == "3600.00"


def test_a_split_divides_the_accumulated_depreciation_like_the_value(people: Cli) -> None:
    batch = add(people, "电脑", "201", "1000.20", "2025-06-10", "--qty", "3")
    whole = dep(people, "2026-03")[batch]
    assert (whole["original_value"], whole["accumulated"]) == ("3000.60", "375.12")
    res = people.ok("asset", "move", batch, "--to", "计算机教室", "--qty", "1")
    part = res.stdout.strip()
    rows = dep(people, "2026-03")
    assert set(rows) == {batch, part}
    for key in ("original_value", "monthly", "accumulated", "net_value"):
        assert sum(Decimal(r[key]) for r in rows.values()) == Decimal(whole[key]), key
    assert rows[part]["accumulated"] == "125.04"  # a third, rounded as the value is
    # and in every later month the parts still add up to what the whole would show
    later = dep(people, "2027-08")
    total = sum(Decimal(r["accumulated"]) for r in later.values())
    assert total == Decimal("1083.68")  # 26 charges of ¥41.68 on the whole ¥3,000.60
    # the month before the split: the whole batch, as it was
    assert set(dep(people, "2026-02")) == {batch}


def test_summary_and_register_at_a_day(people: Cli) -> None:
    pc = add(people, "电脑", "201", "7200", "2025-06-10", "--place", "101")
    people.ok("asset", "move", pc, "--to", "计算机教室", env=at("2026-02-10"))
    by_place = {
        r["group"]: r["total_value"]
        for r in js(
            people.ok("asset", "summary", "--by", "place", "--at", "2026-01-31", "-f", "json")
        )
    }
    assert by_place == {"101": "7200.00"}
    now = js(people.ok("asset", "summary", "--by", "place", "-f", "json"))
    assert {r["group"] for r in now} == {"计算机教室"}
    assert register(people, "--at", "2026-01-31")[pc]["place"] == "101"
    assert register(people, "--at", "2025-05-31") == {}  # not yet acquired


@pytest.mark.parametrize("command", ["register", "summary"])
def test_at_a_day_after_today_is_refused(people: Cli, command: str) -> None:
    assert_refused(
        people, 2, "asset", command, "--at", "2027-03-01", contains="--at 2027-03-01 is after today"
    )
