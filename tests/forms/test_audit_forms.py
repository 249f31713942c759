"""The money's forms: the 报销单 of one receipt and the 公示 of a month's statement."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, assert_refused, js
from tests.forms.conftest import ZH, pdf_text, sheet, sheet_text


def test_receipt_form_pdf_and_xlsx(demo: Cli, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "bx.pdf", tmp_path / "bx.xlsx"
    demo.ok("audit", "receipt", "show", "BX-2026-0002", "-o", str(pdf), env=ZH)
    demo.ok("audit", "receipt", "show", "BX-2026-0002", "-o", str(xlsx), env=ZH)
    text = pdf_text(pdf)
    for words in (
        "报销单（粘贴单）", "BX-2026-0002", "县教育用品公司", "44000002", "办公用品",
        "¥3,052.00", "叁仟零伍拾贰元整", "附件张数", "RK-2026-0002",
        "经手人：丁文国", "验收人：郭敏", "审核人：杨超志", "审批人：赵梅梅",
    ):  # fmt: skip
        assert words in text, words
    ws = sheet(xlsx)
    assert "叁仟零伍拾贰元整" in sheet_text(ws) and "经手人：丁文国" in sheet_text(ws)
    assert ws.page_setup.fitToWidth == 1
    assert (
        js(demo.ok("audit", "receipt", "show", "BX-2026-0002", "-f", "json"))["amount"] == "3052.00"
    )


def test_receipt_form_unknown(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert_refused(demo, 2, "audit", "receipt", "show", "JC-2026-0001", "-o", str(out),
                   contains="JC-2026-0001")  # fmt: skip
    assert not out.exists()


def test_statement_notice_pdf(demo: Cli, tmp_path: Path) -> None:
    pdf = tmp_path / "公示.pdf"
    demo.ok("audit", "report", "month", "2026-02", "-o", str(pdf), env=ZH)
    text = pdf_text(pdf)
    for words in ("2026-02 收支情况公示", "公示期：2026-03-02 至 2026-03-08", "制表人：", "审核人：",
                  "校长：", "封印值", "houqin audit verify --against", "¥7,313.20", "第 1 页 共"):  # fmt: skip
        assert words in text, words
    again = tmp_path / "again.pdf"
    demo.ok("audit", "report", "month", "2026-02", "-o", str(again), env=ZH)
    assert again.read_bytes() == pdf.read_bytes()


def test_statement_workbook_stays_the_report(demo: Cli, tmp_path: Path) -> None:
    xlsx = tmp_path / "s.xlsx"
    demo.ok("audit", "report", "month", "2026-02", "-o", str(xlsx), env=ZH)
    assert "收支情况公示" not in sheet_text(sheet(xlsx))
