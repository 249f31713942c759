"""The month-start check covers the month just ended (#10 item 8); a negative closing
balance and purchases split under the approval threshold are findings; `audit budget
set` over a budget says what it replaced; `audit log --entity` finds every entry that
touched a record (#10, corrections). Through the CLI; "now" is 2026-03-02 09:00."""

from __future__ import annotations

from typing import Any

import pytest
from receipt_args import payload, receipt

from conftest import Cli, findings_json, js

MONTH_START = {"HOUQIN_NOW": "2026-03-01T07:30"}  # when the shipped crontab runs


@pytest.fixture
def staff(cli: Cli) -> Cli:
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    cli.ok("people", "add", "赵六", "--role", "approver")
    return cli


_invoices = iter(range(1, 10_000))


def add(cli: Cli, day: str, amount: str, *extra: str, **kw: Any) -> str:
    args = receipt("--date", day, *extra, invoice=f"I-{next(_invoices)}", invoice_date=day,
                   amount=amount, **kw)  # fmt: skip
    return cli.ok(*args, env=MONTH_START if day <= "2026-03-01" else None).stdout.strip()


def income(cli: Cli, amount: str, day: str = "2026-01-05") -> None:
    cli.ok("audit", "income", "add", "--source", "总校拨款", "--amount", amount, "--date", day)


