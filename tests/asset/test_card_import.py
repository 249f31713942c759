"""`asset import` that no longer loses or doubles data (#10 item 12): a register imported
twice is refused unless --allow-duplicates, 金额 is checked against 单价 × 数量 or gives
the value when 单价 is missing, two-row merged headers and month-only dates import, and
--dry-run lists what would be written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from conftest import Cli, assert_fields, assert_refused, asset_card, asset_school, raw, snapshot

HEADERS = ["编号", "名称", "类别", "单价", "数量", "金额", "取得日期", "存放地点"]
ROWS: list[list[Any]] = [
    [None, "课桌椅", "601", 180, 50, 9000, "2024-03-01", "101"],
    [None, "投影仪", "202", 3200, 1, 3200, "2024-03-01", "101"],
    [None, "文件柜", "601", 525, 2, None, "2025-01-10", "仓库"],
]


@pytest.fixture
def school(cli: Cli) -> Cli:
    return asset_school(cli)


def sheet(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["测试学校资产登记簿"])
    ws.merge_cells("A1:H1")
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def cards(cli: Cli) -> dict[str, dict[str, Any]]:
    """Every card in the ledger, scrapped or not, as `asset show` gives it."""
    with raw(cli.db) as con:
        codes = [c for (c,) in con.exec_driver_sql("SELECT code FROM asset ORDER BY id")]
    return {c: asset_card(cli, c) for c in codes}


# -- a register imported twice ------------------------------------------------------------


def test_reimport_of_the_same_register_is_refused_naming_row_and_card(
    school: Cli, tmp_path: Path
) -> None:
    path = sheet(tmp_path / "登记簿.xlsx", ROWS)
    school.ok("asset", "import", str(path))
    assert len(cards(school)) == 3
    before = snapshot(school.db)
    res = school("asset", "import", str(path))
    assert res.exit_code == 3, res  # the file is right: the ledger already holds it
    lines = res.stderr.splitlines()
    assert lines[0] == "Error: 登记簿.xlsx: 3 rows refused; nothing was imported:", res
    assert lines[1].startswith(
        "Row 3, column B (名称): The same card as ZC-2024-0001 on the books (课桌椅, acquired "
        "2024-03-01, worth ¥9,000.00, at 101); the register may have been imported before"
    ), res
    assert "--allow-duplicates" in lines[1]
    assert "Row 5, column B (名称): The same card as ZC-2025-0001" in lines[3], res
    assert snapshot(school.db) == before and len(cards(school)) == 3
    # with --dry-run too
    assert school("asset", "import", str(path), "--dry-run").exit_code == 3
    assert snapshot(school.db) == before


def test_one_row_already_on_the_books(school: Cli, tmp_path: Path) -> None:
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", ROWS[:1])))
    assert_refused(
        school, 3, "asset", "import", str(sheet(tmp_path / "b.xlsx", ROWS)),
        contains="Row 3, column B (名称): The same card as ZC-2024-0001 on the books",
    )  # fmt: skip


def test_allow_duplicates_imports_them_again(school: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path / "登记簿.xlsx", ROWS)
    school.ok("asset", "import", str(path))
    school.ok("asset", "import", str(path), "--allow-duplicates")
    assert len(cards(school)) == 6


def test_reimport_by_code_is_refused_even_with_allow_duplicates(
    school: Cli, tmp_path: Path
) -> None:
    rows = [["JY-007", *ROWS[0][1:]]]
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", rows)))
    other = [["JY-007", "讲台", "601", 800, 1, None, "2025-01-10", "仓库"]]
    for flag in ([], ["--allow-duplicates"]):
        assert_refused(
            school, 3, "asset", "import", str(sheet(tmp_path / "b.xlsx", other)), *flag,
            contains="Row 3, column A (编号): JY-007 is already on the books (课桌椅, acquired "
            "2024-03-01); the register may have been imported before: leave the row out.",
        )  # fmt: skip


def test_a_same_card_elsewhere_or_of_another_value_is_no_duplicate(
    school: Cli, tmp_path: Path
) -> None:
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", ROWS[:1])))
    rows = [
        [None, "课桌椅", "601", 180, 50, None, "2024-03-01", "仓库"],  # another place
        [None, "课桌椅", "601", 190, 50, None, "2024-03-01", "101"],  # another value
        [None, "课桌椅", "601", 180, 50, None, "2024-03-02", "101"],  # another day
    ]
    school.ok("asset", "import", str(sheet(tmp_path / "b.xlsx", rows)))
    assert len(cards(school)) == 4


def test_two_batches_at_one_price_are_two_cards(school: Cli, tmp_path: Path) -> None:
    """Books bought the same day at the same price for the same library, 1,501 and
    1,083 of them, are two cards: the value compared is the card's whole value."""
    rows = [
        [None, "图书", "5", 58, 1501, None, "2020-03-05", "101"],
        [None, "图书", "5", 58, 1083, None, "2020-03-05", "101"],
    ]
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", rows)))
    assert len(cards(school)) == 2


