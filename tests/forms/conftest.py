"""What the form tests share: a demo ledger (made once per module), and readers of the
files the program writes (pypdf for PDFs, openpyxl for workbooks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Cli, new_database, template_ledger

ZH = {"HOUQIN_LANG": "zh"}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with template_ledger(tmp_path_factory.mktemp("demo"), "demo") as t:
        yield t


@pytest.fixture
def demo(demo_template: str, tmp_path: Path) -> Iterator[Cli]:
    """A copy of the demo ledger."""
    with new_database(tmp_path / "ledger.db", demo_template) as url:
        yield Cli(url)


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
