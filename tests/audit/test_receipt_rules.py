"""A receipt's category decides at entry what the README says it "always" needs; a
signer is judged on the receipt's date; what certifies goods must be the supplier's own
and still on the books (#10 item 7). Through the CLI; "now" is 2026-03-02 09:00."""

from __future__ import annotations

from typing import Any

import pytest
from receipt_args import receipt

from conftest import Cli, assert_each_refused, assert_refused, assert_refused_as_left, js


@pytest.fixture
def staff(cli: Cli) -> Cli:
    """Signers 张三, 李四, 王五 (RY-0001..3); approver 赵六 (RY-0004); 吴十 (RY-0005),
    an approver who left on 2026-02-20."""
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    for name in ("赵六", "吴十"):
        cli.ok("people", "add", name, "--role", "approver")
    cli.ok("people", "leave", "吴十", "--date", "2026-02-20")
    return cli


def listed(cli: Cli) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in js(cli.ok("audit", "receipt", "list", "-f", "json"))}


def stock_in(cli: Cli, supplier: str | None, qty: str = "10", price: str = "12.50") -> str:
    cli.ok("stock", "item", "add", f"粉笔{qty}", "--unit", "盒")
    extra = ("--supplier", supplier) if supplier else ()
    return cli.ok("stock", "receive", f"粉笔{qty}", qty, "--price", price, *extra).stdout.strip()


# -- what a category always needs --------------------------------------------------------


@pytest.mark.parametrize("amount", ["10", "5000"])
def test_travel_without_an_approver_is_refused_whatever_the_amount(staff: Cli, amount: str) -> None:
    assert_refused(
        staff, 3, *receipt(category="travel", amount=amount, service=False),
        contains="A 差旅 receipt always needs an approver: add --approved-by PERSON.",
    )  # fmt: skip
    code = staff.ok(*receipt("--approved-by", "赵六", category="travel", amount=amount)).stdout
    assert listed(staff)[code.strip()]["approvers"] == ["赵六"]


@pytest.mark.parametrize("category", ["repair", "utilities", "travel", "training", "维修"])
def test_a_service_category_needs_no_service_flag(staff: Cli, category: str) -> None:
    code = staff.ok(*receipt("--approved-by", "赵六", category=category, service=False))
    row = js(staff.ok("audit", "receipt", "show", code.stdout.strip(), "-f", "json"))
    assert row["service"] is True and row["links"] == []


def test_goods_that_do_not_add_up_are_named_for_what_they_are(staff: Cli) -> None:
    rk = stock_in(staff, "修缮公司")  # ¥125.00
    res = assert_refused(
        staff, 3, *receipt("--stock", rk, category="office", amount="130", service=False),
        contains="come to ¥125.00, not ¥130.00",
    )  # fmt: skip
    assert "购物不实" in res.stderr  # goods: 购物不实
    for args, message in (
        (receipt("--stock", rk, category="other", amount="130", service=False),
         "The goods linked to this 其他 receipt come to ¥125.00, not ¥130.00"),
        (receipt("--stock", rk, category="repair", amount="100", service=False),
         "The goods linked to this 维修 receipt come to ¥125.00, more than its ¥100.00"),
    ):  # fmt: skip
        res = assert_refused(staff, 3, *args, contains=message)
        assert "购物不实" not in res.stderr
    # a repair bill with the spare parts it paid for, and more work besides
    code = staff.ok(*receipt("--stock", rk, category="repair", amount="300", service=False))
    assert listed(staff)[code.stdout.strip()]["links"] == [rk]


# -- signers on the receipt's date --------------------------------------------------------


@pytest.mark.parametrize("role", ["handler", "acceptor", "reviewer", "approver"])
def test_someone_who_left_signs_what_is_dated_before_they_left(staff: Cli, role: str) -> None:
    def args(day: str) -> list[str]:
        signers = {} if role == "approver" else {role: "吴十"}
        approver = "吴十" if role == "approver" else "赵六"
        return receipt(
            "--date", day, "--approved-by", approver,
            category="travel", invoice=f"T-{day}", invoice_date="2026-02-01", **signers,
        )  # fmt: skip

    # on the day they left and after it: the people rule's one refusal
    assert_refused_as_left(staff, "吴十 (RY-0005)", "2026-02-20", *args("2026-02-20"))
    assert_refused_as_left(staff, "吴十 (RY-0005)", "2026-02-20", *args("2026-03-02"))
    # the day before: they were still here
    code = staff.ok(*args("2026-02-19")).stdout.strip()
    assert listed(staff)[code]["date"] == "2026-02-19"


# -- what certifies goods -----------------------------------------------------------------


def test_a_stock_receipt_from_another_supplier_is_refused(staff: Cli) -> None:
    rk = stock_in(staff, "文具店")
    goods = {"category": "office", "amount": "125", "service": False}
    assert_refused(
        staff, 3, *receipt("--stock", rk, supplier="修缮公司", **goods),
        contains=f"Stock receipt {rk} came from 文具店, not 修缮公司",
    )  # fmt: skip
    code = staff.ok(*receipt("--stock", rk, supplier="文具店", **goods)).stdout.strip()
    assert listed(staff)[code]["links"] == [rk]
    # a stock receipt that names no supplier contradicts none
    other = stock_in(staff, None, qty="4")  # ¥50.00
    staff.ok(*receipt("--stock", other, invoice="INV-2", category="office", amount="50",
                      service=False))  # fmt: skip


def test_a_scrapped_card_cannot_certify_goods(staff: Cli) -> None:
    staff.ok("place", "add", "101", "--kind", "classroom")
    staff.ok("people", "add", "王主任")
    staff.ok("people", "add", "钱校长", "--role", "approver")
    add = ("asset", "add", "--category", "201", "--acquired", "2026-02-01", "--place", "101")
    pc = staff.ok(add[0], add[1], "电脑", *add[2:], "--value", "4500").stdout.strip()
    pad = staff.ok(add[0], add[1], "平板", *add[2:], "--value", "3000").stdout.strip()
    bf = staff.ok(
        "asset", "scrap", "request", pc, "--reason", "主板烧坏", "--by", "张三"
    ).stdout.strip()
    staff.ok("asset", "scrap", "appraise", bf, "--by", "王主任", "--opinion", "无修复价值")
    staff.ok("asset", "scrap", "approve", bf, "--by", "钱校长")
    goods = {"category": "equipment", "supplier": "电脑城", "service": False}
    assert_each_refused(
        staff,
        (3, receipt("--asset", pc, amount="4500", **goods),
         f"{pc} 电脑 was scrapped; a card off the books cannot certify goods"),
        (3, receipt("--asset", pc, "--asset", pad, "--approved-by", "赵六", amount="7500",
                    **goods), f"{pc} 电脑 was scrapped"),
    )  # fmt: skip
    code = staff.ok(*receipt("--asset", pad, amount="3000", **goods)).stdout.strip()
    assert listed(staff)[code]["links"] == [pad]