def test_a_scrapped_card_is_off_the_books(school: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path / "a.xlsx", ROWS[:1])
    school.ok("asset", "import", str(path))
    with raw(school.db) as con:  # scrapped (the approvals are not what this is about)
        con.exec_driver_sql("UPDATE asset SET status = 'scrapped'")
    school.ok("asset", "import", str(path))
    assert len(cards(school)) == 2


def test_two_rows_alike_in_the_file_are_a_bad_row(school: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path / "a.xlsx", [ROWS[0], ROWS[1], ROWS[0]])
    assert_refused(
        school, 2, "asset", "import", str(path),
        contains="Row 5, column B (名称): 课桌椅 is listed twice, in rows 3 and 5; keep one of "
        "them, or import with --allow-duplicates if they are different cards.",
    )  # fmt: skip
    school.ok("asset", "import", str(path), "--allow-duplicates")
    assert len(cards(school)) == 3


# -- 金额 -----------------------------------------------------------------------------------


def test_amount_that_disagrees_with_price_times_qty_is_a_bad_row(
    school: Cli, tmp_path: Path
) -> None:
    rows = [ROWS[1], [None, "课桌椅", "601", 180, 50, "9,000.01", "2024-03-01", "101"]]
    for dry_run in ([], ["--dry-run"]):
        assert_refused(
            school, 2, "asset", "import", str(sheet(tmp_path / "a.xlsx", rows)), *dry_run,
            contains="Row 4, column F (金额): The amount ¥9,000.01 is not the unit value ¥180.00 "
            "× 50 = ¥9,000.00; correct one of them.",
        )  # fmt: skip


def test_amount_without_price_gives_the_unit_value(school: Cli, tmp_path: Path) -> None:
    rows = [[None, "课桌椅", "601", None, 50, "9,000.00", "2024-03-01", "101"]]
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", rows)))
    card = asset_card(school, "ZC-2024-0001")
    assert_fields(card, unit_value="180.00", total_value="9000.00")


def test_amount_not_divisible_by_qty_keeps_the_batch_value_exact(
    school: Cli, tmp_path: Path
) -> None:
    """¥100.00 for 3 chairs is not a whole fen a chair: the card keeps the batch's
    ¥100.00 (a card stores its whole value), the piece shown rounded (¥33.33)."""
    rows = [[None, "椅子", "601", None, 3, 100, "2024-03-01", "101"]]
    school.ok("asset", "import", str(sheet(tmp_path / "a.xlsx", rows)))
    assert_fields(asset_card(school, "ZC-2024-0001"), unit_value="33.33", total_value="100.00")
    # and the register's total is the ledger's total
    assert cards(school)["ZC-2024-0001"]["total_value"] == "100.00"


def test_a_row_with_neither_price_nor_amount(school: Cli, tmp_path: Path) -> None:
    rows = [[None, "椅子", "601", None, 3, None, "2024-03-01", "101"]]
    assert_refused(
        school, 2, "asset", "import", str(sheet(tmp_path / "a.xlsx", rows)),
        contains="Row 3, column D (单价): The card has no value: fill in the unit value (单价) "
        "or the amount (金额).",
    )  # fmt: skip


def test_a_register_with_neither_column(school: Cli, tmp_path: Path) -> None:
    path = sheet(tmp_path / "a.xlsx", [["椅子", "601", 3]], ["名称", "类别", "数量"])
    assert_refused(
        school, 2, "asset", "import", str(path),
        contains="a.xlsx: the header row has no column for value (单价) or amount (金额).",
    )  # fmt: skip


# -- headers and dates as registers keep them ----------------------------------------------


