"""`stock count import --dry-run` and `asset count import --dry-run`: the whole
sheet checked, nothing written, the same refusals as a real import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import Cli, assert_refused, snapshot


@pytest.fixture
def school(bare: Cli) -> Cli:
    bare.ok("demo")
    return bare


def _fill(path: Path, column: int, value: str, rows: int) -> None:
    """Write `value` into `column` of the first `rows` data rows of a sheet."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    for row in table[1 : 1 + rows]:
        row[column] = value
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(table)


def _start(cli: Cli, *args: str) -> str:
    return cli.ok(*args).stdout.strip()


def test_stock_count_import_dry_run_checks_and_writes_nothing(school: Cli, tmp_path: Path) -> None:
    code = _start(school, "stock", "count", "start")
    sheet = tmp_path / "sheet.csv"
    school.ok("stock", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 5, "7", 3)  # the counted column
    before = snapshot(school.db)
    res = school.ok("stock", "count", "import", code, str(sheet), "--dry-run")
    # what would be written is listed on stdout: each counted item against its book
    lines = res.stdout.splitlines()
    assert lines[0].split()[:3] == ["Item", "code", "Item"], res
    assert len(lines) == 2 + 3 and all(" 7 " in ln for ln in lines[2:]), res
    assert "3 counts would be recorded; nothing written" in res.stderr
    assert snapshot(school.db) == before
    res = school.ok("stock", "count", "import", code, str(sheet))
    assert "Recorded 3 counts" in res.stderr
    assert snapshot(school.db) != before


def test_stock_count_import_dry_run_refuses_a_bad_row(school: Cli, tmp_path: Path) -> None:
    code = _start(school, "stock", "count", "start")
    sheet = tmp_path / "sheet.csv"
    school.ok("stock", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 5, "七十", 1)
    assert_refused(
        school, 2, "stock", "count", "import", code, str(sheet), "--dry-run", contains="七十"
    )


def test_asset_count_import_dry_run_checks_and_writes_nothing(school: Cli, tmp_path: Path) -> None:
    code = _start(school, "asset", "count", "start", "--all")
    sheet = tmp_path / "sheet.csv"
    school.ok("asset", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 6, "found", 2)  # the result column
    before = snapshot(school.db)
    res = school.ok("asset", "count", "import", code, str(sheet), "--dry-run")
    assert "2 results would be recorded; nothing written" in res.stderr
    assert snapshot(school.db) == before
    school.ok("asset", "count", "import", code, str(sheet))
    assert snapshot(school.db) != before


def test_asset_count_import_dry_run_refuses_a_bad_result(school: Cli, tmp_path: Path) -> None:
    code = _start(school, "asset", "count", "start", "--all")
    sheet = tmp_path / "sheet.csv"
    school.ok("asset", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 6, "perhaps", 1)
    assert_refused(
        school, 2, "asset", "count", "import", code, str(sheet), "--dry-run", contains="perhaps"
    )
