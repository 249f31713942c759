"""One Form, two writers: the PDF reads back with its text, the workbook with its page
setup, fonts and borders; the same form written twice is the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests.forms.conftest import pdf_pages, pdf_text, sheet, sheet_text

from houqin_cli.core.forms import Fields, Form, Sentence, Signature, Signatures, Table
from houqin_cli.core.forms.pdf import write_form_pdf
from houqin_cli.core.forms.xlsx import write_form_xlsx
from houqin_cli.core.i18n import set_language


def _form() -> Form:
    return Form(
        "借条",
        school="测试学校",
        code="JC-2026-0001",
        blocks=[
            Sentence("今借到测试学校投影仪壹台，于2026-03-10前归还。"),
            Fields((("借用人", "张三"), ("单位", "一年级"), ("用途", "公开课"))),
            Table(
                ("名称", "编号", "数量", "金额", "大写"),
                (("投影仪", "ZC-2026-0001", "1", "¥1,234.50", "壹仟贰佰叁拾肆元伍角整"),),
                blank=2,
            ),
            Signatures((Signature("借用人"), Signature("经办人", "李四", "2026-03-01"))),
        ],
        footnotes=["如有损坏，照价赔偿。"],
    )


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOUQIN_NOW", "2026-03-02T09:00+08:00")
    set_language("zh")


def _bytes(write: object) -> bytes:
    buf = io.BytesIO()
    write(_form(), buf)  # type: ignore[operator]
    return buf.getvalue()


def test_pdf_form_text_and_reprint(tmp_path: Path) -> None:
    data = _bytes(write_form_pdf)
    assert data == _bytes(write_form_pdf)
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    text = pdf_text(path)
    for words in ("借条", "壹仟贰佰叁拾肆元伍角整", "借用人：", "经办人：李四", "照价赔偿"):
        assert words in text
    assert "第 1 页 共 1 页" in text
    (page,) = pdf_pages(path)
    assert round(float(page.mediabox.width)) == 595  # A4 portrait


def test_pdf_creation_date_is_the_ledgers_clock(tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = tmp_path / "f.pdf"
    path.write_bytes(_bytes(write_form_pdf))
    assert PdfReader(path).metadata["/CreationDate"].startswith("D:20260302010000")


def test_xlsx_form_page_setup_fonts_borders(tmp_path: Path) -> None:
    data = _bytes(write_form_xlsx)
    assert data == _bytes(write_form_xlsx)
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    ws = sheet(path)
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area
    assert ws.print_title_rows
    text = sheet_text(ws)
    assert "壹仟贰佰叁拾肆元伍角整" in text and "经办人：李四" in text
    code = next(c for row in ws.iter_rows() for c in row if c.value == "ZC-2026-0001")
    assert code.font.name == "宋体" and code.font.charset == 134
    assert code.border.left.style == "thin"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
