"""The storeroom's reports (balance, ledger, summary, the reorder check) and the
stocktake (盘点), through the CLI. "Now" is 2026-03-02 09:00."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from import_refusals import assert_rows_refused

from conftest import Cli, assert_each_refused, assert_fields, assert_refused, js

PD = "PD-2026-0001"


def dec(text) -> Decimal:
    return Decimal(str(text))


@pytest.fixture
def store(cli: Cli) -> Cli:
    """Classes 初一(1)班 and 初二(1)班, approver 王老师; items
    WZ-0001 粉笔 盒 办公用品: 20 received 2026-02-10 at 12.50 (250.00), 4 issued 2026-03-01;
    WZ-0002 签字笔 支 办公用品: 100 at 1.50 (150.00), 30 issued 2026-03-01;
    WZ-0003 扫把 把 清洁用品: 10 for 200.00;
    WZ-0004 打印纸 箱 办公用品: 5 for 1,234.50.
    On hand now: 16 / 200.00, 70 / 105.00, 10 / 200.00, 5 / 1234.50; total 1739.50."""
    cli.ok("unit", "add", "初一(1)班", "--kind", "class")
    cli.ok("unit", "add", "初二(1)班", "--kind", "class")
    cli.ok("people", "add", "王老师", "--role", "approver")
    cli.ok("stock", "item", "add", "粉笔", "--unit", "盒", "--category", "办公用品")
    cli.ok("stock", "item", "add", "签字笔", "--unit", "支", "--category", "办公用品")
    cli.ok("stock", "item", "add", "扫把", "--unit", "把", "--category", "清洁用品")
    cli.ok("stock", "item", "add", "打印纸", "--unit", "箱", "--category", "办公用品")
    cli.ok("stock", "receive", "粉笔", "20", "--price", "12.50", "--date", "2026-02-10")
    cli.ok("stock", "receive", "签字笔", "100", "--price", "1.5", "--date", "2026-02-10")
    cli.ok("stock", "receive", "扫把", "10", "--amount", "200", "--date", "2026-02-12")
    cli.ok("stock", "receive", "打印纸", "5", "--amount", "1,234.50", "--date", "2026-02-20")
    cli.ok("stock", "issue", "粉笔", "4", "--to", "初一(1)班", "--date", "2026-03-01")
    cli.ok("stock", "issue", "签字笔", "30", "--to", "初二(1)班", "--date", "2026-03-01")
    return cli


def balance(cli: Cli, *args: str) -> dict[str, dict]:
    return {r["item_code"]: r for r in js(cli.ok("stock", "balance", "-f", "json", *args))}


def report(cli: Cli, code: str = PD, expect: int = 1) -> dict:
    res = cli("stock", "count", "report", code, "-f", "json")
    assert res.exit_code == expect, res
    return js(res)


def lines(doc: dict) -> dict[str, dict]:
    return {ln["item_code"]: ln for ln in doc["lines"]}


# -- balance ------------------------------------------------------------------------------


def test_balance_json(store):
    rows = balance(store)
    assert sorted(rows) == ["WZ-0001", "WZ-0002", "WZ-0003", "WZ-0004"]
    assert_fields(rows["WZ-0001"], item_code="WZ-0001", item="粉笔", unit="盒", quantity="16",
                  unit_cost="12.50", value="200.00")  # fmt: skip
    assert_fields(rows["WZ-0002"], quantity="70", value="105.00")
    assert_fields(rows["WZ-0004"], value="1234.50", unit_cost="246.90")
    assert sum(dec(r["value"]) for r in rows.values()) == Decimal("1739.50")


def test_balance_plain_has_totals(store):
    out = store.ok("stock", "balance", "-f", "plain").stdout
    assert "Total" in out
    assert "¥1,739.50" in out
    assert "¥1,234.50" in out
    out = store.ok("stock", "balance", "--category", "清洁用品", "-f", "plain").stdout
    assert "Total" in out
    assert "¥200.00" in out.splitlines()[-1]


def test_balance_by_category(store):
    assert sorted(balance(store, "--category", "办公用品")) == ["WZ-0001", "WZ-0002", "WZ-0004"]
    assert sorted(balance(store, "--category", "清洁用品")) == ["WZ-0003"]
    out = store.ok("stock", "balance", "--category", "办公用品", "-f", "plain").stdout
    assert "¥1,539.50" in out
    assert "扫把" not in out


def test_balance_below_reorder(store):
    store.ok("stock", "item", "edit", "粉笔", "--reorder-level", "16")  # at the level
    store.ok("stock", "item", "edit", "签字笔", "--reorder-level", "69.5")  # above it
    store.ok("stock", "item", "edit", "扫把", "--reorder-level", "12.5")  # below it
    assert sorted(balance(store, "--below-reorder")) == ["WZ-0001", "WZ-0003"]


def test_balance_at_a_past_date(store):
    rows = balance(store, "--at", "2026-02-28")
    assert rows["WZ-0001"]["quantity"] == "20"
    assert rows["WZ-0001"]["value"] == "250.00"
    assert rows["WZ-0002"]["quantity"] == "100"
    rows = balance(store, "--at", "2026-02-11")
    assert rows["WZ-0001"]["value"] == "250.00"
    assert dec(rows.get("WZ-0003", {"quantity": "0"})["quantity"]) == 0
    assert dec(rows.get("WZ-0004", {"value": "0"})["value"]) == 0


def test_balance_bad_date_is_exit_2(store):
    assert_refused(
        store, 2, "stock", "balance", "--at", "2026-02-30", contains="Invalid date '2026-02-30'"
    )


def test_balance_csv_money_plain_decimal(store):
    out = store.ok("stock", "balance", "-f", "csv").stdout
    rows = list(csv.DictReader(out.splitlines()))
    by_code = {r["Item code"]: r for r in rows if r.get("Item code")}
    assert by_code["WZ-0004"]["Amount"] == "1234.50"  # a money value's header is 金额 (#12)
    assert by_code["WZ-0001"]["Amount"] == "200.00"
    assert by_code["WZ-0001"]["Average cost"] == "12.50"
    assert "¥" not in out
    assert "1,234" not in out


def test_balance_xlsx_values_are_numbers(store, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "bal.xlsx"
    res = store.ok("stock", "balance", "-o", str(path))
    assert res.stdout == ""
    ws = load_workbook(path).worksheets[0]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(grid) if "Amount" in r and "Item code" in r)
    v, c = grid[head].index("Amount"), grid[head].index("Item code")
    values = {r[c]: r[v] for r in grid[head + 1 :] if r[c]}
    for code in ("WZ-0001", "WZ-0002", "WZ-0003", "WZ-0004"):
        assert isinstance(values[code], int | float | Decimal), values
        assert not isinstance(values[code], bool)
    assert dec(values["WZ-0004"]) == Decimal("1234.50")
    assert dec(values["WZ-0001"]) == Decimal("200")


# -- ledger -------------------------------------------------------------------------------


def test_ledger_opening_and_running_balance(store):
    store.ok("stock", "receive", "粉笔", "4", "--price", "15", "--date", "2026-03-02")
    rows = js(
        store.ok(
            "stock", "ledger", "粉笔", "--from", "2026-03-01", "--to", "2026-03-31", "-f", "json"
        )
    )
    assert rows[0]["kind"] == "opening"
    assert rows[0]["balance_quantity"] == "20"
    assert rows[0]["balance_value"] == "250.00"
    assert [r["kind"] for r in rows[1:]] == ["issue", "receive"]
    assert [r["balance_quantity"] for r in rows[1:]] == ["16", "20"]
    assert [r["balance_value"] for r in rows[1:]] == ["200.00", "260.00"]
    assert rows[-1]["unit_cost"] == "13.00"
    assert rows[1]["code"] == "CK-2026-0001"
    assert rows[1]["unit"] == "初一(1)班"


def test_ledger_whole_history_starts_at_zero(store):
    rows = js(store.ok("stock", "ledger", "WZ-0001", "-f", "json"))
    assert rows[0]["kind"] == "opening"
    assert dec(rows[0]["balance_quantity"]) == 0
    assert [r["balance_quantity"] for r in rows[1:]] == ["20", "16"]


def test_ledger_period_before_movements(store):
    rows = js(store.ok("stock", "ledger", "粉笔", "--to", "2026-02-28", "-f", "json"))
    assert [r["kind"] for r in rows] == ["opening", "receive"]
    rows = js(store.ok("stock", "ledger", "粉笔", "--from", "2026-03", "-f", "json"))
    assert rows[0]["balance_quantity"] == "20"
    assert len(rows) == 2


def test_ledger_unknown_item_exit_2(store):
    assert_refused(
        store, 2, "stock", "ledger", "黑板", "--from", "2026-03-01",
        contains="No item matches '黑板'",
    )  # fmt: skip


# -- summary ------------------------------------------------------------------------------


def test_summary_by_item(store):
    rows = {
        r["item_code"]: r
        for r in js(store.ok("stock", "summary", "--month", "2026-03", "-f", "json"))
    }
    chalk = rows["WZ-0001"]
    assert dec(chalk["opening_quantity"]) == 20
    assert chalk["opening_value"] == "250.00"
    assert dec(chalk["in_quantity"]) == 0
    assert dec(chalk["in_value"]) == 0
    assert dec(chalk["out_quantity"]) == 4
    assert chalk["out_value"] == "50.00"
    assert dec(chalk["closing_quantity"]) == 16
    assert chalk["closing_value"] == "200.00"
    pens = rows["WZ-0002"]
    assert dec(pens["out_quantity"]) == 30
    assert pens["out_value"] == "45.00"
    assert pens["closing_value"] == "105.00"


def test_summary_of_the_receiving_month(store):
    rows = {
        r["item_code"]: r
        for r in js(store.ok("stock", "summary", "--month", "2026-02", "-f", "json"))
    }
    assert dec(rows["WZ-0001"]["opening_quantity"]) == 0
    assert dec(rows["WZ-0001"]["in_quantity"]) == 20
    assert rows["WZ-0001"]["in_value"] == "250.00"
    assert dec(rows["WZ-0001"]["out_quantity"]) == 0
    assert rows["WZ-0004"]["closing_value"] == "1234.50"


def test_summary_by_category(store):
    rows = {
        r["category"]: r
        for r in js(
            store.ok("stock", "summary", "--month", "2026-03", "--by", "category", "-f", "json")
        )
    }
    office = rows["办公用品"]
    assert office["opening_value"] == "1634.50"
    assert dec(office["in_value"]) == 0
    assert office["out_value"] == "95.00"
    assert office["closing_value"] == "1539.50"
    assert rows["清洁用品"]["closing_value"] == "200.00"


def test_summary_by_unit(store):
    store.ok("stock", "issue", "粉笔", "2", "--to", "初二(1)班", "--date", "2026-03-02")
    rows = js(store.ok("stock", "summary", "--month", "2026-03", "--by", "unit", "-f", "json"))
    drawn = {(r["org_unit"], r["item_code"]): r for r in rows}
    assert set(drawn) == {
        ("初一(1)班", "WZ-0001"),
        ("初二(1)班", "WZ-0001"),
        ("初二(1)班", "WZ-0002"),
    }
    assert dec(drawn["初一(1)班", "WZ-0001"]["issued_quantity"]) == 4
    assert drawn["初一(1)班", "WZ-0001"]["issued_value"] == "50.00"
    assert dec(drawn["初二(1)班", "WZ-0002"]["issued_quantity"]) == 30
    assert drawn["初二(1)班", "WZ-0002"]["issued_value"] == "45.00"
    assert drawn["初二(1)班", "WZ-0001"]["issued_value"] == "25.00"
    # drawn less returned: `net_drawn_value` (`net_value` is an asset's net book value)
    for r in rows:
        assert "unit" not in r and "net_value" not in r
        assert dec(r["net_drawn_value"]) == dec(r["issued_value"]) - dec(r["returned_value"])
    assert drawn["初二(1)班", "WZ-0001"]["net_drawn_value"] == "25.00"
    table = store.ok("stock", "summary", "--month", "2026-03", "--by", "unit", "-f", "csv")
    assert table.stdout.lstrip("\ufeff").startswith("Unit,Item code,Item,Unit of measure,")
    assert "Net drawn value" in table.stdout


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "March", "2026-3-1x"])
def test_summary_bad_month_exit_2(store, month):
    assert_refused(
        store, 2, "stock", "summary", "--month", month, contains=f"Invalid month '{month}'"
    )


def test_summary_bad_by_exit_2(store):
    assert_refused(
        store, 2, "stock", "summary", "--month", "2026-03", "--by", "colour",
        contains="Invalid --by 'colour'; choose one of: item, category, unit",
    )  # fmt: skip


# -- the reorder check ----------------------------------------------------------------------


def test_stock_check_finds_item_at_or_below_reorder(store):
    store.ok("stock", "item", "edit", "粉笔", "--reorder-level", "20")  # 16 on hand: below
    store.ok("stock", "item", "edit", "扫把", "--reorder-level", "10")  # 10 on hand: at it
    store.ok("stock", "item", "edit", "签字笔", "--reorder-level", "10")  # 70: fine
    res = store("stock", "check", "-f", "json")
    assert res.exit_code == 1, res
    doc = js(res)
    assert doc["ok"] is False
    found = {f["item_code"]: f for f in doc["findings"]}
    assert sorted(found) == ["WZ-0001", "WZ-0003"]
    for code, on_hand, level in (("WZ-0001", 16, 20), ("WZ-0003", 10, 10)):
        f = found[code]
        assert f["check"] == "stock.reorder"
        assert f["code"] and f["message"]
        order = dec(f["order_quantity"])
        assert on_hand + order > level  # ordering that much lifts it above the level
        assert f["order_quantity"] in f["message"]


def test_stock_check_ok_when_above_level(store):
    store.ok("stock", "item", "edit", "粉笔", "--reorder-level", "15.999")
    res = store("stock", "check", "-f", "json")
    assert res.exit_code == 0, res
    assert js(res) == {"ok": True, "findings": []}
    res = store("check", "--only", "stock", "-f", "json")
    assert res.exit_code == 0, res
    assert js(res)["ok"] is True


def test_houqin_check_runs_the_reorder_check(store):
    store.ok("stock", "item", "edit", "粉笔", "--reorder-level", "16")
    for args in (("check",), ("check", "--only", "stock")):
        res = store(*args, "-f", "json")
        assert res.exit_code == 1, res
        findings = [f for f in js(res)["findings"] if f["check"] == "stock.reorder"]
        assert [f["item_code"] for f in findings] == ["WZ-0001"]


def test_retired_item_is_no_finding(store):
    store.ok("stock", "item", "add", "黑板擦", "--unit", "个", "--reorder-level", "2")
    assert store("stock", "check").exit_code == 1
    store.ok("stock", "item", "retire", "黑板擦")
    assert store("stock", "check").exit_code == 0


# -- the stocktake: start, sheet -------------------------------------------------------------


def test_count_start_one_open_count_per_scope(store):
    res = store.ok("stock", "count", "start", "--category", "清洁用品")
    assert res.stdout == "PD-2026-0001\n"
    assert_refused(
        store, 3, "stock", "count", "start", "--category", "清洁用品",
        contains="Stocktake PD-2026-0001 of the same scope is still open",
    )  # fmt: skip
    # categories apart do not overlap
    assert store.ok("stock", "count", "start", "--category", "办公用品").stdout == (
        "PD-2026-0002\n"
    )


def test_overlapping_counts_are_refused_naming_the_open_one(store):
    """Issue #10 item 1: a whole-store count overlaps a category's, and the other way
    round (the old code let both open and posted the same difference twice)."""
    store.ok("stock", "count", "start", "--category", "办公用品")
    assert_refused(
        store, 3, "stock", "count", "start",
        contains="Stocktake PD-2026-0001 (办公用品) is still open and its items overlap",
    )  # fmt: skip
    store.ok("stock", "count", "record", PD, "粉笔", "16")
    store.ok("stock", "count", "record", PD, "签字笔", "70")
    store.ok("stock", "count", "record", PD, "打印纸", "5")
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    assert store.ok("stock", "count", "start").stdout == "PD-2026-0002\n"
    assert_refused(
        store, 3, "stock", "count", "start", "--category", "清洁用品",
        contains="Stocktake PD-2026-0002 (the whole storeroom) is still open",
    )  # fmt: skip


def test_count_start_again_after_close(store):
    store.ok("stock", "count", "start", "--category", "清洁用品")
    store.ok("stock", "count", "record", PD, "扫把", "10")
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    assert store.ok("stock", "count", "start", "--category", "清洁用品").stdout == (
        "PD-2026-0002\n"
    )


def test_count_of_a_category_covers_only_it(store):
    store.ok("stock", "count", "start", "--category", "清洁用品")
    rows = js(store.ok("stock", "count", "sheet", PD, "-f", "json"))
    assert [r["item_code"] for r in rows] == ["WZ-0003"]
    doc = report(store)
    assert [ln["item_code"] for ln in doc["lines"]] == ["WZ-0003"]


def test_count_sheet_csv_has_empty_counted_column(store, tmp_path):
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    res = store.ok("stock", "count", "sheet", PD, "-o", str(path))
    assert res.stdout == ""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    head = next(i for i, r in enumerate(rows) if "Counted" in r)
    k, c = rows[head].index("Counted"), rows[head].index("Item code")
    body = [r for r in rows[head + 1 :] if r and r[c]]
    assert [r[c] for r in body] == ["WZ-0001", "WZ-0002", "WZ-0003", "WZ-0004"]
    assert all(r[k] == "" for r in body)


def test_count_sheet_xlsx_has_empty_counted_column(store, tmp_path):
    from openpyxl import load_workbook

    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.xlsx"
    store.ok("stock", "count", "sheet", PD, "-o", str(path))
    ws = load_workbook(path).worksheets[0]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(grid) if "Counted" in r)
    k, c = grid[head].index("Counted"), grid[head].index("Item code")
    body = [r for r in grid[head + 1 :] if r[c]]
    assert [r[c] for r in body] == ["WZ-0001", "WZ-0002", "WZ-0003", "WZ-0004"]
    assert all(r[k] in (None, "") for r in body)


def test_count_sheet_unknown_count_exit_2(store):
    assert_refused(
        store, 2, "stock", "count", "sheet", "PD-2026-0009", contains="No stocktake PD-2026-0009"
    )


# -- record, report -------------------------------------------------------------------------


def test_count_report_lists_uncounted_and_differences(store):
    store.ok("stock", "count", "start")
    store.ok("stock", "count", "record", PD, "fb", "15")  # one box short
    store.ok("stock", "count", "record", PD, "签字笔", "72")  # two more
    store.ok("stock", "count", "record", PD, "扫把", "10")  # right
    doc = report(store, expect=1)
    assert doc["ok"] is False
    by = lines(doc)
    for key in ("item_code", "book", "counted", "difference", "difference_value"):
        assert key in by["WZ-0001"]
    assert (by["WZ-0001"]["book"], by["WZ-0001"]["counted"]) == ("16", "15")
    assert by["WZ-0001"]["difference"] == "-1"
    assert by["WZ-0001"]["difference_value"] == "-12.50"
    assert by["WZ-0002"]["difference"] == "2"
    assert by["WZ-0002"]["difference_value"] == "3.00"
    assert dec(by["WZ-0003"]["difference"]) == 0
    assert dec(by["WZ-0003"]["difference_value"] or 0) == 0
    assert by["WZ-0004"]["counted"] is None  # not counted yet
    assert by["WZ-0004"]["book"] == "5"
    found = {f["item_code"] for f in doc["findings"]}
    assert found == {"WZ-0001", "WZ-0002", "WZ-0004"}
    assert all(f["check"] and f["code"] and f["message"] for f in doc["findings"])


def test_count_report_plain_exit_1(store):
    store.ok("stock", "count", "start")
    res = store("stock", "count", "report", PD, "-f", "plain")
    assert res.exit_code == 1, res
    assert "打印纸" in res.stdout


def test_count_report_exit_0_when_books_match(store):
    store.ok("stock", "count", "start")
    for item, qty in (("粉笔", "16"), ("签字笔", "70"), ("扫把", "10"), ("打印纸", "5.000")):
        store.ok("stock", "count", "record", PD, item, qty)
    doc = report(store, expect=0)
    assert doc["ok"] is True
    assert doc["findings"] == []
    assert len(doc["lines"]) == 4


def test_count_record_again_replaces(store):
    store.ok("stock", "count", "start")
    store.ok("stock", "count", "record", PD, "粉笔", "3")
    store.ok("stock", "count", "record", PD, "粉笔", "16")
    assert dec(lines(report(store))["WZ-0001"]["difference"]) == 0


def test_book_quantity_is_taken_when_counted(store):
    store.ok("stock", "count", "start")
    store.ok("stock", "count", "record", PD, "粉笔", "16")  # book 16: right
    store.ok("stock", "issue", "粉笔", "6", "--to", "初一(1)班")  # goods move on
    store.ok("stock", "count", "record", PD, "签字笔", "60")  # book 70: ten short
    store.ok("stock", "receive", "签字笔", "10", "--price", "1.5")
    store.ok("stock", "count", "record", PD, "扫把", "10")
    store.ok("stock", "count", "record", PD, "打印纸", "5")
    by = lines(report(store))
    assert (by["WZ-0001"]["book"], by["WZ-0001"]["counted"]) == ("16", "16")
    assert dec(by["WZ-0001"]["difference"]) == 0
    assert (by["WZ-0002"]["book"], by["WZ-0002"]["counted"]) == ("70", "60")
    assert by["WZ-0002"]["difference"] == "-10"
    assert by["WZ-0002"]["difference_value"] == "-15.00"
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    rows = balance(store)
    assert rows["WZ-0001"]["quantity"] == "10"  # no gain or loss for the chalk
    assert rows["WZ-0002"]["quantity"] == "70"  # 70 - 10 lost + 10 received
    kinds = [m["kind"] for m in js(store.ok("stock", "movements", "-f", "json"))]
    assert kinds.count("loss") == 1 and "gain" not in kinds


@pytest.mark.parametrize(
    ("qty", "contains"),
    [
        # after `--`, or click reads "-1" as an option (a usage error, not this rule)
        (["--", "-1"], "Invalid quantity '-1': it cannot be negative"),
        (["1.2345"], "Invalid quantity '1.2345': at most three decimal places"),
        (["abc"], "Invalid quantity 'abc'"),
    ],
    ids=["negative", "four-decimals", "text"],
)
def test_count_record_bad_quantity_exit_2(store, qty, contains):
    store.ok("stock", "count", "start")
    assert_refused(store, 2, "stock", "count", "record", PD, "粉笔", *qty, contains=contains)


def test_count_record_unknown_item_or_count_exit_2(store):
    store.ok("stock", "count", "start")
    assert_refused(
        store, 2, "stock", "count", "record", PD, "黑板", "1", contains="No item matches '黑板'"
    )
    assert_refused(
        store, 2, "stock", "count", "record", "PD-2026-0007", "粉笔", "1",
        contains="No stocktake PD-2026-0007",
    )  # fmt: skip


# -- import of the filled-in sheet -----------------------------------------------------------

COUNTED = {"WZ-0001": "15", "WZ-0002": "70", "WZ-0003": "11", "WZ-0004": "5"}


HEADERS = {"en": ("Item code", "Counted"), "zh": ("物品编号", "实盘数量")}


def fill_csv(path: Path, counted: dict[str, str], lang: str = "en") -> None:
    code, qty = HEADERS[lang]
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    head = next(i for i, r in enumerate(rows) if qty in r)
    k, c = rows[head].index(qty), rows[head].index(code)
    for r in rows[head + 1 :]:
        if r and r[c] in counted:
            r[k] = counted[r[c]]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


def fill_xlsx(path: Path, counted: dict[str, str], lang: str = "en") -> None:
    from openpyxl import load_workbook

    code, qty = HEADERS[lang]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    head = k = c = None
    for row in ws.iter_rows():
        values = [cell.value for cell in row]
        if head is None:
            if qty in values:
                head = row[0].row
                k, c = values.index(qty), values.index(code)
            continue
        if values[c] in counted:
            text = counted[values[c]]
            row[k].value = Decimal(text) if "." in text else int(text)
    assert head is not None
    wb.save(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_count_import_round_trip(store, tmp_path, suffix, lang):
    store.ok("stock", "count", "start")
    path = tmp_path / f"sheet{suffix}"
    store.ok("stock", "count", "sheet", PD, "-o", str(path), env={"HOUQIN_LANG": lang})
    (fill_csv if suffix == ".csv" else fill_xlsx)(path, COUNTED, lang)
    res = store.ok("stock", "count", "import", PD, str(path))
    assert res.stdout == ""
    assert "4" in res.stderr
    by = lines(report(store))
    assert {c: ln["counted"] for c, ln in by.items()} == COUNTED
    assert by["WZ-0001"]["difference"] == "-1"
    assert by["WZ-0003"]["difference"] == "1"
    assert by["WZ-0003"]["difference_value"] == "20.00"


def test_count_import_partial_sheet_leaves_the_rest_uncounted(store, tmp_path):
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    store.ok("stock", "count", "sheet", PD, "-o", str(path))
    fill_csv(path, {"WZ-0001": "16", "WZ-0002": "70"})
    store.ok("stock", "count", "import", PD, str(path))
    doc = report(store)
    assert {f["item_code"] for f in doc["findings"]} == {"WZ-0003", "WZ-0004"}


def test_count_import_bad_row_nothing_recorded(store, tmp_path):
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    store.ok("stock", "count", "sheet", PD, "-o", str(path))
    fill_csv(path, {"WZ-0001": "16", "WZ-0002": "七十", "WZ-0003": "10"})
    res = assert_refused(
        store, 2, "stock", "count", "import", PD, str(path),
        contains="Row 3, column 6 (Counted): Invalid quantity '七十'",
    )  # fmt: skip
    assert "3" in res.stderr and "Counted" in res.stderr, res
    assert all(ln["counted"] is None for ln in report(store)["lines"])


def test_count_import_unknown_item_row_refused(store, tmp_path):
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    path.write_text("编号,实盘数量\nWZ-0001,16\nWZ-0099,3\n", encoding="gb18030")
    res = assert_refused(
        store, 2, "stock", "count", "import", PD, str(path),
        contains="Row 3, column 1 (编号): No item matches 'WZ-0099'",
    )  # fmt: skip
    assert "3" in res.stderr and "WZ-0099" in res.stderr, res


def test_count_import_reports_every_bad_row_in_one_pass(store, tmp_path):
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    path.write_text(
        "编号,实盘数量\nWZ-0001,16\nWZ-0099,3\nWZ-0002,七十\nWZ-0003,-1.5\n", encoding="gb18030"
    )
    assert_rows_refused(
        store,
        ["stock", "count", "import", PD, str(path)],
        [
            "Error: sheet.csv: 3 rows refused; nothing was imported:",
            "Row 3, column 1 (编号): No item matches 'WZ-0099'.",
            "Row 4, column 2 (实盘数量): Invalid quantity '七十': write a number like 3, 2.5 or 0.125.",
            "Row 5, column 2 (实盘数量): Invalid quantity '-1.5': it cannot be negative.",
        ],
    )
    assert all(ln["counted"] is None for ln in report(store)["lines"])


def test_count_import_takes_the_old_code_header_too(store, tmp_path):
    """The sheet's column is headed "Item code" now; a sheet headed "Code" still imports."""
    store.ok("stock", "count", "start")
    path = tmp_path / "sheet.csv"
    path.write_text("Code,Counted\nWZ-0001,16\n", encoding="utf-8")
    store.ok("stock", "count", "import", PD, str(path))
    assert lines(report(store))["WZ-0001"]["counted"] == "16"


