"""core/imports.py and core/headers.py, as registers are really kept (#10 item 12):
headers with a unit after them, two-row headers under a merged group (价值 over 单价 and
金额, in xlsx with real merged cells and in CSV), month-only dates, a thing listed twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.imports import Field, Once, Refusals, Row, parse_loose_date, read_rows

FIELDS = [
    Field("name", ("名称",), required=True),
    Field("value", ("单价", "价值")),
    Field("amount", ("金额",)),
    Field("qty", ("数量",)),
    Field("spec", ("规格",)),
]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def xlsx(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "price", ["单价（元）", "单价(元)", "单价/元", "单价 (元)", "*单价（单位：元）"]
)
@pytest.mark.parametrize("amount", ["金额/元", "金额（元）", "金额"])
def test_header_with_a_unit_suffix_matches(tmp_path: Path, price: str, amount: str) -> None:
    path = xlsx(
        tmp_path / "r.xlsx", [["名称", price, "数量（台）", amount], ["投影仪", 3200, 2, 6400]]
    )
    [row] = read_rows(path, FIELDS)
    assert row.values == {"name": "投影仪", "value": 3200, "qty": 2, "amount": 6400}
    assert row.column("value") == f"B ({price})"


def test_a_scaled_unit_is_refused_not_read_as_yuan(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", [["名称", "金额（万元）"], ["教学楼", 1200]])
    with pytest.raises(InputError, match=r"金额（万元）.*万元.*convert the column to yuan"):
        read_rows(path, FIELDS)


def test_a_slash_between_two_column_names_is_not_a_unit(tmp_path: Path) -> None:
    """名称/规格 is a column of both, not 名称 in the unit 规格: it names no field."""
    path = xlsx(tmp_path / "r.xlsx", [["名称", "名称/规格"], ["投影仪", "投影仪 EB-X05"]])
    [row] = read_rows(path, FIELDS)
    assert row.values == {"name": "投影仪"}


def test_xlsx_two_row_header_under_merged_cells(tmp_path: Path) -> None:
    """价值 merged over 单价 and 金额 in the row below; 名称 and 数量 merged down over both
    header rows; a title merged across the top."""
    rows = [
        ["固定资产登记簿"],
        ["名称", "价值", None, "数量"],
        [None, "单价", "金额", None],
        ["课桌椅", 180, 9000, 50],
        ["黑板", 1500, 3000, 2],
    ]
    path = xlsx(tmp_path / "r.xlsx", rows, ("A1:D1", "B2:C2", "A2:A3", "D2:D3"))
    got = read_rows(path, FIELDS)
    assert [(r.number, r.values) for r in got] == [
        (4, {"name": "课桌椅", "value": 180, "amount": 9000, "qty": 50}),
        (5, {"name": "黑板", "value": 1500, "amount": 3000, "qty": 2}),
    ]
    assert got[0].column("value") == "B (单价)" and got[0].column("amount") == "C (金额)"
    assert got[0].column("name") == "A (名称)"


def test_two_row_header_whose_top_row_alone_is_incomplete(tmp_path: Path) -> None:
    """The top row names no required field (价值 is not a label here); together with
    the row below it makes the header."""
    fields = [Field("value", ("单价",), required=True), Field("amount", ("金额",), required=True)]
    rows = [["名目", "价值", None], [None, "单价", "金额"], ["x", 2, 4]]
    path = xlsx(tmp_path / "r.xlsx", rows, ("B1:C1",))
    [row] = read_rows(path, [Field("name", ("名目",)), *fields])
    assert (row.number, row.values) == (3, {"name": "x", "value": 2, "amount": 4})


def test_csv_two_row_header_with_a_blank_topped_second_row(tmp_path: Path) -> None:
    text = "名称,价值,,数量\n,单价,金额,\n课桌椅,180,9000,50\n"
    [row] = read_rows(csv(tmp_path / "r.csv", text), FIELDS)
    assert (row.number, row.values) == (
        3,
        {"name": "课桌椅", "value": "180", "amount": "9000", "qty": "50"},
    )
    assert row.column("amount") == "3 (金额)"


def test_a_data_row_under_the_header_is_not_taken_for_a_second_header(tmp_path: Path) -> None:
    text = "名称,单价,数量\n单价,12,3\n"  # a filled cell (12) names no field: data
    [row] = read_rows(csv(tmp_path / "r.csv", text), FIELDS)
    assert (row.number, row.values) == (2, {"name": "单价", "value": "12", "qty": "3"})


def test_header_with_no_data_below(tmp_path: Path) -> None:
    assert read_rows(csv(tmp_path / "r.csv", "名称,单价\n"), FIELDS) == []


@pytest.mark.parametrize(
    "value",
    ["2018年9月", "2018 年 9 月", "2018年09月", "2018年9月份", "2018-09", "2018-9", "2018/9", "2018.9",
     "2018.09", Decimal("2018.9")],
)  # fmt: skip
def test_a_month_only_date_is_its_first_day(value: Any) -> None:
    assert parse_loose_date(value) == date(2018, 9, 1)


def test_month_only_dates_of_october() -> None:
    assert parse_loose_date("2018.10") == date(2018, 10, 1)  # as text: October
    assert parse_loose_date(Decimal("2018.11")) == date(2018, 11, 1)
    with pytest.raises(InputError, match=r"Ambiguous date '2018.1'.*2018-01 or 2018-10"):
        parse_loose_date(Decimal("2018.1"))  # the number 2018.10 is 2018.1


@pytest.mark.parametrize("value", ["2018-13", "2018年13月", "2018.0"])
def test_month_only_date_that_does_not_exist(value: str) -> None:
    with pytest.raises(InputError, match="no such day"):
        parse_loose_date(value)


def test_month_only_date_read_from_a_register(tmp_path: Path) -> None:
    fields = [Field("name", ("名称",), required=True), Field("acquired", ("取得日期",))]
    path = xlsx(tmp_path / "r.xlsx", [["名称", "取得日期"], ["a", "2018年9月"], ["b", 2018.9]])
    got = [parse_loose_date(r.values["acquired"]) for r in read_rows(path, fields)]
    assert got == [date(2018, 9, 1), date(2018, 9, 1)]


def test_once_names_both_rows(tmp_path: Path) -> None:
    refusals, once = Refusals(tmp_path / "sheet.csv"), Once()
    columns = {"code": "A (编号)"}
    for number, key in ((3, "x"), (4, "y"), (7, "x")):
        with refusals.row():
            once.seen(Row(number, {}, columns), key, "code", "粉笔 (WZ-0001)")
    with pytest.raises(InputError) as info:
        refusals.done()
    assert info.value.exit_code == 2
    assert info.value.message == (
        "Row 7, column A (编号): 粉笔 (WZ-0001) is listed twice, in rows 3 and 7; keep one of them."
    )
