"""-o FILE.pdf for every report: a table on A4 (landscape when wide), page numbers,
the export rules (0600, --force) kept, the same file when reprinted."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.conftest import Cli, assert_refused
from tests.forms.conftest import ZH, pdf_pages, pdf_text


def test_report_pdf_reads_back(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    demo.ok("audit", "receipt", "list", "-o", str(out), env=ZH)
    text = pdf_text(out)
    assert "BX-2026-0001" in text and "县教育用品公司" in text
    assert "第 1 页 共" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pages = pdf_pages(out)
    assert float(pages[0].mediabox.width) > float(pages[0].mediabox.height)  # wide: landscape
    again = tmp_path / "again.pdf"
    demo.ok("audit", "receipt", "list", "-o", str(again), env=ZH)
    assert again.read_bytes() == out.read_bytes()


def test_narrow_report_is_portrait(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    demo.ok("people", "list", "-o", str(out))
    page = pdf_pages(out)[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)


def test_pdf_export_keeps_the_rules(demo: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.pdf"
    out.write_text("old")
    assert_refused(demo, 3, "audit", "receipt", "list", "-o", str(out), contains="--force")
    assert out.read_text() == "old"
    demo.ok("audit", "receipt", "list", "-o", str(out), "--force")
    assert out.read_bytes().startswith(b"%PDF")
    (folder / "dir.pdf").mkdir()
    assert_refused(
        demo,
        2,
        "audit",
        "receipt",
        "list",
        "-o",
        str(folder / "dir.pdf"),
        contains="not a regular file",
    )
    assert_refused(
        demo, 2, "audit", "receipt", "list", "-o", str(folder / "x.docx"), contains="extension"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["dir.pdf", "r.pdf"]
    assert list((folder / "dir.pdf").iterdir()) == []


def test_report_pdf_carries_the_title_block_and_a_signed_reports_signatures(
    demo: Cli, tmp_path: Path
) -> None:
    register = tmp_path / "register.pdf"
    demo.ok("asset", "register", "-o", str(register), env=ZH)
    text = pdf_text(register)
    assert "青山实验学校" in text and "单位：元" in text
    assert "制表人：" in text and "审核人：" in text and "负责人：" in text and "日期：" in text
    receipts = tmp_path / "receipts.pdf"  # a listing is not signed
    demo.ok("audit", "receipt", "list", "-o", str(receipts), env=ZH)
    listed = pdf_text(receipts)
    assert "青山实验学校" in listed and "制表人：" not in listed