# -- close ----------------------------------------------------------------------------------


def count_all(cli: Cli, counted: dict[str, str]) -> None:
    cli.ok("stock", "count", "start")
    for code, qty in counted.items():
        cli.ok("stock", "count", "record", PD, code, qty)


def test_count_close_posts_gains_and_losses(store):
    count_all(store, COUNTED)  # chalk one short, brooms one over
    res = store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    assert "PK-2026-0001" in res.stderr and "PY-2026-0001" in res.stderr
    moves = {m["code"]: m for m in js(store.ok("stock", "movements", "-f", "json"))}
    loss, gain = moves["PK-2026-0001"], moves["PY-2026-0001"]
    assert loss["kind"] == "loss" and loss["item_code"] == "WZ-0001"
    assert loss["quantity"] == "-1" and loss["value"] == "-12.50"
    assert gain["kind"] == "gain" and gain["item_code"] == "WZ-0003"
    assert gain["quantity"] == "1" and gain["value"] == "20.00"
    assert [
        m["code"] for m in js(store.ok("stock", "movements", "--kind", "gain", "-f", "json"))
    ] == ["PY-2026-0001"]
    rows = balance(store)
    assert (rows["WZ-0001"]["quantity"], rows["WZ-0001"]["value"]) == ("15", "187.50")
    assert (rows["WZ-0003"]["quantity"], rows["WZ-0003"]["value"]) == ("11", "220.00")
    # the ledger shows them
    ledger = js(store.ok("stock", "ledger", "粉笔", "-f", "json"))
    assert ledger[-1]["code"] == "PK-2026-0001"
    assert ledger[-1]["kind"] == "loss"
    assert ledger[-1]["balance_quantity"] == "15"
    # and the journal
    journal = js(store.ok("audit", "log", "-f", "json"))
    coded = {e["code"]: e["action"] for e in journal if e.get("code")}
    assert coded["PK-2026-0001"] == "stock.loss"
    assert coded["PY-2026-0001"] == "stock.gain"
    assert "stock.count.close" in [e["action"] for e in journal]
    store.ok("audit", "verify")
    # a closed count's report is still there
    assert {c: ln["counted"] for c, ln in lines(report(store)).items()} == COUNTED