def found(cli: Cli, *args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    res, data = findings_json(cli, *args, env=env)
    assert res.exit_code == (1 if data["findings"] else 0), res
    return list(data["findings"])


# -- the month that just ended -----------------------------------------------------------


def test_the_month_start_check_reports_the_month_just_ended(staff: Cli) -> None:
    income(staff, "100000")
    staff.ok("audit", "budget", "set", "2026-01", "repair", "100")
    staff.ok("audit", "budget", "set", "2026-02", "repair", "100")
    add(staff, "2026-01-20", "150")  # January's overrun: two months back, not reported
    add(staff, "2026-02-10", "150")  # February's overrun
    as_service = add(staff, "2026-02-12", "88", category="office")  # goods never accepted
    for args in (("check", "--only", "audit"), ("audit", "check")):
        findings = found(staff, *args, env=MONTH_START)
        codes = sorted(f["code"] for f in findings)
        assert codes == ["budget.overrun", "receipt.no_goods"], findings
        [budget] = [f for f in findings if f["code"] == "budget.overrun"]
        assert (budget["period"], budget["spent"], budget["budget"]) == (
            "2026-02",
            "150.00",
            "100.00",
        )
        assert any(as_service in f["message"] for f in findings)
    # a month later, February is two months back too
    assert found(staff, "check", "--only", "audit",
                 env={"HOUQIN_NOW": "2026-04-01T07:30"}) == []  # fmt: skip
    # one month asked for: that month only
    january = found(staff, "audit", "check", "--month", "2026-01")
    assert [f["period"] for f in january] == ["2026-01"]


# -- a negative closing balance ------------------------------------------------------------


def test_a_negative_closing_balance_is_a_finding(staff: Cli) -> None:
    income(staff, "100", "2026-02-01")
    add(staff, "2026-02-10", "100")
    assert found(staff, "audit", "check") == []
    add(staff, "2026-03-02", "0.01")
    [f] = found(staff, "audit", "check")
    assert (f["check"], f["code"], f["period"], f["closing"]) == (
        "audit.balance",
        "balance.negative",
        "2026-03",
        "-0.01",
    )
    assert "The closing balance of 2026-03 is" in f["message"]
    assert [g["code"] for g in found(staff, "check", "--only", "audit")] == ["balance.negative"]
    income(staff, "0.01", "2026-03-02")
    assert found(staff, "audit", "check") == []


# -- a purchase split under the approval threshold -------------------------------------------


def test_a_purchase_split_under_the_threshold_is_a_finding(staff: Cli) -> None:
    income(staff, "100000")
    add(staff, "2026-02-10", "3000", supplier="文印店")  # 14 days before the next: apart
    first = add(staff, "2026-02-24", "2600", supplier="文印店")
    add(staff, "2026-02-25", "3000", supplier="修缮公司")  # another supplier
    add(staff, "2026-02-26", "4000", "--approved-by", "赵六", supplier="文印店")  # approved
    voided = add(staff, "2026-02-27", "4000", supplier="文印店")
    staff.ok("audit", "receipt", "void", voided, "--reason", "重复")
    assert found(staff, "audit", "check", "--month", "2026-02") == []
    second = add(staff, "2026-03-02", "2400.01", supplier="文印店")  # 6 days after the first
    [f] = found(staff, "audit", "check")
    assert (f["check"], f["code"], f["supplier"], f["receipts"], f["total"], f["threshold"]) == (
        "audit.split",
        "receipt.split",
        "文印店",
        [first, second],
        "5000.01",
        "5000.00",
    )
    assert (
        f"{first}, {second} from 文印店 (2026-02-24 to 2026-03-02) come to ¥5,000.01"
        in (f["message"])
    )
    # under the threshold together, or more than SPLIT_WINDOW_DAYS (7) apart: nothing
    staff.ok("audit", "receipt", "void", second, "--reason", "改开一张")
    add(staff, "2026-03-02", "2400", supplier="文印店")
    assert found(staff, "audit", "check") == []
    staff.ok("config", "set", "audit.approval_threshold", "4000")
    [f] = found(staff, "check", "--only", "audit")
    assert f["code"] == "receipt.split" and f["total"] == "5000.00"


# -- budget set over a budget -------------------------------------------------------------------


def test_budget_set_over_a_budget_says_what_it_replaced(staff: Cli) -> None:
    res = staff.ok("audit", "budget", "set", "2026-03", "office", "5000")
    assert res.stderr.strip() == "Budget 2026-03/office set."
    res = staff.ok("audit", "budget", "set", "2026-03", "办公用品", "6,000")
    assert res.stdout == ""
    assert res.stderr.strip() == "Budget for 办公用品 2026-03: ¥5,000.00 replaced by ¥6,000.00."
    entries = js(staff.ok("audit", "log", "--action", "audit.budget", "-f", "json"))
    assert [e["action"] for e in entries] == ["audit.budget.set", "audit.budget.change"]
    assert payload(staff.db, "audit.budget.change") == {
        "month": "2026-03",
        "category": "office",
        "amount": "6000.00",
        "old": "5000.00",
        "new": "6000.00",
    }
    res = staff.ok("audit", "budget", "set", "2026-03", "office", "6000.00")
    assert res.stderr.strip() == "Budget for 办公用品 2026-03: ¥6,000.00, unchanged."
    assert len(js(staff.ok("audit", "log", "--action", "audit.budget", "-f", "json"))) == 2
    shown = js(staff.ok("audit", "budget", "show", "2026-03", "-f", "json"))
    assert [line["budget"] for line in shown if line["category"] == "office"] == ["6000.00"]


# -- audit log --entity -------------------------------------------------------------------------


def test_log_entity_finds_every_entry_that_touched_the_record(staff: Cli) -> None:
    staff.ok("place", "add", "101", "--kind", "classroom")
    staff.ok("unit", "add", "初一(1)班", "--kind", "class")
    staff.ok("people", "add", "王主任")
    piano = staff.ok("asset", "add", "钢琴", "--category", "303", "--value", "4000",
                     "--acquired", "2026-02-01", "--place", "101").stdout.strip()  # fmt: skip
    staff.ok("asset", "add", "钢琴凳", "--category", "303", "--value", "400",
             "--acquired", "2026-02-01", "--place", "101")  # fmt: skip
    staff.ok("asset", "lend", piano, "--to", "张三", "--due", "2026-03-10")
    staff.ok("asset", "return", piano)
    staff.ok("asset", "damage", piano, "--cause", "human", "--by", "李四", "--amount", "100")
    bf = staff.ok("asset", "scrap", "request", piano, "--reason", "损坏", "--by", "张三")
    staff.ok("asset", "scrap", "appraise", bf.stdout.strip(), "--by", "王主任", "--opinion", "无")
    staff.ok("asset", "scrap", "approve", bf.stdout.strip(), "--by", "赵六")
    staff.ok("stock", "item", "add", "粉笔", "--unit", "盒")
    rk = staff.ok("stock", "receive", "粉笔", "10", "--price", "2", "--supplier", "文具店")
    staff.ok("stock", "issue", "粉笔", "2", "--to", "初一(1)班")
    staff.ok("stock", "count", "start")
    staff.ok("stock", "count", "record", "PD-2026-0001", "粉笔", "8")
    staff.ok(*receipt("--stock", rk.stdout.strip(), supplier="文具店", category="office",
                      amount="20", service=False))  # fmt: skip

    def actions(code: str) -> list[str]:
        return [e["action"] for e in js(staff.ok("audit", "log", "--entity", code, "-f", "json"))]

    assert actions(piano) == [
        "asset.add",
        "asset.lend",
        "asset.return",
        "asset.damage",
        "asset.scrap.request",
        "asset.scrap.approve",  # names only BF-…, but it wrote the card: scrapped
    ]
    assert actions("WZ-0001") == [
        "stock.item.add",
        "stock.receive",
        "stock.issue",
        "stock.count.record",
    ]
    assert actions(rk.stdout.strip()) == ["stock.receive", "audit.receipt.add"]
    assert actions("ZC-2026-000") == []  # a prefix of a code is no code
    assert actions("ZC-2026-000_") == []  # nor a LIKE pattern
    assert actions("RY-0004") == ["people.add", "asset.scrap.approve"]  # 赵六 approved it
