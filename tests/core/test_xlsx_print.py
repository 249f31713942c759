"""Every workbook prints on A4 as it is (#12): page setup, print titles, fit to width,
borders, one East-Asian font, the title block, page numbers, the seal and the
signature block, read back with openpyxl on the demo ledger."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli

MONTH = "2026-02"


def workbook(cli: Cli, tmp_path: Path, lang: str, *args: str) -> Any:
    from openpyxl import load_workbook

    path = tmp_path / f"{'-'.join(args)}-{lang}.xlsx"
    res = cli.ok("--lang", lang, *args, "-o", str(path))
    assert res.stdout == ""
    return load_workbook(path).active


def values(ws: Any) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def header_row(ws: Any) -> int:
    """The row just above the frozen split: the table's header."""
    return int(ws[ws.freeze_panes].row) - 1


def assert_printable(ws: Any, orientation: str) -> None:
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.orientation == orientation
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows
    # the frozen split sits under the table's header, not above it
    head = [c for c in ws[header_row(ws)] if c.value is not None]
    assert len(head) > 1 and all(c.font.bold for c in head)
    # thin borders round every cell of the table under the header
    for c in [*head, *ws[header_row(ws) + 1][: len(head)]]:
        for side in (c.border.left, c.border.right, c.border.top, c.border.bottom):
            assert side.style == "thin", c.coordinate


def table_cells(ws: Any) -> list[Any]:
    """Every cell with a border: the tables' cells."""
    return [c for row in ws.iter_rows() for c in row if c.border.left.style == "thin"]


def test_statement_prints_as_a_document_in_chinese(demo_ledger: Cli, tmp_path: Path) -> None:
    ws = workbook(demo_ledger, tmp_path, "zh", "audit", "report", "month", MONTH)
    assert_printable(ws, "landscape")  # the receipts table is wide
    # the title block: school, title, period, unit
    assert ws["A1"].value == "青山实验学校"
    assert "2026-02" in ws["A2"].value and ws["A2"].font.bold
    assert ws["A3"].value == "期间：2026-02-01 至 2026-02-28"
    assert ws.cell(row=3, column=ws.max_column).value == "单位：元"
    for top in ("A1", "A2"):  # across the table's width
        span = next(r for r in ws.merged_cells.ranges if r.coord.startswith(top))
        assert span.max_col == ws.max_column
    # the receipts' header repeats on every printed page
    receipts = next(c.row for c in ws["A"] if c.value == "报销凭证") + 1
    assert ws.print_title_rows == f"${receipts}:${receipts}"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    # one font, named as the East-Asian font, for body and totals
    cells = table_cells(ws)
    assert cells
    assert {c.font.name for c in cells} == {"宋体"}
    assert {c.font.charset for c in cells} == {134}
    assert any(c.font.bold and c.value == "合计" for c in cells)
    # the seal under the tables, merged across them, wrapped
    seal = next(c for c in ws["A"] if isinstance(c.value, str) and "houqin audit verify" in c.value)
    assert seal.alignment.wrap_text
    span = next(r for r in ws.merged_cells.ranges if r.min_row == seal.row)
    assert (span.min_col, span.max_col) == (1, ws.max_column)
    assert ws.row_dimensions[seal.row].height > 15  # tall enough for its lines
    # signed paper: 制表人 / 审核人 / 负责人 with their dates, below the tables
    shown = values(ws)
    for label in ("制表人：", "审核人：", "负责人："):
        at = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith(label))
        assert at.row > seal.row
        assert str(ws.cell(row=at.row + 1, column=at.column).value).startswith("日期：")
    assert sum(v.startswith("日期：") for v in shown) == 3


def test_statement_shares_are_percent_numbers(demo_ledger: Cli, tmp_path: Path) -> None:
    doc = json.loads(demo_ledger.ok("audit", "report", "month", MONTH, "-f", "json").stdout)
    ws = workbook(demo_ledger, tmp_path, "en", "audit", "report", "month", MONTH)
    shares = [c for c in table_cells(ws) if c.number_format == "0.00%"]
    assert [Decimal(str(c.value)) for c in shares] == [
        Decimal(c["share_used"]) for c in doc["categories"]
    ]
    assert not any(isinstance(c.value, str) and c.value.endswith("%") for c in table_cells(ws))
    # money stays numbers in yuan
    money = [c for c in table_cells(ws) if c.number_format == "¥#,##0.00"]
    assert money and all(isinstance(c.value, int | float) for c in money)


