"""Budgets, the audit check, and the monthly / quarterly / yearly statement
(`audit report`) in every format, through the CLI.

"Now" is 2026-03-02 09:00 (HOUQIN_NOW in conftest)."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from receipt_args import receipt

from conftest import Cli, assert_each_refused, assert_refused, findings_json

SEAL_RE = re.compile(r"^\d+:[0-9a-f]{64}$")
MONEY_FORMAT = "¥#,##0.00"
STATEMENT_KEYS = {
    "period",
    "opening",
    "income_total",
    "expense_total",
    "closing",
    "categories",
    "receipts",
    "seal",
}


# -- helpers -------------------------------------------------------------------


@pytest.fixture
def staff(cli: Cli) -> Cli:
    for name in ("张三", "李四", "王五"):
        cli.ok("people", "add", name)
    for name in ("赵六", "钱七"):
        cli.ok("people", "add", name, "--role", "approver")
    return cli


_invoices = iter(range(1, 10_000))


def add(
    cli: Cli,
    *extra: str,
    amount: str = "100",
    category: str = "repair",
    supplier: str = "修缮公司",
    day: str | None = None,
    service: bool = True,
) -> str:
    args = receipt(
        *extra,
        *(("--date", day) if day else ()),
        supplier=supplier,
        invoice=f"INV-{next(_invoices):04d}",
        invoice_date=day or "2026-03-01",
        amount=amount,
        category=category,
        service=service,
    )
    res = cli.ok(*args)
    return res.stdout.strip()


def income(cli: Cli, source: str, amount: str, day: str) -> str:
    res = cli.ok("audit", "income", "add", "--source", source, "--amount", amount, "--date", day)
    return res.stdout.strip()


def stock_in(cli: Cli, item: str, qty: str, price: str) -> str:
    cli.ok("stock", "item", "add", item, "--unit", "盒")
    return cli.ok("stock", "receive", item, qty, "--price", price).stdout.strip()


def report(cli: Cli, kind: str, period: str) -> dict[str, Any]:
    res = cli.ok("audit", "report", kind, period, "-f", "json")
    data = json.loads(res.stdout)
    assert isinstance(data, dict), res
    assert set(data) >= STATEMENT_KEYS, data
    return data


def seal(cli: Cli) -> str:
    text = cli.ok("audit", "seal").stdout.strip()
    assert SEAL_RE.match(text), text
    return text


def check(cli: Cli, *args: str) -> tuple[int, dict[str, Any]]:
    res, data = findings_json(cli, *args)
    return res.exit_code, data


def D(text: str | None) -> Decimal:
    assert text is not None
    return Decimal(text)


def consistent(data: dict[str, Any]) -> None:
    """Every total adds up to the fen and equals what is listed."""
    assert D(data["opening"]) + D(data["income_total"]) - D(data["expense_total"]) == D(
        data["closing"]
    )
    assert sum((D(r["amount"]) for r in data["receipts"]), Decimal(0)) == D(data["expense_total"])
    assert sum((D(c["spent"]) for c in data["categories"]), Decimal(0)) == D(data["expense_total"])
    if "income" in data:
        assert sum((D(i["amount"]) for i in data["income"]), Decimal(0)) == D(data["income_total"])
    for c in data["categories"]:
        assert {"category", "budget", "spent"} <= set(c), c


@pytest.fixture
def quarter(staff: Cli) -> Cli:
    """February: ¥10,000 in, ¥1,000 out. March: ¥2,500 in; ¥125 of chalk,
    ¥300.50 of repairs that were then reversed, ¥49.99 of water."""
    income(staff, "总校拨款", "10000", "2026-02-01")
    add(staff, amount="1000", day="2026-02-10")  # BX-2026-0001
    income(staff, "总校拨款", "2000", "2026-03-01")
    income(staff, "伙食费", "500", "2026-03-02")
    rk = stock_in(staff, "粉笔", "10", "12.50")
    add(staff, "--stock", rk, amount="125", category="office", service=False)  # 0002
    add(staff, amount="300.50")  # 0003
    staff.ok("audit", "receipt", "void", "BX-2026-0003", "--reason", "重复录入")  # 0004
    add(staff, amount="49.99", category="utilities")  # 0005
    staff.ok("audit", "budget", "set", "2026-03", "office", "100")
    staff.ok("audit", "budget", "set", "2026-03", "repair", "500")
    return staff


# -- budgets -------------------------------------------------------------------


def test_budget_set_and_show(staff: Cli) -> None:
    res = staff.ok("audit", "budget", "set", "2026-03", "repair", "1000")
    assert res.stdout == ""
    staff.ok("audit", "budget", "set", "2026-03", "维修", "1,000.00")  # set again: replaced
    staff.ok("audit", "budget", "set", "2026-03", "office", "200")
    add(staff, amount="250")
    add(staff, amount="99.99", category="utilities")
    lines = json.loads(staff.ok("audit", "budget", "show", "2026-03", "-f", "json").stdout)
    by = {line["category"]: line for line in lines}
    repair = by["repair"]
    assert (repair["budget"], repair["spent"], repair["remaining"]) == (
        "1000.00",
        "250.00",
        "750.00",
    )
    assert D(repair["share_used"]) == Decimal("0.25")
    office = by["office"]
    assert (office["budget"], office["spent"], office["remaining"]) == ("200.00", "0.00", "200.00")
    assert D(office["share_used"]) == 0
    assert by["utilities"]["spent"] == "99.99"
    assert by["utilities"]["budget"] is None
    # another month knows nothing of March's budget
    other = json.loads(staff.ok("audit", "budget", "show", "2026-04", "-f", "json").stdout)
    assert all(line["budget"] is None for line in other)
    plain = staff.ok("audit", "budget", "show", "2026-03", "-f", "plain").stdout
    assert "¥1,000.00" in plain and "¥750.00" in plain
    # the category by its label under Category; its name stays in JSON (#12)
    csv = staff.ok("audit", "budget", "show", "2026-03", "-f", "csv").stdout
    assert csv.lstrip("\ufeff").splitlines()[0] == "Category,Budget,Spent,Remaining,Share used"


def test_spending_past_the_budget_is_allowed_and_a_finding(staff: Cli) -> None:
    income(staff, "总校拨款", "1000", "2026-03-01")  # no negative balance to report
    staff.ok("audit", "budget", "set", "2026-03", "repair", "100")
    add(staff, amount="100")
    code, data = check(staff, "audit", "check", "--month", "2026-03")
    assert code == 0 and data["findings"] == []
    add(staff, amount="0.01")  # one fen over: allowed
    code, data = check(staff, "audit", "check", "--month", "2026-03")
    assert code == 1
    [finding] = data["findings"]
    assert finding["check"].startswith("audit")
    assert "维修" in finding["message"] or "Repairs" in finding["message"]
    # another month is clean
    code, data = check(staff, "audit", "check", "--month", "2026-04")
    assert code == 0
    # `houqin check` runs it for this month
    code, data = check(staff, "check")
    assert code == 1
    assert finding["code"] in [f["code"] for f in data["findings"]]


def test_goods_entered_as_a_service_is_a_finding(staff: Cli) -> None:
    code = add(staff, amount="88", category="office")
    exit_code, data = check(staff, "audit", "check", "--month", "2026-03")
    assert exit_code == 1
    assert any(code in f["message"] for f in data["findings"]), data
    exit_code, data = check(staff, "check")
    assert exit_code == 1
    assert any(code in f["message"] for f in data["findings"]), data


def test_travel_always_needs_an_approver_at_entry(staff: Cli) -> None:
    """The README says travel always needs an approver: refused at entry (exit 3),
    whatever the amount, no longer a finding afterwards (#10 item 7)."""
    income(staff, "总校拨款", "1000", "2026-03-01")
    assert_refused(
        staff, 3, *receipt(category="差旅", amount="300", invoice="T-1"),
        contains="A 差旅 receipt always needs an approver: add --approved-by PERSON.",
    )  # fmt: skip
    add(staff, "--approved-by", "赵六", amount="300", category="travel")
    exit_code, data = check(staff, "audit", "check", "--month", "2026-03")
    assert exit_code == 0, data


# -- the statement -------------------------------------------------------------


def test_month_statement(quarter: Cli) -> None:
    data = report(quarter, "month", "2026-03")
    consistent(data)
    assert data["period"] == "2026-03"
    assert data["opening"] == "9000.00"
    assert data["income_total"] == "2500.00"
    assert data["expense_total"] == "174.99"  # 125 + 300.50 - 300.50 + 49.99
    assert data["closing"] == "11325.01"
    assert data["seal"] == seal(quarter)
    codes = [r["code"] for r in data["receipts"]]
    assert codes == ["BX-2026-0002", "BX-2026-0003", "BX-2026-0004", "BX-2026-0005"]
    by = {r["code"]: r for r in data["receipts"]}
    # the voided receipt is there, with its reversal
    assert by["BX-2026-0003"]["voided"] is True
    assert by["BX-2026-0003"]["amount"] == "300.50"
    assert by["BX-2026-0004"]["reverses"] == "BX-2026-0003"
    assert by["BX-2026-0004"]["amount"] == "-300.50"
    for r in data["receipts"]:
        assert {"code", "date", "supplier", "amount", "handler", "acceptor", "reviewer"} <= set(r)
    cats = {c["category"]: c for c in data["categories"]}
    assert (cats["office"]["budget"], cats["office"]["spent"]) == ("100.00", "125.00")
    assert (cats["repair"]["budget"], cats["repair"]["spent"]) == ("500.00", "0.00")
    assert (cats["utilities"]["budget"], cats["utilities"]["spent"]) == (None, "49.99")


def test_opening_balance_carries_over(quarter: Cli) -> None:
    feb = report(quarter, "month", "2026-02")
    consistent(feb)
    assert (feb["opening"], feb["income_total"], feb["expense_total"]) == (
        "0.00",
        "10000.00",
        "1000.00",
    )
    mar = report(quarter, "month", "2026-03")
    assert mar["opening"] == feb["closing"] == "9000.00"
    apr = report(quarter, "month", "2026-04")
    consistent(apr)
    assert apr["opening"] == apr["closing"] == mar["closing"]
    assert apr["receipts"] == []


@pytest.mark.parametrize(("kind", "period"), [("quarter", "2026-Q1"), ("year", "2026")])
def test_quarter_and_year_statements(quarter: Cli, kind: str, period: str) -> None:
    income(quarter, "上年结余", "700", "2025-12-31")
    data = report(quarter, kind, period)
    consistent(data)
    assert data["period"] == period
    assert data["opening"] == "700.00"
    assert data["income_total"] == "12500.00"
    assert data["expense_total"] == "1174.99"
    assert data["closing"] == "12025.01"
    assert len(data["receipts"]) == 5
    assert data["seal"] == seal(quarter)


def test_seal_is_the_journal_head_when_made(quarter: Cli) -> None:
    before = report(quarter, "month", "2026-03")["seal"]
    assert before == seal(quarter)
    add(quarter, amount="1")
    after = report(quarter, "month", "2026-03")
    assert after["seal"] == seal(quarter) != before
    consistent(after)


def test_bad_input_exits_2(quarter: Cli) -> None:
    budget, report = ("audit", "budget"), ("audit", "report")
    assert_each_refused(
        quarter,
        (2, [*budget, "set", "2026-13", "repair", "100"], "Invalid month '2026-13'"),
        (2, [*budget, "set", "2026-03", "snacks", "100"], "Unknown category 'snacks'"),
        (2, [*budget, "set", "2026-03", "repair", "1.001"],
         "Invalid amount '1.001': money has at most two decimal places"),
        (2, [*budget, "show", "2026-13"], "Invalid month '2026-13'"),
        (2, ["audit", "check", "--month", "2026-13"], "Invalid month '2026-13'"),
        (2, [*report, "month", "2026-13"], "Invalid month '2026-13'"),
        (2, [*report, "month", "2026-3-1"], "Invalid month '2026-3-1'"),
        (2, [*report, "quarter", "2026-Q5"], "Invalid date '2026-q5'"),
        (2, [*report, "quarter", "2026-03"], "Invalid quarter '2026-03'"),
        (2, [*report, "year", "2026-Q1"], "Invalid year '2026-Q1'"),
        (2, [*report, "year", "twenty"], "Invalid date 'twenty'"),
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["table", "plain", "csv", "json", "markdown"])
@pytest.mark.parametrize(("kind", "period"), [("month", "2026-03"), ("quarter", "2026-Q1")])
def test_reproducible_on_stdout(quarter: Cli, fmt: str, kind: str, period: str) -> None:
    first = quarter.ok("audit", "report", kind, period, "-f", fmt)
    second = quarter.ok("audit", "report", kind, period, "-f", fmt)
    assert first.stdout and first.stdout == second.stdout
    assert "BX-2026-0002" in first.stdout
    assert seal(quarter) in first.stdout


@pytest.mark.parametrize("ext", [".xlsx", ".csv", ".json", ".md"])
def test_reproducible_files(quarter: Cli, tmp_path: Path, ext: str) -> None:
    a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
    for path in (a, b):
        res = quarter.ok("audit", "report", "month", "2026-03", "-o", str(path))
        assert res.stdout == ""
    assert a.read_bytes() == b.read_bytes()
    if ext != ".xlsx":
        text = a.read_bytes().decode("utf-8-sig")
        assert "BX-2026-0003" in text and seal(quarter) in text
    if ext == ".csv":
        assert a.read_bytes().startswith(b"\xef\xbb\xbf")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _load(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path).active


def test_xlsx_is_what_a_finance_office_expects(quarter: Cli, tmp_path: Path) -> None:
    path = tmp_path / "disclosure.xlsx"
    quarter.ok("audit", "report", "month", "2026-03", "-o", str(path))
    ws = _load(path)
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    # money is a number formatted as yuan, never text
    money = [c for c in cells if c.number_format == MONEY_FORMAT]
    assert money
    for c in money:
        assert isinstance(c.value, int | float) and not isinstance(c.value, bool), c
    for c in cells:
        if isinstance(c.value, str):
            assert not re.fullmatch(r"-?¥?-?[\d,]+\.\d\d", c.value.strip()), c
    values = {Decimal(str(c.value)).quantize(Decimal("0.01")) for c in money}
    for amount in ("9000.00", "2500.00", "174.99", "11325.01", "125.00", "-300.50", "49.99"):
        assert Decimal(amount) in values, amount
    # a frozen header row: the row just above the split holds bold headers
    assert ws.freeze_panes
    split_row = ws[ws.freeze_panes].row
    header = [c for c in ws[split_row - 1] if c.value is not None]
    assert len(header) > 1
    assert all(c.font.bold for c in header)
    # totals rows in bold, money included
    totals = [c for c in cells if c.value == "Total"]
    assert totals
    for t in totals:
        row = [c for c in ws[t.row] if c.value is not None]
        assert all(c.font.bold for c in row), row
        assert any(c.number_format == MONEY_FORMAT for c in row), row
    # the expenses total is there as a bold number
    assert any(
        c.number_format == MONEY_FORMAT and c.font.bold and abs(c.value - 174.99) < 1e-9
        for c in money
    )
    # the seal under the tables, in one cell merged across the table's width and
    # wrapped; the printed page's footer numbers the pages (#12)
    sealed = next(c for c in cells if isinstance(c.value, str) and seal(quarter) in c.value)
    assert sealed.alignment.wrap_text
    span = next(r for r in ws.merged_cells.ranges if r.min_row == sealed.row)
    assert span.min_col == 1 and span.max_col == ws.max_column
    assert ws.oddFooter.center.text == "Page &P of &N"


def test_xlsx_headers_in_chinese(quarter: Cli, tmp_path: Path) -> None:
    path = tmp_path / "公示.xlsx"
    quarter.ok("--lang", "zh", "audit", "report", "month", "2026-03", "-o", str(path))
    ws = _load(path)
    split_row = ws[ws.freeze_panes].row
    header = [str(c.value) for c in ws[split_row - 1] if c.value is not None]
    assert header and all(re.search(r"[\u4e00-\u9fff]", h) for h in header), header
    seen = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "金额" in seen
    # columns wide enough for the Chinese they hold (tables, not the one-cell titles
    # nor the title block's lines merged across the table)
    merged = {c for rng in ws.merged_cells.ranges for c in [ws.cell(rng.min_row, rng.min_col)]}
    for row in ws.iter_rows():
        filled = [c for c in row if c.value is not None and c not in merged]
        if len(filled) < 2:
            continue
        for c in filled:
            if isinstance(c.value, str) and re.search(r"[\u4e00-\u9fff]", c.value):
                width = ws.column_dimensions[c.column_letter].width
                assert width >= _display_width(c.value), (c.coordinate, c.value, width)
    assert any(seal(quarter) in v for v in seen)
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
