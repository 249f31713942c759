"""Purchase receipts (报销): three signatures, approval thresholds, invoices, goods
accepted to the fen (购物不实), reversals; and income. Everything through the CLI.

"Now" is 2026-03-02 09:00 (HOUQIN_NOW in conftest)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from receipt_args import receipt

from conftest import Cli, assert_each_refused, assert_refused, assert_refused_as_left

RECEIPT_KEYS = {
    "code",
    "date",
    "supplier",
    "invoice",
    "category",
    "amount",
    "handler",
    "acceptor",
    "reviewer",
    "approvers",
    "voided",
}


# -- helpers -------------------------------------------------------------------


@pytest.fixture
def staff(cli: Cli) -> Cli:
    """Three plain signers, two approvers, one person without the approver role."""
    for name in ("张三", "李四", "王五", "孙八"):
        cli.ok("people", "add", name)
    for name in ("赵六", "钱七", "周九"):
        cli.ok("people", "add", name, "--role", "approver")
    return cli


def add(cli: Cli, *extra: str, **kw: Any) -> str:
    res = cli.ok(*receipt(*extra, **kw))
    code = res.stdout.strip()
    assert code.startswith("BX-"), res
    return code


def stock_in(cli: Cli, item: str, qty: str, price: str, supplier: str = "文具店") -> str:
    """Receive goods into the storeroom; the RK- code."""
    items = json.loads(cli.ok("stock", "item", "list", "-f", "json").stdout)
    if not any(i.get("name") == item for i in items):
        cli.ok("stock", "item", "add", item, "--unit", "盒")
    res = cli.ok("stock", "receive", item, qty, "--price", price, "--supplier", supplier)
    code = res.stdout.strip()
    assert code.startswith("RK-"), res
    return code


def rows(cli: Cli, *args: str) -> list[dict[str, Any]]:
    res = cli.ok("audit", "receipt", "list", "-f", "json", *args)
    data = json.loads(res.stdout)
    assert isinstance(data, list), res
    return data


def by_code(cli: Cli) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in rows(cli)}


# -- add -----------------------------------------------------------------------


def test_add_prints_the_code_and_lists_the_receipt(staff: Cli) -> None:
    res = staff.ok(*receipt(amount="1,234.50"))
    assert res.stdout == "BX-2026-0001\n"
    assert add(staff, invoice="INV-2") == "BX-2026-0002"
    [first, _second] = rows(staff)
    assert set(first) >= RECEIPT_KEYS, first
    assert first["code"] == "BX-2026-0001"
    assert first["date"] == "2026-03-02"
    assert first["supplier"] == "修缮公司"
    assert first["invoice"] == "INV-1"
    assert first["category"] == "repair"
    assert first["amount"] == "1234.50"
    assert (first["handler"], first["acceptor"], first["reviewer"]) == ("张三", "李四", "王五")
    assert first["approvers"] == []
    assert first["voided"] is False


def test_category_by_its_chinese_name(staff: Cli) -> None:
    add(staff, category="维修")
    assert rows(staff)[0]["category"] == "repair"


@pytest.mark.parametrize(
    "who",
    [
        {"handler": "张三", "acceptor": "张三"},
        {"handler": "张三", "reviewer": "张三"},
        {"acceptor": "李四", "reviewer": "李四"},
        {"handler": "张三", "acceptor": "张三", "reviewer": "张三"},
        {"handler": "RY-0001", "acceptor": "张三"},  # the same person by code and by name
    ],
)
def test_one_person_cannot_sign_twice(staff: Cli, who: dict[str, str]) -> None:
    assert_refused(
        staff, 3, *receipt(**who),
        contains="The handler, the acceptor and the reviewer must be three different people",
    )  # fmt: skip
    # a refused command uses no number up
    assert add(staff) == "BX-2026-0001"


@pytest.mark.parametrize("role", ["handler", "acceptor", "reviewer", "approver"])
def test_a_person_who_has_left_cannot_sign(staff: Cli, role: str) -> None:
    staff.ok("people", "add", "吴十", "--role", "approver")
    staff.ok("people", "leave", "吴十", "--date", "2026-02-28")
    if role == "approver":
        args = receipt("--approved-by", "吴十", amount="6000")
    else:
        args = receipt(**{role: "吴十"})
    assert_refused_as_left(staff, "吴十 (RY-0008)", "2026-02-28", *args)
    assert rows(staff) == []


def test_approval_threshold(staff: Cli) -> None:
    # at the threshold itself no approver is needed; one fen above, one is
    add(staff, invoice="A", amount="5000.00")
    assert_refused(
        staff, 3, *receipt(invoice="B", amount="5000.01"),
        contains="¥5,000.01 is above ¥5,000.00: it needs 1 approver(s)",
    )  # fmt: skip
    # an approver without the approver role
    assert_refused(
        staff, 3, *receipt("--approved-by", "孙八", invoice="B", amount="5000.01"),
        contains="孙八 (RY-0004) does not have the approver role",
    )  # fmt: skip
    # an approver who is one of the three signers, even with the role
    staff.ok("people", "edit", "王五", "--add-role", "approver")
    assert_refused(
        staff, 3, *receipt("--approved-by", "王五", invoice="B", amount="5000.01"),
        contains="王五 (RY-0003) already signs this receipt and cannot also approve it",
    )  # fmt: skip
    code = add(staff, "--approved-by", "赵六", invoice="B", amount="5000.01")
    assert by_code(staff)[code]["approvers"] == ["赵六"]


def test_approval_threshold_is_a_setting(staff: Cli) -> None:
    staff.ok("config", "set", "audit.approval_threshold", "1000")
    add(staff, invoice="A", amount="1000")
    assert_refused(
        staff, 3, *receipt(invoice="B", amount="1000.01"),
        contains="¥1,000.01 is above ¥1,000.00: it needs 1 approver(s)",
    )  # fmt: skip
    add(staff, "--approved-by", "钱七", invoice="B", amount="1000.01")


def test_committee_threshold_needs_two_different_approvers(staff: Cli) -> None:
    add(staff, "--approved-by", "赵六", invoice="A", amount="50000")
    big = {"invoice": "B", "amount": "50000.01"}
    needs_two = "¥50,000.01 is above ¥50,000.00: it needs 2 approver(s)"
    assert_each_refused(
        staff,
        (3, receipt(**big), needs_two),
        (3, receipt("--approved-by", "赵六", **big), needs_two),
        (3, receipt("--approved-by", "赵六", "--approved-by", "赵六", **big),
         "The same approver is named twice"),
        (3, receipt("--approved-by", "赵六", "--approved-by", "孙八", **big),
         "孙八 (RY-0004) does not have the approver role"),
    )  # fmt: skip
    code = add(staff, "--approved-by", "赵六", "--approved-by", "钱七", **big)
    assert sorted(by_code(staff)[code]["approvers"]) == sorted(["赵六", "钱七"])


def test_an_invoice_is_reimbursed_once(staff: Cli) -> None:
    first = add(staff, supplier="修缮公司", invoice="No.0042")
    res = assert_refused(
        staff, 3, *receipt(supplier="修缮公司", invoice="No.0042"),
        contains="Invoice No.0042 of 修缮公司 was already reimbursed as BX-2026-0001",
    )  # fmt: skip
    assert first in res.stderr
    # the same number from another supplier is another invoice
    add(staff, supplier="电工服务部", invoice="No.0042")
    # once the first receipt is reversed, the invoice can be reimbursed again, once
    staff.ok("audit", "receipt", "void", first, "--reason", "金额有误")
    again = add(staff, supplier="修缮公司", invoice="No.0042", amount="90")
    res = assert_refused(
        staff, 3, *receipt(supplier="修缮公司", invoice="No.0042"),
        contains="Invoice No.0042 of 修缮公司 was already reimbursed as BX-2026-0004",
    )  # fmt: skip
    assert again in res.stderr


def test_an_invoice_from_the_future_is_refused(staff: Cli) -> None:
    assert_each_refused(
        staff,
        (3, receipt(invoice_date="2026-03-03"),
         "The invoice is dated 2026-03-03, after the receipt (2026-03-02)"),
        (3, receipt("--date", "2026-02-20", invoice_date="2026-02-21"),
         "The invoice is dated 2026-02-21, after the receipt (2026-02-20)"),
    )  # fmt: skip
    add(staff, "--date", "2026-02-20", invoice_date="2026-02-20")
    add(staff, invoice="INV-2", invoice_date="2026-03-02")


def test_an_expired_invoice_is_refused(staff: Cli) -> None:
    # 180 days before 2026-03-02 is 2025-09-03: still valid; a day more is expired
    assert_refused(
        staff, 3, *receipt(invoice_date="2025-09-02"),
        contains="The invoice of 2025-09-02 is more than 180 days old",
    )  # fmt: skip
    add(staff, invoice_date="2025-09-03")
    # the age counts back from the receipt's own date
    add(staff, "--date", "2026-03-01", invoice="INV-2", invoice_date="2025-09-02")
    staff.ok("config", "set", "audit.invoice_max_age_days", "30")
    assert_refused(
        staff, 3, *receipt(invoice="INV-3", invoice_date="2026-01-30"),
        contains="The invoice of 2026-01-30 is more than 30 days old",
    )  # fmt: skip
    add(staff, invoice="INV-3", invoice_date="2026-01-31")


def test_goods_must_match_the_stock_receipts_to_the_fen(staff: Cli) -> None:
    rk = stock_in(staff, "粉笔", "10", "12.50")  # ¥125.00
    goods = {"category": "office", "service": False, "supplier": "文具店"}
    # no stock receipt at all
    res = assert_refused(
        staff, 3, *receipt(amount="125", **goods), contains="come to ¥0.00, not ¥125.00"
    )
    assert "购物不实" in res.stderr
    # one fen off either way
    for amount in ("125.01", "124.99"):
        res = assert_refused(
            staff, 3, *receipt("--stock", rk, amount=amount, **goods),
            contains=f"come to ¥125.00, not ¥{amount}",
        )  # fmt: skip
        assert "购物不实" in res.stderr
    code = add(staff, "--stock", rk, amount="125.00", **goods)
    assert by_code(staff)[code]["category"] == "office"


def test_two_stock_receipts_add_up(staff: Cli) -> None:
    a = stock_in(staff, "粉笔", "10", "12.50")  # ¥125.00
    b = stock_in(staff, "拖把", "3", "33.33")  # ¥99.99
    goods = {"category": "cleaning", "service": False, "supplier": "文具店"}
    assert_refused(
        staff, 3, *receipt("--stock", a, amount="224.99", **goods),
        contains="come to ¥125.00, not ¥224.99",
    )  # fmt: skip
    assert_refused(
        staff, 3, *receipt("--stock", a, "--stock", b, amount="225.00", **goods),
        contains="come to ¥224.99, not ¥225.00",
    )  # fmt: skip
    add(staff, "--stock", a, "--stock", b, amount="224.99", **goods)


def test_a_stock_receipt_backs_one_receipt_only(staff: Cli) -> None:
    rk = stock_in(staff, "粉笔", "10", "12.50")
    goods = {"category": "office", "service": False, "supplier": "文具店"}
    first = add(staff, "--stock", rk, amount="125", **goods)
    res = assert_refused(
        staff, 3, *receipt("--stock", rk, invoice="INV-2", amount="125", **goods),
        contains="RK-2026-0001 already backs receipt BX-2026-0001",
    )  # fmt: skip
    assert first in res.stderr


def test_service_skips_the_goods_rule(staff: Cli) -> None:
    add(staff, category="office", amount="88.80")
    add(staff, invoice="INV-2", category="repair", amount="300")
    assert [r["amount"] for r in rows(staff)] == ["88.80", "300.00"]


def test_asset_links_wait_for_the_asset_group(staff: Cli) -> None:
    """Until the asset group lands, --asset is refused saying so (exit 2); once it has,
    a card that does not exist is still exit 2, naming the asset card."""
    res = assert_refused(
        staff, 2, *receipt("--asset", "ZC-2026-0001", category="equipment", service=False),
        contains="No asset card ZC-2026-0001",
    )  # fmt: skip
    err = res.stderr.lower()
    assert "asset" in err
    assert "not landed" in err or "zc-2026-0001" in err


@pytest.mark.parametrize(
    ("change", "contains"),
    [
        ({"handler": "不存在的人"}, "No person matches '不存在的人'"),
        ({"reviewer": "RY-0999"}, "No person matches 'RY-0999'"),
        ({"category": "snacks"}, "Unknown category 'snacks'"),
        ({"amount": "0"}, "Invalid amount '0': it must be more than ¥0"),
        ({"amount": "0.00"}, "Invalid amount '0.00': it must be more than ¥0"),
        ({"amount": "12.345"}, "Invalid amount '12.345': money has at most two decimal places"),
        ({"amount": "abc"}, "Invalid amount 'abc'"),
        ({"invoice_date": "2026-13-01"}, "Invalid date '2026-13-01'"),
        ({"invoice_date": "2026-02-30"}, "Invalid date '2026-02-30'"),
    ],
)
def test_bad_input_exits_2(staff: Cli, change: dict[str, str], contains: str) -> None:
    assert_refused(staff, 2, *receipt(**change), contains=contains)


def test_negative_amount_exits_2(staff: Cli) -> None:
    args = receipt()
    i = args.index("--amount")
    args[i : i + 2] = ["--amount=-5"]
    assert_refused(staff, 2, *args, contains="Invalid amount '-5': an amount cannot be negative")


def test_bad_receipt_date_and_unknown_links_exit_2(staff: Cli) -> None:
    assert_each_refused(
        staff,
        (2, receipt("--date", "2026-13-01"), "Invalid date '2026-13-01'"),
        (2, receipt("--approved-by", "不存在的人", amount="6000"), "No person matches '不存在的人'"),
        (2, receipt("--stock", "RK-2026-0099", category="office", service=False),
         "No stock receipt RK-2026-0099"),
    )  # fmt: skip


# -- list, show ----------------------------------------------------------------


def test_list_filters(staff: Cli) -> None:
    rk = stock_in(staff, "粉笔", "10", "12.50")
    feb = add(staff, "--date", "2026-02-10", invoice="F1", invoice_date="2026-02-01")
    office = add(
        staff,
        "--stock",
        rk,
        supplier="文具店",
        invoice="M1",
        category="office",
        amount="125",
        service=False,
    )
    repair = add(staff, invoice="M2", amount="300")
    assert [r["code"] for r in rows(staff)] == [feb, office, repair]
    assert [r["code"] for r in rows(staff, "--month", "2026-02")] == [feb]
    assert [r["code"] for r in rows(staff, "--month", "2026-03")] == [office, repair]
    assert [r["code"] for r in rows(staff, "--category", "office")] == [office]
    assert [r["code"] for r in rows(staff, "--category", "办公用品")] == [office]
    assert [r["code"] for r in rows(staff, "--supplier", "文具店")] == [office]
    assert [r["code"] for r in rows(staff, "--supplier", "修缮公司", "--month", "2026-03")] == [
        repair
    ]
    assert rows(staff, "--month", "2026-01") == []
    assert_each_refused(
        staff,
        (2, ["audit", "receipt", "list", "--month", "2026-13"], "Invalid month '2026-13'"),
        (2, ["audit", "receipt", "list", "--category", "snacks"], "Unknown category 'snacks'"),
    )


def test_show(staff: Cli) -> None:
    rk = stock_in(staff, "粉笔", "10", "12.50")
    code = add(
        staff,
        "--stock",
        rk,
        "--approved-by",
        "赵六",
        "--note",
        "三月粉笔",
        supplier="文具店",
        category="office",
        amount="125",
        service=False,
    )
    res = staff.ok("audit", "receipt", "show", code, "-f", "json")
    data = json.loads(res.stdout)
    assert isinstance(data, dict), res
    assert set(data) >= RECEIPT_KEYS
    assert data["code"] == code
    assert data["amount"] == "125.00"
    assert data["approvers"] == ["赵六"]
    assert data["invoice_date"] == "2026-03-01"
    assert rk in json.dumps(data, ensure_ascii=False)
    plain = staff.ok("audit", "receipt", "show", code, "-f", "plain").stdout
    assert code in plain and "¥125.00" in plain and "李四" in plain
    assert_refused(
        staff, 2, "audit", "receipt", "show", "BX-2026-0099", contains="No receipt BX-2026-0099"
    )


# -- void ----------------------------------------------------------------------


def test_void_makes_a_reversing_entry(staff: Cli) -> None:
    code = add(staff, amount="300.50")
    res = staff.ok("audit", "receipt", "void", code, "--reason", "重复录入")
    reversal = res.stdout.strip()
    assert reversal == "BX-2026-0002"
    listed = by_code(staff)
    assert set(listed) == {code, reversal}
    original, rev = listed[code], listed[reversal]
    assert original["voided"] is True
    assert original["amount"] == "300.50"
    assert rev["amount"] == "-300.50"
    assert rev["reverses"] == code
    assert rev["voided"] is False
    assert Decimal(original["amount"]) + Decimal(rev["amount"]) == 0
    shown = json.loads(staff.ok("audit", "receipt", "show", code, "-f", "json").stdout)
    assert shown["voided"] is True
    # twice: refused; the reversal itself cannot be reversed either
    void = ("audit", "receipt", "void")
    assert_each_refused(
        staff,
        (3, [*void, code, "--reason", "again"], "BX-2026-0001 was already reversed by BX-2026-0002"),
        (3, [*void, reversal, "--reason", "again"],
         "BX-2026-0002 is itself a reversal and cannot be reversed"),
        (2, [*void, "BX-2026-0099", "--reason", "x"], "No receipt BX-2026-0099"),
    )  # fmt: skip


def test_void_frees_the_stock_receipt(staff: Cli) -> None:
    rk = stock_in(staff, "粉笔", "10", "12.50")
    goods = {"category": "office", "service": False, "supplier": "文具店", "amount": "125"}
    first = add(staff, "--stock", rk, **goods)
    staff.ok("audit", "receipt", "void", first, "--reason", "发票开错")
    add(staff, "--stock", rk, invoice="INV-2", **goods)


# -- income --------------------------------------------------------------------


def test_income_add(staff: Cli) -> None:
    res = staff.ok("audit", "income", "add", "--source", "总校拨款", "--amount", "20,000")
    assert res.stdout == "SR-2026-0001\n"
    res = staff.ok(
        "audit",
        "income",
        "add",
        "--source",
        "伙食费",
        "--amount",
        "¥1,234.56",
        "--date",
        "2026-02-27",
    )
    assert res.stdout == "SR-2026-0002\n"
    for bad, rule in (
        ("0", "it must be more than ¥0"),
        ("1.001", "money has at most two decimal places"),
        ("abc", "write it like 12"),
    ):
        assert_refused(
            staff, 2, "audit", "income", "add", "--source", "伙食费", "--amount", bad,
            contains=f"Invalid amount '{bad}': {rule}",
        )  # fmt: skip
    assert_refused(
        staff, 2, "audit", "income", "add", "--source", "伙食费", "--amount", "10", "--date",
        "2026-13-01",
        contains="Invalid date '2026-13-01'",
    )  # fmt: skip
