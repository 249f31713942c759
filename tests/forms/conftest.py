"""What the form tests share: a copy of the demo ledger, and readers of the
files the program writes (pypdf for PDFs, openpyxl for workbooks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Cli

ZH = {"HOUQIN_LANG": "zh"}


@pytest.fixture
def demo(demo_ledger: Cli) -> Cli:
    """A copy of the demo ledger (made once per session, in tests/conftest.py)."""
    return demo_ledger


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_pages(path: Path) -> list[Any]:
    from pypdf import PdfReader

    return list(PdfReader(path).pages)


def sheet(path: Path) -> Any:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    return ws


def sheet_text(ws: Any) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
