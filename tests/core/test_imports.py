"""core/imports.py: .csv and .xlsx registers as Excel and WPS users keep them."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import set_language
from houqin_cli.core.imports import (
    Field,
    Row,
    parse_loose_date,
    progress,
    read_rows,
    row_error,
)
from houqin_cli.core.render import render
from houqin_cli.core.report import Column, Report
from houqin_cli.core.sheets import _xlsx_value

FIELDS = [
    Field("name", ("名称", "物品名称"), required=True),
    Field("unit", ("单位",)),
    Field("reorder_level", ("库存下限", "下限")),
    Field("price", ("单价",)),
    Field("received", ("入库日期",)),
]


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def write_xlsx(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def refused(path: Path, fields: list[Field] = FIELDS) -> str:
    with pytest.raises(InputError) as info:
        read_rows(path, fields)
    assert info.value.exit_code == 2
    assert "\n" not in info.value.message
    return str(info.value.message)


# --------------------------------------------------------------------------- xlsx


@pytest.fixture
def register(tmp_path: Path) -> Path:
    """A register as kept in WPS: merged title, 序号/备注 columns, blanks, a 合计 row."""
    return write_xlsx(
        tmp_path / "物品登记.XLSX",
        [
            ["某某中学后勤处 库存物品登记表", None, None, None, None, None, None],
            ["序号", "*名称", "单位", "库存下限：", "单价", "入库日期", "备注"],
            [1, "粉笔", "盒", 10, 12.5, datetime(2024, 3, 1), "'=HYPERLINK(1)"],
            [2, "  拖把 ", "把", 3.0, "¥1,234.50", datetime(2024, 3, 1, 14, 30), None],
            [None, None, None, None, None, None, None],
            [3, None, None, None, None, None, None],  # a numbered template row
            [4, "'-扫帚", None, 0.1 + 0.2, None, 45352, "'@note"],
            ["合计", None, None, None, 1247, None, None],
            [5, "after the total", "个", 1, 1, None, None],
        ],
        merge="A1:G1",
    )


def test_xlsx_header_under_merged_title_and_row_numbers(register: Path) -> None:
    rows = read_rows(register, FIELDS)
    assert [r.number for r in rows] == [3, 4, 7]
    assert [r.values["name"] for r in rows] == ["粉笔", "拖把", "-扫帚"]
    assert set(rows[0].values) == {"name", "unit", "reorder_level", "price", "received"}
    second = rows[1]
    assert second.number == 4  # under a title row and a header row
    assert second.column("unit") == "C (单位)"
    assert second.column("reorder_level") == "D (库存下限：)"


def test_xlsx_cell_types(register: Path) -> None:
    first, second, third = read_rows(register, FIELDS)
    assert first.values["reorder_level"] == 10 and type(first.values["reorder_level"]) is int
    price = first.values["price"]
    assert isinstance(price, Decimal) and str(price) == "12.5"
    assert second.values["reorder_level"] == 3  # openpyxl and Excel store 3.0 as "3"
    assert second.values["price"] == "¥1,234.50"
    assert first.values["received"] == date(2024, 3, 1)
    assert type(first.values["received"]) is date
    assert second.values["received"] == datetime(2024, 3, 1, 14, 30)
    assert third.values["reorder_level"] == Decimal("0.3")  # what Excel shows
    assert third.values["unit"] is None
    assert parse_loose_date(third.values["received"]) == date(2024, 3, 1)
    for row in (first, second, third):
        assert not any(isinstance(v, float) for v in row.values.values())


@pytest.mark.parametrize(
    ("number", "shown"),
    [(12.5, "12.5"), (3.0, "3"), (100.0, "100"), (0.1 + 0.2, "0.3"), (1234.56, "1234.56")],
)
def test_floats_become_exact_decimals(number: float, shown: str) -> None:
    value = _xlsx_value(number)
    assert isinstance(value, Decimal) and str(value) == shown


def test_row_error_names_row_and_column(register: Path) -> None:
    row = read_rows(register, FIELDS)[1]
    err = row_error(row, "unit", "unknown unit")
    assert isinstance(err, InputError) and err.exit_code == 2
    assert err.message == "Row 4, column C (单位): unknown unit"


def test_bool_and_first_worksheet_only(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["name", "unit"])
    ws.append(["fan", True])
    other = wb.create_sheet("second")
    other.append(["name"])
    other.append(["ignored"])
    wb.active = 1
    path = tmp_path / "x.xlsx"
    wb.save(path)
    rows = read_rows(path, FIELDS)
    assert [(r.number, r.values) for r in rows] == [(2, {"name": "fan", "unit": True})]


@pytest.mark.parametrize("total", ["总计", "小计", "Total", "total", "合 计", "合计："])
def test_total_row_ends_the_data(tmp_path: Path, total: str) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["名称", "单价"], ["a", 1], [total, 1], ["b", 2]])
    assert [r.values["name"] for r in read_rows(path, FIELDS)] == ["a"]


def test_blank_leading_rows_and_wide_title(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [[], ["学校"], [], [None, None, "物品名称", "单 位"], [], [None, None, "桌子", "张"]],
    )
    (row,) = read_rows(path, FIELDS)
    assert row.number == 6
    assert row.values == {"name": "桌子", "unit": "张"}
    assert row.column("name") == "C (物品名称)"


def test_header_must_be_in_first_15_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [[f"title {i}"] for i in range(15)] + [["name"], ["x"]])
    message = refused(path)
    assert "no header row" in message and "name (名称)" in message


# --------------------------------------------------------------------------- csv


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings_with_chinese_headers(tmp_path: Path, encoding: str) -> None:
    text = "后勤处库存表\r\n序号,名称,单位,下限\r\n1,粉笔,盒,10\r\n2,拖把,把,3\r\n合计,,,13\r\n"
    rows = read_rows(write_csv(tmp_path / "a.csv", text, encoding), FIELDS)
    assert [r.number for r in rows] == [3, 4]
    assert rows[1].values == {"name": "拖把", "unit": "把", "reorder_level": "3"}
    assert rows[1].column("unit") == "3 (单位)"


@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    lines = [["名称", "单价", "单位"], ["扫帚", "1,5", "把"], ["簸箕", "2", "个"]]
    if delimiter == ",":
        lines[1][1] = '"1,5"'
    text = "\n".join(delimiter.join(cells) for cells in lines) + "\n"
    rows = read_rows(write_csv(tmp_path / "t.csv", text, "gb18030"), FIELDS)
    assert [r.values for r in rows] == [
        {"name": "扫帚", "price": "1,5", "unit": "把"},
        {"name": "簸箕", "price": "2", "unit": "个"},
    ]


@pytest.mark.parametrize(
    "heading", ["reorder_level", "reorder-level", "Reorder level", "REORDER_LEVEL", "下限*"]
)
def test_english_keys_and_label_forms(tmp_path: Path, heading: str) -> None:
    text = f"Name,{heading},remark\nchalk,5,x\n"
    (row,) = read_rows(write_csv(tmp_path / "t.csv", text, "utf-8"), FIELDS)
    assert row.values == {"name": "chalk", "reorder_level": "5"}
    assert row.number == 2
    assert row.column("reorder_level") == f"2 ({heading})"


def test_csv_unneutralise_and_blank_lines(tmp_path: Path) -> None:
    text = "名称,单位\n'=1+2,'+x\n\n,\n'-3,'abc\n'@a, '\tb\n"
    rows = read_rows(write_csv(tmp_path / "t.csv", text, "utf-8"), FIELDS)
    assert [(r.number, r.values["name"], r.values["unit"]) for r in rows] == [
        (2, "=1+2", "+x"),
        (5, "-3", "'abc"),
        (6, "@a", "b"),
    ]


def test_round_trip_through_houqin_exports(tmp_path: Path) -> None:
    report = Report(
        "物品",
        [Column("name", "名称"), Column("reorder_level", "库存下限", "qty")],
        [{"name": "=cmd|' /C calc'!A0", "reorder_level": Decimal("2.5")}],
    )
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"export{suffix}"
        render(report, output=str(path))
        (row,) = read_rows(path, FIELDS)
        assert row.values["name"] == "=cmd|' /C calc'!A0"
        assert Decimal(row.values["reorder_level"]) == Decimal("2.5")


# --------------------------------------------------------------------------- refusals


def test_missing_required_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", "单位,下限\n盒,3\n", "utf-8")
    message = refused(path)
    assert "no column for name (名称)" in message


def test_no_header_at_all(tmp_path: Path) -> None:
    assert "no header row" in refused(write_csv(tmp_path / "t.csv", "a,b\n1,2\n", "utf-8"))
    assert "no header row" in refused(write_csv(tmp_path / "e.csv", "", "utf-8"))


def test_duplicate_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["名称", "下限", "库存下限"], ["a", 1, 2]])
    message = refused(path)
    assert "B (下限)" in message and "C (库存下限)" in message
    assert "reorder_level (库存下限)" in message


@pytest.mark.parametrize("name", ["stock.xls", "stock.txt", "stock.json", "stock"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("名称\na\n", encoding="utf-8")
    assert ".csv and .xlsx" in refused(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in refused(tmp_path / "nope.xlsx")
    assert "not found" in refused(tmp_path / "nope.csv")


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook" * 10)
    assert "not a valid .xlsx" in refused(path)
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_text("名称\na\n", encoding="utf-8")
    assert "not a valid .xlsx" in refused(renamed)


def test_csv_in_neither_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\x80\x80\xff\xfe\x00\x81")
    assert "neither UTF-8 nor GB18030" in refused(path)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.03.01",
        "2024.3.1",
        "2024年3月1日",
        "2024 年 3 月 1 日",
        "20240301",
        " 2024-3-1 ",
        "2024-03-01 00:00:00",
        45352,
        Decimal("45352"),
        Decimal("45352.75"),
        "45352",
        date(2024, 3, 1),
        datetime(2024, 3, 1, 8, 0),
        20240301,
    ],
)
def test_parse_loose_date(value: Any) -> None:
    assert parse_loose_date(value) == date(2024, 3, 1)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "next week",
        "2024/03-01",
        "01/03/2024",
        "2024-13-01",
        "2024-02-30",
        "2023年2月29日",
        "20241301",
        19999,
        80001,
        True,
        Decimal("NaN"),
        None,
        time(8, 0),
    ],
)
def test_parse_loose_date_rejects(value: Any) -> None:
    with pytest.raises(InputError) as info:
        parse_loose_date(value)
    assert info.value.exit_code == 2
    assert "Invalid date" in info.value.message


def test_bad_date_message_lists_the_forms() -> None:
    with pytest.raises(InputError, match="2024年3月1日"):
        parse_loose_date("someday")
    with pytest.raises(InputError, match="no such day"):
        parse_loose_date("2024.2.30")


# --------------------------------------------------------------------------- progress


def test_progress_silent_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    items = list(range(250))
    assert list(progress(items, "Importing")) == items
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_progress_on_a_terminal_yields_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    items = ["a", "b", "c"]
    assert list(progress(items, "Importing")) == items


def test_module_import_is_cheap() -> None:
    code = (
        "import sys, houqin_cli.core.imports; "
        "print(sorted(m for m in ('openpyxl', 'rich') if m in sys.modules))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"


def test_row_column_without_a_column() -> None:
    row = Row(7, {"name": "x"})
    assert row.column("unit") == "unit"
    assert row_error(row, "unit", "bad").message == "Row 7, column unit: bad"