def test_count_close_nothing_to_post(store):
    count_all(store, {"WZ-0001": "16", "WZ-0002": "70", "WZ-0003": "10", "WZ-0004": "5"})
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    kinds = {m["kind"] for m in js(store.ok("stock", "movements", "-f", "json"))}
    assert kinds == {"receive", "issue"}


def test_count_close_without_approver_refused(store):
    count_all(store, COUNTED)
    assert_refused(store, 3, "stock", "count", "close", PD, contains="--approved-by")
    report(store)  # still open and unchanged


def test_count_close_with_unknown_approver_refused(store):
    count_all(store, COUNTED)
    assert_refused(
        store, 2, "stock", "count", "close", PD, "--approved-by", "赵无名",
        contains="No person matches '赵无名'",
    )  # fmt: skip


def test_count_close_with_uncounted_items(store):
    count_all(store, {"WZ-0001": "15", "WZ-0002": "70"})
    assert_refused(
        store, 3, "stock", "count", "close", PD, "--approved-by", "王老师",
        contains="2 items of stocktake PD-2026-0001 are not counted yet",
    )  # fmt: skip
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师", "--uncounted-as-book")
    moves = js(store.ok("stock", "movements", "-f", "json"))
    adjust = [m for m in moves if m["kind"] in ("gain", "loss")]
    assert [(m["code"], m["item_code"]) for m in adjust] == [("PK-2026-0001", "WZ-0001")]
    rows = balance(store)
    assert rows["WZ-0003"]["quantity"] == "10"
    assert rows["WZ-0004"]["quantity"] == "5"


