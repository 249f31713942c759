"""The storeroom's forms: the 领料单 of one issue and the 盘点表 of a stocktake."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, assert_refused, js, snapshot
from tests.forms.conftest import ZH, pdf_text, sheet, sheet_text


def test_issue_prints_its_code_and_the_slip(demo: Cli, tmp_path: Path) -> None:
    res = demo.ok("stock", "issue", "粉笔", "2", "--to", "一年级(1)班")
    ck = res.stdout.strip()
    assert ck.startswith("CK-2026-")
    pdf, xlsx = tmp_path / "ck.pdf", tmp_path / "ck.xlsx"
    demo.ok("stock", "slip", ck, "-o", str(pdf), env=ZH)
    demo.ok("stock", "slip", ck, "-o", str(xlsx), env=ZH)
    text = pdf_text(pdf)
    for words in ("领料单", ck, "粉笔", "一年级(1)班", "领用人：", "发料人：", "大写"):
        assert words in text, words
    assert "领用人：" in sheet_text(sheet(xlsx))
    row = js(demo.ok("stock", "slip", ck, "-f", "json"))
    assert row["quantity"] == "2" and row["drawn_by"] == "一年级(1)班"


def test_slip_in_words(demo: Cli, tmp_path: Path) -> None:
    pdf = tmp_path / "ck.pdf"
    demo.ok("stock", "slip", "CK-2026-0001", "-o", str(pdf), env=ZH)
    assert "壹拾元零伍角整" in pdf_text(pdf)  # 3 盒 粉笔 at ¥3.50


def test_slip_of_another_kind_or_none(demo: Cli, tmp_path: Path) -> None:
    before = snapshot(demo.db)
    out = tmp_path / "x.pdf"
    for code in ("RK-2026-0001", "CK-2026-0999", "BX-2026-0001"):
        assert_refused(demo, 2, "stock", "slip", code, "-o", str(out), contains=code)
    assert not out.exists()
    assert snapshot(demo.db) == before


def test_stocktake_sheet_form(demo: Cli, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "pd.pdf", tmp_path / "pd.xlsx"
    demo.ok("stock", "count", "sheet", "PD-2026-0001", "-o", str(pdf), env=ZH)
    demo.ok("stock", "count", "sheet", "PD-2026-0001", "-o", str(xlsx), env=ZH)
    text = pdf_text(pdf)
    for words in ("盘点表", "PD-2026-0001", "范围：", "日期：", "实盘数量", "盘点人：", "监盘人：",
                  "保管员："):  # fmt: skip
        assert words in text, words
    # the workbook stays the sheet `stock count import` reads back
    assert "盘点人：" not in sheet_text(sheet(xlsx))
