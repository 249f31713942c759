"""Imports with limits (#11, item 8): a file past `import.max_rows` or
`import.max_bytes` is refused (exit 2, naming the limit and the setting) before
anything is written — a workbook's unpacked size read from its zip directory before
openpyxl inflates a byte, so a zip bomb is refused at once — and a control
character in an imported cell is exit 2 naming the row and the column."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from conftest import Cli, assert_refused, js

STAFF = "姓名,电话\n" + "".join(f"员工{i},1380000{i:04d}\n" for i in range(11))


def write(path: Path, text: str) -> str:
    path.write_bytes(text.encode("utf-8-sig"))
    return str(path)


def workbook(path: Path, rows: int) -> str:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["名称", "单位"])
    for i in range(rows):
        ws.append([f"物品{i}", "个"])
    wb.save(path)
    return str(path)


def test_the_limits_are_settings_config_list_shows(cli: Cli) -> None:
    listed = {r["key"]: r for r in js(cli.ok("config", "list", "-f", "json"))}
    assert listed["import.max_rows"]["default"] == "200000"
    assert listed["import.max_bytes"]["default"] == str(200 * 1024 * 1024)
    assert_refused(
        cli, 2, "config", "set", "import.max_rows", "many", contains="Invalid whole number"
    )


def test_a_csv_past_max_rows_is_refused_naming_the_setting(cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "set", "import.max_rows", "10")
    res = assert_refused(
        cli, 2, "people", "import", write(tmp_path / "staff.csv", STAFF), contains="import.max_rows"
    )
    assert "has more than 10 rows, the most an import reads" in res.stderr
    cli.ok("config", "set", "import.max_rows", "11")  # the header row is not counted
    assert "Imported 11 people" in cli.ok("people", "import", str(tmp_path / "staff.csv")).stderr


def test_a_workbook_past_max_rows_is_refused(cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "set", "import.max_rows", "10")
    path = workbook(tmp_path / "items.xlsx", 11)
    res = assert_refused(cli, 2, "stock", "item", "import", path, contains="import.max_rows")
    assert "has more than 10 rows" in res.stderr
    assert_refused(cli, 2, "stock", "item", "import", "--dry-run", path, contains="10 rows")


def test_a_file_past_max_bytes_is_refused(cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "set", "import.max_bytes", "1000")
    big = STAFF + "".join(f"员工{i},1390000{i:04d}\n" for i in range(100))
    res = assert_refused(
        cli, 2, "people", "import", write(tmp_path / "big.csv", big), contains="import.max_bytes"
    )
    assert "big.csv holds" in res.stderr
    path = workbook(tmp_path / "items.xlsx", 50)  # small on disk, a few KB unpacked
    assert_refused(cli, 2, "stock", "item", "import", path, contains="(setting import.max_bytes)")


def zip_bomb(path: Path, declared: int) -> str:
    """An .xlsx-shaped zip whose sheet inflates to `declared` bytes of spaces: a few
    hundred KB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1 << 20)
            for _ in range(declared >> 20):
                sheet.write(chunk)
    return str(path)


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(cli: Cli, tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", 201 << 20)  # past the default 200 MiB
    assert Path(path).stat().st_size < 2_000_000
    started = time.perf_counter()
    res = assert_refused(cli, 2, "stock", "item", "import", path, contains="import.max_bytes")
    assert time.perf_counter() - started < 5  # the old reader was still inflating after 100 s
    assert "bomb.xlsx holds 201.0 MB" in res.stderr and "than the 200.0 MB" in res.stderr


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\x07"])
def test_a_control_character_in_a_cell_is_exit_2_naming_row_and_column(
    cli: Cli, tmp_path: Path, char: str
) -> None:
    text = f"教职工名单\n姓名,电话\n张三,13800000001\n李{char}四,13800000002\n"
    res = assert_refused(
        cli,
        2,
        "people",
        "import",
        write(tmp_path / "staff.csv", text),
        contains="Row 4, column 1 (姓名)",
    )
    assert f"control character (U+{ord(char):04X})" in res.stderr


def test_tabs_and_line_breaks_in_a_cell_are_kept(cli: Cli, tmp_path: Path) -> None:
    text = '名称,单位,规格\n粉笔,盒,"白色\r\n50支\t装"\n'
    cli.ok("stock", "item", "import", write(tmp_path / "items.csv", text))
    (item,) = js(cli.ok("stock", "item", "list", "-f", "json"))
    assert item["spec"] == "白色\r\n50支\t装"