def test_english_page_footer_and_signatures(demo_ledger: Cli, tmp_path: Path) -> None:
    ws = workbook(demo_ledger, tmp_path, "en", "audit", "report", "month", MONTH)
    assert ws.oddFooter.center.text == "Page &P of &N"
    shown = values(ws)
    assert "Unit: yuan" in shown
    for label in ("Prepared by:", "Checked by:", "Approved by:", "Date:"):
        assert any(v.startswith(label) for v in shown), label
    assert {c.font.name for c in table_cells(ws)} == {"Arial"}


def test_balance_portrait_as_of_and_unsigned(demo_ledger: Cli, tmp_path: Path) -> None:
    ws = workbook(demo_ledger, tmp_path, "zh", "stock", "balance")
    assert_printable(ws, "portrait")
    assert ws["A2"].value == "库存结存"
    assert ws["A3"].value == "截至 2026-03-02"
    head = header_row(ws)
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.freeze_panes == f"A{head + 1}"
    assert not any(v.startswith("制表人") for v in values(ws))  # a balance is not signed
    # widths by display width: a Chinese character counts two
    for c in ws[head]:
        assert ws.column_dimensions[c.column_letter].width >= 2 * len(c.value)


def test_register_and_depreciation_are_signed(demo_ledger: Cli, tmp_path: Path) -> None:
    reg = workbook(demo_ledger, tmp_path, "zh", "asset", "register")
    assert_printable(reg, "landscape")
    assert reg["A3"].value == "截至 2026-03-02"
    assert any(v.startswith("负责人：") for v in values(reg))
    dep = workbook(demo_ledger, tmp_path, "zh", "asset", "depreciation")
    assert dep["A3"].value == "期间：2026-03-01 至 2026-03-31"
    assert any(v.startswith("审核人：") for v in values(dep))


def test_a_record_prints_as_a_card_with_its_code(demo_ledger: Cli, tmp_path: Path) -> None:
    ws = workbook(demo_ledger, tmp_path, "zh", "asset", "show", "ZC-2022-0001")
    assert ws["A3"].value == "编号：ZC-2022-0001  单位：元"  # one line across the card
    assert any(r.coord == "A3:B3" for r in ws.merged_cells.ranges)
    assert ws.max_column == 2
    fields = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(5, 30)}
    assert fields["名称"].value == "钢琴"
    assert fields["金额"].number_format == "¥#,##0.00" and fields["金额"].value == 18000
    assert ws.page_setup.orientation == "portrait"


def test_theme_names_the_east_asian_font(demo_ledger: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bal.xlsx"
    demo_ledger.ok("stock", "balance", "-o", str(path))
    with zipfile.ZipFile(path) as z:
        theme = z.read("xl/theme/theme1.xml").decode()
    assert '<a:ea typeface="宋体"/>' in theme


@pytest.mark.parametrize(
    "args",
    [("asset", "register"), ("audit", "report", "year", "2026"), ("stock", "balance")],
)
def test_reprinted_byte_identical(demo_ledger: Cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        demo_ledger.ok("--lang", "zh", *args, "-o", str(path))
    assert a.read_bytes() == b.read_bytes()


def test_count_report_is_signed(demo_ledger: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    code = demo_ledger.ok("stock", "count", "start").stdout.strip()
    path = tmp_path / "count.xlsx"
    res = demo_ledger("--lang", "zh", "stock", "count", "report", code, "-o", str(path))
    assert res.exit_code == 1, res  # uncounted items are findings; the sheet is written
    ws = load_workbook(path).active
    assert_printable(ws, ws.page_setup.orientation)
    assert code in ws["A2"].value
    shown = values(ws)
    for label in ("制表人：", "审核人：", "负责人："):
        assert any(v.startswith(label) for v in shown), label


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_statement_prints_on_one_page_in_libreoffice(demo_ledger: Cli, tmp_path: Path) -> None:
    """What a clerk holds: LibreOffice prints the demo month's statement, its seal and
    its signature lines on one A4 page."""
    path = tmp_path / "statement.xlsx"
    demo_ledger.ok("--lang", "zh", "audit", "report", "month", MONTH, "-o", str(path))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    from pypdf import PdfReader

    printed = PdfReader(tmp_path / "statement.pdf")
    assert len(printed.pages) == 1
    text = printed.pages[0].extract_text()
    assert "制表人" in text and "第 1 页 共 1 页" in text.replace("\n", " ")
