"""core/render.py: what a clerk or a script sees for every format."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from houqin_cli.core.errors import InputError
from houqin_cli.core.i18n import _, set_language
from houqin_cli.core.render import FORMATS, render
from houqin_cli.core.report import Column, Finding, Report

CST = timezone(timedelta(hours=8))
COLUMNS = [
    Column("code", "编号"),
    Column("name", "名称"),
    Column("qty", "数量", "qty"),
    Column("price", "单价", "money"),
    Column("received", "入库日期", "date"),
    Column("at", "时间", "datetime"),
    Column("active", "启用", "bool"),
    Column("tags", "标签", "list"),
]
ROWS: list[dict[str, Any]] = [
    {
        "code": "0012",
        "name": "粉笔",
        "qty": Decimal("2.500"),
        "price": 123450,
        "received": date(2026, 2, 25),
        "at": datetime(2026, 2, 25, 11, 30, tzinfo=CST),
        "active": True,
        "tags": ["教学", "耗材"],
    },
    {
        "code": "ZC-2026-0001",
        "name": "=1+1",
        "qty": Decimal("10"),
        "price": -1200,
        "received": None,
        "at": None,
        "active": False,
        "tags": [],
        "count": 7,  # a key that is not a column
    },
]


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    set_language("en")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def listing(**kw: Any) -> Report:
    return Report("库存余额", COLUMNS, [dict(r) for r in ROWS], **kw)


def check(findings: list[Finding], rows: list[dict[str, Any]] | None = None) -> Report:
    return Report(
        "盘点",
        [Column("name", "名称"), Column("diff", "差额", "qty")],
        rows or [],
        findings=findings,
        extra={"count_code": "PD-2026-0001", "counted": date(2026, 3, 1)},
        rows_key="lines",
    )


FINDING = Finding("stock.count", "row.changed", "粉笔 少了 1.5 盒", {"diff": Decimal("-1.5")})


# --------------------------------------------------------------------------- plain


def test_plain_listing_shows_formatted_values(capsys: pytest.CaptureFixture[str]) -> None:
    render(listing(), "plain")
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["编号", "名称", "数量", "单价", "入库日期", "时间", "启用", "标签"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == [
        "0012",  # a code is never parsed as a number
        "粉笔",
        "2.5",
        "¥1,234.50",
        "2026-02-25",
        "2026-02-25",
        "11:30",
        _("yes"),
        "教学,",
        "耗材",
    ]
    assert lines[3].split() == ["ZC-2026-0001", "=1+1", "10", "-¥12.00", _("no")]
    assert len(lines) == 4
    assert err == ""


def test_plain_aligns_chinese_by_display_width(capsys: pytest.CaptureFixture[str]) -> None:
    cols = [Column("name", "名称"), Column("unit", "单位"), Column("price", "单价", "money")]
    rows = [
        {"name": "粉笔", "unit": "盒", "price": 350},
        {"name": "A4 复印纸（70克）", "unit": "包", "price": 2500},
        {"name": "pen", "unit": "支", "price": 123456},
    ]
    render(Report("文具", cols, rows, footer={"name": "合计", "price": 126306}), "plain")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert len({wcswidth(line) for line in lines}) == 1  # money, right-aligned, ends every line
    # the second column starts at the same display offset on every line
    starts = [lines[i].index(u) for i, u in ((0, "单"), (2, "盒"), (3, "包"), (4, "支"))]
    offsets = {
        wcswidth(line[:start]) for line, start in zip(lines[:1] + lines[2:5], starts, strict=True)
    }
    assert offsets == {wcswidth(lines[1][: lines[1].index(" -") + 1])}
    assert lines[-1].split() == ["合计", "¥1,263.06"]
    assert lines[2].endswith("¥3.50")


def test_plain_empty_listing_prints_headers_and_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    render(Report("空", COLUMNS[:3], []), "plain")
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["编号", "名称", "数量"]
    assert len(lines) == 2
    assert wcswidth(lines[0]) == wcswidth(lines[1])
    assert err == _("Nothing to show.") + "\n"


def test_default_format_is_plain_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    render(listing())
    out = capsys.readouterr().out
    assert "┃" not in out and "│" not in out
    assert out.splitlines()[0].split()[0] == "编号"


def test_plain_record_is_field_value_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("资产", COLUMNS, ROWS[:1], record=True), "plain")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [_("Field"), _("Value")]
    body = {line.split(maxsplit=1)[0]: line.split(maxsplit=1)[1] for line in lines[2:]}
    assert body["单价"] == "¥1,234.50"
    assert body["时间"] == "2026-02-25 11:30"
    assert body["标签"] == "教学, 耗材"
    assert body["启用"] == _("yes")


def test_plain_check_shows_findings(capsys: pytest.CaptureFixture[str]) -> None:
    render(check([FINDING]), "plain")
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == [_("Check"), _("Code"), _("Problem")]
    assert lines[2].split() == ["stock.count", "row.changed", "粉笔", "少了", "1.5", "盒"]
    assert err == ""


def test_plain_check_with_rows_shows_both(capsys: pytest.CaptureFixture[str]) -> None:
    render(check([FINDING], [{"name": "粉笔", "diff": Decimal("-1.5")}]), "plain")
    tables = capsys.readouterr().out.split("\n\n")
    assert len(tables) == 2
    assert tables[0].splitlines()[2].split() == ["粉笔", "-1.5"]
    assert "row.changed" in tables[1]


def test_clean_check_prints_only_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    render(check([]), "plain")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == _("No problems found.") + "\n"


# --------------------------------------------------------------------------- table


def test_table_has_title_headers_and_footer(capsys: pytest.CaptureFixture[str]) -> None:
    render(listing(footer={"name": "合计", "price": 122250}), "table")
    out, err = capsys.readouterr()
    assert "库存余额" in out.splitlines()[0]
    assert "┃ 编号" in out
    assert "¥1,234.50 │" in out  # money right-aligned against the border
    assert "合计" in out and "¥1,222.50" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert err == ""


def test_table_is_default_on_a_terminal_and_coloured(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for the boxed table
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    render(listing())
    out = capsys.readouterr().out
    assert "┃" in out
    assert "\x1b[" in out


def test_no_color_means_no_escapes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    render(listing(), "table")
    out = capsys.readouterr().out
    assert "┃" in out and "粉笔" in out
    assert "\x1b" not in out


def test_table_markup_is_shown_literally(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("t", [Column("name", "名称")], [{"name": "[red]红[/red] :smile:"}]), "table")
    assert "[red]红[/red] :smile:" in capsys.readouterr().out


def test_table_empty_listing_notes_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("空", COLUMNS[:2], []), "table")
    out, err = capsys.readouterr()
    assert "编号" in out
    assert err == _("Nothing to show.") + "\n"


# --------------------------------------------------------------------------- markdown


def test_markdown_escapes_pipes(capsys: pytest.CaptureFixture[str]) -> None:
    cols = [Column("name", "名称"), Column("price", "单价", "money")]
    render(Report("t", cols, [{"name": "a|b", "price": 100}]), "markdown")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| 名称") and lines[0].endswith("|")
    assert lines[1].startswith("|---")
    assert "a\\|b" in lines[2]
    assert lines[2].endswith("¥1.00 |")


def test_markdown_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "余额.md"
    render(listing(), "json", str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("| 编号")
    assert "¥1,234.50" in text
    out, err = capsys.readouterr()
    assert out == ""
    assert err == _("Written to {path}").format(path=path) + "\n"


# --------------------------------------------------------------------------- csv


def test_csv_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    render(listing(), "csv")
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")  # BOM only in files
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["编号", "名称", "数量", "单价", "入库日期", "时间", "启用", "标签"]
    assert rows[1] == [
        "0012",
        "粉笔",
        "2.5",
        "1234.50",
        "2026-02-25",
        "2026-02-25T11:30:00+08:00",
        _("yes"),  # not true: a word in the reader's language (#12)
        "教学, 耗材",
    ]
    # formula neutralised; negative money is a number and stays as it is
    assert rows[2] == ["ZC-2026-0001", "'=1+1", "10", "-12.00", "", "", _("no"), ""]


@pytest.mark.parametrize("text", ["+1", "-x", "@SUM(A1)", "\tx", "\rx"])
def test_csv_neutralises_every_formula_start(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    cols = [Column("name", "名称"), Column("tags", "标签", "list")]
    render(Report("t", cols, [{"name": text, "tags": [text]}]), "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[1] == ["'" + text, "'" + text]


def test_csv_file_has_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "余额.csv"
    render(listing(), None, str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3  # RFC 4180 line ends, one per row
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][1] == "名称"
    assert rows[2][1] == "'=1+1"
    out, err = capsys.readouterr()
    assert out == ""
    assert err == _("Written to {path}").format(path=path) + "\n"


def test_csv_of_a_check_is_its_findings(capsys: pytest.CaptureFixture[str]) -> None:
    render(check([FINDING]), "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows == [
        [_("Check"), _("Code"), _("Problem")],
        ["stock.count", "row.changed", FINDING.message],
    ]


def test_csv_of_a_record_is_one_row(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("资产", COLUMNS, ROWS, record=True), "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == 2 and rows[1][0] == "0012"


# --------------------------------------------------------------------------- xlsx


def test_xlsx_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "out.XLSX"
    report = Report("库存[余额]: 2026/02 *粉笔?* 与其他很长很长很长很长的标题", COLUMNS, ROWS)
    render(report, "csv", str(path))
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "库存余额 202602 粉笔 与其他很长很长很长很长的标题"[:31]
    # the title block: the report's title, then 单位：元 (the sheet holds money)
    assert ws["A1"].value == report.title
    assert ws.cell(row=2, column=len(COLUMNS)).value == _("Unit: yuan")
    assert [c.value for c in ws[3]] == [c.header for c in COLUMNS]
    assert all(c.font.bold for c in ws[3])
    assert ws.freeze_panes == "A4"
    code, name, qty, price, received, at, active, tags = ws[4]
    assert code.value == "0012"
    assert Decimal(str(price.value)) == Decimal("1234.50")
    assert price.number_format == "¥#,##0.00"
    assert Decimal(str(qty.value)) == Decimal("2.5")
    assert received.value == datetime(2026, 2, 25)  # openpyxl reads dates back as datetimes
    assert at.value == datetime(2026, 2, 25, 11, 30)  # naive, in the school's zone
    assert active.value == _("yes")  # 是 in Chinese: a word, not TRUE (#12)
    assert tags.value == "教学, 耗材"
    assert ws["B5"].value == "'=1+1"
    assert ws["D5"].value == -12
    assert ws.column_dimensions["B"].width >= 6  # 名称 counts as four columns
    assert capsys.readouterr().err == _("Written to {path}").format(path=path) + "\n"


# --------------------------------------------------------------------------- json


def test_json_listing(capsys: pytest.CaptureFixture[str]) -> None:
    render(listing(), "json")
    out = capsys.readouterr().out
    assert out.endswith("}\n]\n")
    assert "粉笔" in out  # not \u escaped
    assert out.startswith('[\n  {\n    "code"')  # indent=2
    data = json.loads(out)
    assert data[0] == {
        "code": "0012",
        "name": "粉笔",
        "qty": "2.5",
        "price": "1234.50",
        "received": "2026-02-25",
        "at": "2026-02-25T11:30:00+08:00",
        "active": True,
        "tags": ["教学", "耗材"],
    }
    assert data[1]["price"] == "-12.00"
    assert data[1]["received"] is None
    assert data[1]["count"] == 7  # an int outside the columns stays an int


def test_json_empty_listing_is_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("空", COLUMNS, []), "json")
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert err == ""


def test_json_record_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    render(Report("资产", COLUMNS, ROWS[:1], record=True), "json")
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert data["code"] == "0012" and data["price"] == "1234.50"


def test_json_check_with_problems(capsys: pytest.CaptureFixture[str]) -> None:
    render(check([FINDING], [{"name": "粉笔", "diff": Decimal("-1.500")}]), "json")
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "ok": False,
        "findings": [
            {
                "check": "stock.count",
                "code": "row.changed",
                "message": "粉笔 少了 1.5 盒",
                "diff": "-1.5",
            }
        ],
        "count_code": "PD-2026-0001",
        "counted": "2026-03-01",
        "lines": [{"name": "粉笔", "diff": "-1.5"}],
    }


def test_json_clean_check_has_no_rows_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "check.json"
    render(check([]), "plain", str(path))  # the extension wins over --format
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert json.loads(text) == {
        "ok": True,
        "findings": [],
        "count_code": "PD-2026-0001",
        "counted": "2026-03-01",
    }
    out, err = capsys.readouterr()
    assert out == ""
    assert err == _("Written to {path}").format(path=path) + "\n"


# --------------------------------------------------------------------------- errors


def test_unknown_format_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError) as info:
        render(listing(), "yaml")
    assert info.value.exit_code == 2
    assert "yaml" in info.value.message
    assert all(f in info.value.message for f in FORMATS)
    assert capsys.readouterr() == ("", "")


def test_unknown_extension_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.txt"
    with pytest.raises(InputError) as info:
        render(listing(), None, str(path))
    assert info.value.exit_code == 2
    assert ".xlsx" in info.value.message and ".csv" in info.value.message
    assert not path.exists()
    assert capsys.readouterr() == ("", "")


def test_unwritable_file_is_exit_2(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        render(listing(), None, str(tmp_path / "missing" / "out.csv"))
    assert info.value.exit_code == 2


def test_import_is_cheap() -> None:
    code = (
        "import sys, houqin_cli.core.render\n"
        "heavy = {'rich', 'tabulate', 'openpyxl', 'sqlalchemy', 'sqlmodel'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert result.stdout.strip() == "[]"


_CELL = st.text(alphabet="ab1 ¥é-（）粉笔复印纸한", max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    right=st.lists(st.booleans(), min_size=1, max_size=4),
    cells=st.lists(st.lists(_CELL, min_size=4, max_size=4), max_size=6),
    headers=st.lists(st.sampled_from(["名称", "单价", "code", "¥", ""]), min_size=4, max_size=4),
)
def test_plain_pads_every_column_to_its_display_width(
    right: list[bool], cells: list[list[str]], headers: list[str]
) -> None:
    """Column by column against wcwidth: each cell padded to the widest cell or
    header of its column, two spaces between columns, no trailing blanks."""
    n = len(right)
    cols = [Column(f"c{i}", headers[i], "int" if right[i] else "text") for i in range(n)]
    rows = [{f"c{i}": row[i] for i in range(n)} for row in cells]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        render(Report(None, cols, rows), "plain")
    table = [headers[:n], *[row[:n] for row in cells]]
    widths = [max(wcswidth(line[i]) for line in table) for i in range(n)]

    def pad(text: str, i: int) -> str:
        gap = " " * (widths[i] - wcswidth(text))
        return gap + text if right[i] else text + gap

    expected = [
        "  ".join(pad(t, i) for i, t in enumerate(table[0])).rstrip(),
        "  ".join("-" * w for w in widths).rstrip(),
        *["  ".join(pad(t, i) for i, t in enumerate(line)).rstrip() for line in table[1:]],
    ]
    assert out.getvalue().splitlines() == expected