def test_a_closed_count_is_closed_for_good(store, tmp_path):
    count_all(store, COUNTED)
    path = tmp_path / "sheet.csv"
    store.ok("stock", "count", "sheet", PD, "-o", str(path))
    fill_csv(path, COUNTED)
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    closed = "Stocktake PD-2026-0001 is already closed"
    assert_each_refused(
        store,
        (3, ["stock", "count", "close", PD, "--approved-by", "王老师"], closed),
        (
            3,
            ["stock", "count", "close", PD, "--approved-by", "王老师", "--uncounted-as-book"],
            closed,
        ),
        (3, ["stock", "count", "record", PD, "粉笔", "3"], closed),
        (3, ["stock", "count", "import", PD, str(path)], closed),
    )


def test_report_values_a_difference_as_close_posts_it(store):
    """A gain on an item with none on hand: the report's difference_value must be the
    value the close posts (the cost of its last issue), not 0.00."""
    store.ok("stock", "issue", "扫把", "10", "--to", "初一(1)班")  # 20.00 each, none left
    count_all(store, {"WZ-0001": "16", "WZ-0002": "70", "WZ-0003": "1", "WZ-0004": "4"})
    by = lines(report(store))
    assert by["WZ-0003"]["difference"] == "1"
    assert by["WZ-0004"]["difference_value"] == "-246.90"
    shown = {c: ln["difference_value"] for c, ln in by.items() if dec(ln["difference"])}
    store.ok("stock", "count", "close", PD, "--approved-by", "王老师")
    moves = js(store.ok("stock", "movements", "-f", "json"))
    posted = {m["item_code"]: m["value"] for m in moves if m["kind"] in ("gain", "loss")}
    assert posted["WZ-0003"] == "20.00"
    assert shown == posted
