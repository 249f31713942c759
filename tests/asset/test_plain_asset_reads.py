"""The asset group's forms and round reads on the plain reader (#17): on SQLite with
-f csv no ORM (nor rich, tabulate, openpyxl) is imported on their path."""

from __future__ import annotations

import pytest

from conftest import Cli
from plain_path import heavy_imports


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ["asset", "inspect", "due"],
        ["asset", "inspect", "due", "--term", "2026-autumn"],
        ["asset", "scrap", "list"],
        ["asset", "scrap", "list", "--status", "approved"],
        ["asset", "scrap", "show", "BF-2026-0001"],
        ["asset", "category", "list"],
        ["asset", "category", "list", "--search", "设备"],
    ],
)
def test_the_orm_stays_off_their_path(demo_ledger: Cli, args: list[str]) -> None:
    heavy, out = heavy_imports(demo_ledger.db, args, codes=(0, 1))
    assert out.strip()
    assert heavy == []
