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


# -- a sheet that lists a thing twice (#10 item 12) ------------------------------------------


def _repeat(path: Path, source: int, column: int, value: str) -> int:
    """Append a copy of data row `source` (1 = the first under the header) with `value`
    in `column`; returns its row number as the spreadsheet shows it."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    copy = list(table[source])
    copy[column] = value
    table.append(copy)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(table)
    return len(table)


def test_stock_count_sheet_listing_an_item_twice_names_both_rows(
    school: Cli, tmp_path: Path
) -> None:
    code = _start(school, "stock", "count", "start")
    sheet = tmp_path / "sheet.csv"
    school.ok("stock", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 5, "7", 3)
    last = _repeat(sheet, 1, 5, "9")  # 粉笔 again, counted 9: which one is right?
    for dry_run in ([], ["--dry-run"]):
        assert_refused(
            school, 2, "stock", "count", "import", code, str(sheet), *dry_run,
            contains=f"Row {last}, column 1 (Item code): 粉笔 (WZ-0001) is listed twice, "
            f"in rows 2 and {last}; keep one of them.",
        )  # fmt: skip
    # the same item by its name instead of its code is the same item
    table = sheet.read_text(encoding="utf-8-sig").splitlines()
    table[-1] = table[-1].replace("WZ-0001", "粉笔", 1)
    sheet.write_text("\n".join(table) + "\n", encoding="utf-8-sig")
    assert_refused(
        school, 2, "stock", "count", "import", code, str(sheet), contains="is listed twice"
    )


def test_asset_count_sheet_listing_a_card_twice_names_both_rows(
    school: Cli, tmp_path: Path
) -> None:
    code = _start(school, "asset", "count", "start", "--all")
    sheet = tmp_path / "sheet.csv"
    school.ok("asset", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 6, "found", 2)
    last = _repeat(sheet, 1, 6, "missing")
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        header, first = list(csv.reader(fh))[:2]
    assert header[:2] == ["Code", "Name"]
    assert_refused(
        school, 2, "asset", "count", "import", code, str(sheet),
        contains=f"Row {last}, column 1 (Code): {first[1]} ({first[0]}) is listed twice, "
        f"in rows 2 and {last}; keep one of them.",
    )  # fmt: skip


def test_asset_count_import_dry_run_lists_the_results(school: Cli, tmp_path: Path) -> None:
    code = _start(school, "asset", "count", "start", "--all")
    sheet = tmp_path / "sheet.csv"
    school.ok("asset", "count", "sheet", code, "-o", str(sheet))
    _fill(sheet, 6, "found", 2)
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        cards = [r[0] for r in list(csv.reader(fh))[1:3]]
    res = school.ok("asset", "count", "import", code, str(sheet), "--dry-run")
    body = [ln.split() for ln in res.stdout.splitlines()[2:]]
    assert [(b[0], b[-1]) for b in body] == [
        (c, "Found") for c in cards
    ]  # the result by its label (#12), res