def test_two_row_merged_header_unit_suffixes_and_month_dates(school: Cli, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["名称", "类别", "价值（元）", None, "数量（件）", "购置日期", "存放地点"])
    ws.append([None, None, "单价(元)", "金额/元", None, None, None])
    for cells in ("C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2", "G1:G2"):
        ws.merge_cells(cells)
    ws.append(["课桌椅", "601", 180, 9000, 50, "2018年9月", "101"])
    ws.append(["黑板", "601", None, 3000, 2, "2018.9", "101"])
    ws.append(["文件柜", "601", 525, None, 2, "2019-03", "仓库"])
    path = tmp_path / "两行表头.xlsx"
    wb.save(path)
    school.ok("asset", "import", str(path))
    got = {r["name"]: r for r in cards(school).values()}
    assert_fields(got["课桌椅"], code="ZC-2018-0001", total_value="9000.00", unit_value="180.00")
    assert_fields(got["黑板"], unit_value="1500.00", total_value="3000.00")
    assert_fields(got["文件柜"], code="ZC-2019-0001", total_value="1050.00")
    assert asset_card(school, "ZC-2018-0001")["acquired"] == "2018-09-01"
    assert asset_card(school, "ZC-2018-0002")["acquired"] == "2018-09-01"
    assert asset_card(school, "ZC-2019-0001")["acquired"] == "2019-03-01"


def test_csv_two_row_header(school: Cli, tmp_path: Path) -> None:
    text = "名称,类别,价值,,数量,取得日期\n,,单价,金额,,\n课桌椅,601,180,9000,50,2018-09\n"
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8-sig")
    school.ok("asset", "import", str(path))
    card = asset_card(school, "ZC-2018-0001")
    assert_fields(card, acquired="2018-09-01", total_value="9000.00")


# -- --dry-run -------------------------------------------------------------------------------


def test_dry_run_lists_the_first_rows_and_the_count(school: Cli, tmp_path: Path) -> None:
    rows = [[None, f"椅子{i:02d}", "601", 50, 1, None, "2024-03-01", "101"] for i in range(12)]
    path = sheet(tmp_path / "a.xlsx", rows)
    before = snapshot(school.db)
    res = school.ok("asset", "import", str(path), "--dry-run", env={"COLUMNS": "200"})
    assert snapshot(school.db) == before
    body = res.stdout.splitlines()[2:]  # header and rule, then the first 10 of 12
    assert [ln.split()[0:2] for ln in body] == [
        [f"ZC-2024-{i + 1:04d}", f"椅子{i:02d}"] for i in range(10)
    ], res
    assert "¥50.00" in body[0] and "101" in body[0]
    assert "Checked" in res.stderr and "12 cards would be imported; nothing written" in res.stderr


def test_a_long_register_imported_twice_stops_at_the_first_20_and_is_exit_3(
    school: Cli, tmp_path: Path
) -> None:
    rows = [[None, f"椅子{i:02d}", "601", 50, 1, None, "2024-03-01", "101"] for i in range(25)]
    path = sheet(tmp_path / "a.xlsx", rows)
    school.ok("asset", "import", str(path))
    res = school("asset", "import", str(path))
    assert res.exit_code == 3, res
    lines = res.stderr.splitlines()
    assert lines[0] == (
        "Error: a.xlsx: the first 20 refused rows (reading stopped there); nothing was imported:"
    ), res
    assert len(lines) == 21 and all("The same card as ZC-2024-" in ln for ln in lines[1:]), res


# -- a big register: written in batches, still all rows or none -----------------------------


def test_a_register_written_in_batches_is_still_all_or_none(
    school: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cards are flushed and let go of every FLUSH_EVERY rows (here 2): a bad fifth row
    still leaves nothing written; a good file gives every card its "added" history and
    one journal entry naming all the codes."""
    from houqin_cli.asset import card_import

    monkeypatch.setattr(card_import, "FLUSH_EVERY", 2)
    good = [[None, f"课桌{i}", "601", 100 + i, 1, None, "2024-03-01", "101"] for i in range(5)]
    bad = [*good[:4], [None, "课桌9", "601", 100, 1, None, "2024-13-01", "101"]]
    before = snapshot(school.db)
    res = school("asset", "import", str(sheet(tmp_path / "坏.xlsx", bad)))
    assert res.exit_code == 2 and "Row 7" in res.stderr, res
    assert snapshot(school.db) == before
    res = school.ok("asset", "import", str(sheet(tmp_path / "好.xlsx", good)))
    made = cards(school)
    assert [c["name"] for c in made.values()] == [f"课桌{i}" for i in range(5)]
    with raw(school.db) as con:
        added = con.exec_driver_sql("SELECT count(*) FROM asset_event WHERE kind = 'added'")
        assert added.scalar_one() == 5
        payload = con.exec_driver_sql(
            "SELECT payload FROM journal WHERE action = 'asset.import'"
        ).scalar_one()
    assert sorted(json.loads(payload)["codes"]) == sorted(made)
    assert school.ok("audit", "verify").exit_code == 0
