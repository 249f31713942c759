"""Asset cards (校产卡片) through the CLI: the classification, add, fixed asset or
low-value item, list, show, edit, import of a school's register, move (splitting
a batch), and the journal. "Now" is 2026-03-02 09:00 (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from conftest import (
    Cli,
    assert_fields,
    assert_refused,
    asset_card,
    asset_school,
    js,
    raw,
    snapshot,
)

CODE_RE = re.compile(r"ZC-\d{4}-\d{4}")
LIST_KEYS = {
    "code",
    "name",
    "category",
    "qty",
    "unit_value",
    "total_value",
    "place",
    "custodian",
    "status",
    "fixed",
}


def listing(cli: Cli, *args: str) -> list[dict[str, Any]]:
    rows = js(cli.ok("asset", "list", "-f", "json", *args))
    assert isinstance(rows, list)
    return rows


def cards(cli: Cli, *args: str) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in listing(cli, *args)}


def events(cli: Cli, code: str) -> list[str]:
    return [h["event"] for h in asset_card(cli, code)["history"]]


def add(cli: Cli, line: str, env: dict[str, str] | None = None) -> str:
    """`houqin asset add` with its arguments as typed; returns the code it printed."""
    res = cli.ok("asset", "add", *shlex.split(line), env=env)
    code = res.stdout.strip()
    assert CODE_RE.fullmatch(code), res
    return code


def journal(cli: Cli) -> list[dict[str, Any]]:
    return list(js(cli.ok("audit", "log", "-f", "json")))


@pytest.fixture
def school(cli: Cli) -> Cli:
    """Places 101 (a classroom), 仓库, 物理实验室; people 张老师, 李老师; class 初一(1)班."""
    asset_school(cli)
    cli.ok("place", "add", "物理实验室", "--kind", "other")
    return cli


# -- the classification -------------------------------------------------------------------


def test_category_list_json(cli: Cli) -> None:
    rows = js(cli.ok("asset", "category", "list", "-f", "json"))
    assert rows, rows
    for r in rows:
        assert {"code", "name", "life_years"} <= set(r), r
    by_code = {r["code"]: r for r in rows}
    assert by_code["201"]["name"] == "计算机设备"
    assert by_code["201"]["life_years"] == 6
    assert by_code["301"]["name"] == "教学专用仪器"
    assert by_code["601"]["name"] == "家具"
    # land, books and archives are not depreciated
    assert by_code["101"]["life_years"] is None
    assert by_code["5"]["life_years"] is None


def test_category_search(cli: Cli) -> None:
    rows = js(cli.ok("asset", "category", "list", "--search", "计算机", "-f", "json"))
    assert [r["code"] for r in rows] == ["201"]
    rows = js(cli.ok("asset", "category", "list", "--search", "家具", "-f", "json"))
    assert "601" in {r["code"] for r in rows}
    assert all("家具" in r["name"] for r in rows)
    rows = js(cli.ok("asset", "category", "list", "--search", "不存在的类别", "-f", "json"))
    assert rows == []


# -- add ------------------------------------------------------------------------------------


def test_add_prints_code_by_acquisition_year(school: Cli) -> None:
    res = school.ok(
        "asset", "add", "电脑", "--category", "201", "--value", "4500", "--acquired", "2024-03-01"
    )
    assert res.stdout == "ZC-2024-0001\n"
    assert add(school, "投影仪 --category 202 --value 3200 --acquired 2025-09-01") == "ZC-2025-0001"
    assert add(school, "打印机 --category 202 --value 1800 --acquired 2024-10-08") == "ZC-2024-0002"
    assert add(school, "空调 --category 206 --value 3000 --acquired 2026-03-02") == "ZC-2026-0001"


def test_add_category_by_code_or_name(school: Cli) -> None:
    a = add(school, "电脑 --category 201 --value 4500 --acquired 2024-03-01")
    b = add(school, "笔记本 --category 计算机设备 --value 5200 --acquired 2024-03-01")
    c = add(school, "书柜 --category 家具 --value 800 --acquired 2024-03-01")
    rows = cards(school)
    assert rows[a]["category"] == "201"
    assert rows[b]["category"] == "201"
    assert rows[c]["category"] == "601"


def test_add_batch(school: Cli) -> None:
    code = add(
        school,
        "课桌椅 --category 601 --value 180 --qty 50 --unit 套 --acquired 2025-08-20"
        " --place 101 --custodian 初一(1)班",
    )
    r = cards(school)[code]
    assert r["qty"] in (50, "50")
    assert_fields(r, unit_value="180.00", total_value="9000.00", place="101", custodian="初一(1)班")
    assert_fields(r, status="in_use", fixed=False)  # ¥180 a set is a low-value item


def test_add_every_option(school: Cli) -> None:
    res = school.ok(
        "asset", "add", "钢琴", "--category", "303", "--value", "¥23,800.50",
        "--acquired", "2023-05-06", "--unit", "台", "--place", "物理实验室",
        "--custodian", "李老师", "--funding", "财政拨款", "--invoice", "No.0042",
        "--spec", "珠江 UP118", "--life-years", "10", "--code", "YQ-2023-001",
    )  # fmt: skip
    code = res.stdout.strip()
    assert code == "YQ-2023-001"
    c = asset_card(school, code)
    assert_fields(c, name="钢琴", category="303", unit_value="23800.50", total_value="23800.50")
    assert_fields(c, acquired="2023-05-06", place="物理实验室", custodian="李老师", unit="台")
    assert_fields(c, funding="财政拨款", invoice="No.0042", spec="珠江 UP118", life_years=10)
    assert c["fixed"] is True


@pytest.mark.parametrize(
    ("option", "value", "contains"),
    [
        ("--category", "999", "999"),
        ("--category", "飞船", "飞船"),
        ("--value", "12.345", "12.345"),
        ("--value", "-5", "Invalid amount '-5': an amount cannot be negative"),
        ("--value", "abc", "Invalid amount 'abc'"),
        ("--acquired", "2026-03-03", "2026-03-03"),
        ("--acquired", "2026-02-30", "Invalid date '2026-02-30'"),
        ("--place", "不存在的房间", "No place matches '不存在的房间'"),
        ("--custodian", "不存在的人", "No unit or person matches '不存在的人'"),
        ("--qty", "1.5", "Invalid quantity '1.5': give a whole number of pieces"),
    ],
)
def test_add_bad_input(school: Cli, option: str, value: str, contains: str) -> None:
    args = {"--category": "201", "--value": "4500", "--acquired": "2026-03-01"}
    args[option] = value
    flat = [x for kv in args.items() for x in kv]
    assert_refused(school, 2, "asset", "add", "电脑", *flat, contains=contains)
    # a refused command uses no number up
    assert add(school, "电脑 --category 201 --value 4500 --acquired 2026-03-01") == "ZC-2026-0001"


def test_add_today_is_not_the_future(school: Cli) -> None:
    code = add(school, "电脑 --category 201 --value 4500 --acquired today")
    assert asset_card(school, code)["acquired"] == "2026-03-02"


# -- fixed asset or low-value item --------------------------------------------------------


def test_general_threshold_is_1000(school: Cli) -> None:
    low = add(school, "打印机 --category 202 --value 999.99 --acquired 2025-01-01")
    fixed = add(school, "扫描仪 --category 202 --value 1000 --acquired 2025-01-01")
    rows = cards(school)
    assert rows[low]["fixed"] is False
    assert rows[fixed]["fixed"] is True


def test_special_equipment_threshold_is_1500(school: Cli) -> None:
    cheap = add(school, "显微镜 --category 301 --value 1200 --acquired 2025-01-01")
    edge = add(school, "天平 --category 301 --value 1499.99 --acquired 2025-01-01")
    dear = add(school, "示波器 --category 301 --value 1500 --acquired 2025-01-01")
    general = add(school, "电脑 --category 201 --value 1200 --acquired 2025-01-01")
    rows = cards(school)
    assert rows[cheap]["fixed"] is False  # ¥1,200 would be fixed as general equipment
    assert rows[edge]["fixed"] is False
    assert rows[dear]["fixed"] is True
    assert rows[general]["fixed"] is True


def test_threshold_is_per_piece_not_per_card(school: Cli) -> None:
    code = add(school, "课桌椅 --category 601 --value 180 --qty 50 --acquired 2025-01-01")
    assert cards(school)[code]["fixed"] is False  # ¥9,000 in all, ¥180 a piece


def test_fixed_and_low_value_filters(school: Cli) -> None:
    pc = add(school, "电脑 --category 201 --value 4500 --acquired 2025-01-01")
    chairs = add(school, "课桌椅 --category 601 --value 180 --qty 50 --acquired 2025-01-01")
    scope = add(school, "显微镜 --category 301 --value 1200 --acquired 2025-01-01")
    assert set(cards(school, "--fixed")) == {pc}
    assert set(cards(school, "--low-value")) == {chairs, scope}
    assert set(cards(school)) == {pc, chairs, scope}


def test_changing_the_threshold_changes_the_class(school: Cli) -> None:
    pc = add(school, "电脑 --category 201 --value 4500 --acquired 2025-01-01")
    printer = add(school, "打印机 --category 202 --value 800 --acquired 2025-01-01")
    scope = add(school, "显微镜 --category 301 --value 1200 --acquired 2025-01-01")
    assert cards(school)[pc]["fixed"] is True
    school.ok("config", "set", "asset.fixed_threshold_general", "5000")
    rows = cards(school)
    assert rows[pc]["fixed"] is False
    assert pc in cards(school, "--low-value")
    assert pc not in cards(school, "--fixed")
    school.ok("config", "set", "asset.fixed_threshold_general", "500")
    rows = cards(school)
    assert rows[pc]["fixed"] is True
    assert rows[printer]["fixed"] is True
    assert rows[scope]["fixed"] is False  # special equipment keeps its own threshold
    school.ok("config", "set", "asset.fixed_threshold_special", "1000")
    assert cards(school)[scope]["fixed"] is True


def test_bad_threshold_setting_refused(school: Cli) -> None:
    assert_refused(
        school, 2, "config", "set", "asset.fixed_threshold_general", "1000.001",
        contains="Invalid amount '1000.001': money has at most two decimal places",
    )  # fmt: skip


# -- list ---------------------------------------------------------------------------------


@pytest.fixture
def stocked(school: Cli) -> Cli:
    """ZC-2024-0001 电脑 201 ¥4,500 at 101 kept by 张老师;
    ZC-2024-0002 课桌椅 601 50 × ¥180 at 101 kept by 初一(1)班;
    ZC-2025-0001 显微镜 301 10 × ¥1,200 at 物理实验室 kept by 李老师;
    ZC-2025-0002 打印机 202 ¥1,800 at 仓库."""
    add(
        school,
        "电脑 --category 201 --value 4500 --acquired 2024-03-01 --place 101 --custodian 张老师",
    )
    add(school, "课桌椅 --category 601 --value 180 --qty 50 --unit 套 --acquired 2024-08-25"
        " --place 101 --custodian 初一(1)班")  # fmt: skip
    add(school, "显微镜 --category 301 --value 1200 --qty 10 --unit 台 --acquired 2025-02-20"
        " --place 物理实验室 --custodian 李老师")  # fmt: skip
    add(school, "打印机 --category 202 --value 1800 --acquired 2025-06-01 --place 仓库")
    return school


def test_list_json_rows(stocked: Cli) -> None:
    rows = listing(stocked)
    assert [r["code"] for r in rows] == [
        "ZC-2024-0001",
        "ZC-2024-0002",
        "ZC-2025-0001",
        "ZC-2025-0002",
    ]
    for r in rows:
        assert set(r) >= LIST_KEYS, r
    pc = rows[0]
    assert_fields(pc, name="电脑", category="201", unit_value="4500.00", total_value="4500.00")
    assert_fields(pc, place="101", custodian="张老师", status="in_use", fixed=True)
    scopes = rows[2]
    assert str(scopes["qty"]) == "10"
    assert scopes["total_value"] == "12000.00"
    assert rows[3]["custodian"] is None


def test_list_plain_has_a_total(stocked: Cli) -> None:
    out = stocked.ok("asset", "list", "-f", "plain").stdout
    assert "电脑" in out and "课桌椅" in out
    assert "27,300.00" in out  # 4500 + 9000 + 12000 + 1800


def test_list_filters(stocked: Cli) -> None:
    assert set(cards(stocked, "--place", "101")) == {"ZC-2024-0001", "ZC-2024-0002"}
    assert set(cards(stocked, "--place", "仓库")) == {"ZC-2025-0002"}
    assert set(cards(stocked, "--custodian", "张老师")) == {"ZC-2024-0001"}
    assert set(cards(stocked, "--custodian", "初一(1)班")) == {"ZC-2024-0002"}
    assert set(cards(stocked, "--category", "301")) == {"ZC-2025-0001"}
    assert set(cards(stocked, "--category", "家具")) == {"ZC-2024-0002"}
    # a parent category takes in its subcategories
    assert set(cards(stocked, "--category", "2")) == {"ZC-2024-0001", "ZC-2025-0002"}
    assert set(cards(stocked, "--status", "in_use")) == set(cards(stocked))
    assert cards(stocked, "--status", "scrapped") == {}
    assert set(cards(stocked, "--place", "101", "--fixed")) == {"ZC-2024-0001"}


# -- show and edit --------------------------------------------------------------------------


def test_show_card_and_history(stocked: Cli) -> None:
    c = asset_card(stocked, "ZC-2024-0001")
    assert set(c) >= LIST_KEYS
    assert c["name"] == "电脑"
    assert c["acquired"] == "2024-03-01"
    assert [h["event"] for h in c["history"]] == ["added"]
    h = c["history"][0]
    assert h["date"] == "2024-03-01"
    assert h["operator"] == "tester"
    # by name, prefix or pinyin initials too
    assert asset_card(stocked, "电脑")["code"] == "ZC-2024-0001"
    assert asset_card(stocked, "dn")["code"] == "ZC-2024-0001"


def test_edit(stocked: Cli) -> None:
    stocked.ok(
        "asset", "edit", "ZC-2024-0001", "--name", "台式电脑", "--spec", "联想 M720",
        "--value", "4,800", "--invoice", "No.77", "--funding", "自筹",
        env={"HOUQIN_OPERATOR": "王会计"},
    )  # fmt: skip
    c = asset_card(stocked, "ZC-2024-0001")
    assert_fields(c, name="台式电脑", spec="联想 M720", unit_value="4800.00", total_value="4800.00")
    assert_fields(c, invoice="No.77", funding="自筹")
    assert [h["event"] for h in c["history"]] == ["added", "edited"]
    assert c["history"][1]["operator"] == "王会计"
    assert c["history"][1]["date"] == "2026-03-02"
    # a batch: the value given is one piece's
    stocked.ok("asset", "edit", "ZC-2024-0002", "--value", "200", "--category", "602")
    c = asset_card(stocked, "ZC-2024-0002")
    assert c["unit_value"] == "200.00"
    assert c["total_value"] == "10000.00"
    assert c["category"] == "602"


def test_edit_moves_card_between_classes(stocked: Cli) -> None:
    assert cards(stocked)["ZC-2025-0002"]["fixed"] is True
    stocked.ok("asset", "edit", "ZC-2025-0002", "--value", "900")
    assert cards(stocked)["ZC-2025-0002"]["fixed"] is False


# -- import ---------------------------------------------------------------------------------

# the register's columns, A to M
HEADERS = ["编号", "名称", "类别", "规格", "单价", "数量", "单位", "取得日期", "存放地点", "保管人",
           "经费来源", "发票号", "使用年限"]  # fmt: skip


def register(path: Path, rows: list[list[Any]], total: bool = True) -> Path:
    """A register as a school keeps it: two merged title rows, the header in row 3,
    data from row 4, a 合计 row at the bottom."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["测试学校固定资产登记簿"])
    ws.merge_cells("A1:M1")
    ws.append(["填报单位：总务处", None, None, None, None, None, None, "2026年3月"])
    ws.merge_cells("A2:G2")
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    if total:
        ws.append(["合计", None, None, None, "¥99,999.00", 999])
    wb.save(path)
    return path


GOOD_ROWS: list[list[Any]] = [
    [None, "投影仪", "202", "EB-X05", "¥3,200.00", 1, "台", "2024.03.01",
     "101", "张老师", "财政拨款", "No.00123", None],
    ["JY-007", "课桌椅", "家具", "双人", 180, 50, "套", "2024年3月1日",
     "101", "初一(1)班", None, None, None],
    [None, "显微镜", "教学专用仪器", None, 1234.5, 10, "台", dt.datetime(2023, 9, 1),
     "物理实验室", "李老师", "专项经费", None, 8],
    [None, "文件柜", "601", None, "1,050", 2, "个", dt.date(2025, 12, 31),
     "仓库", None, None, None, None],
]  # fmt: skip


def test_import_xlsx_register_as_kept(school: Cli, tmp_path: Path) -> None:
    path = register(tmp_path / "校产登记簿.xlsx", GOOD_ROWS)
    before = len(journal(school))
    res = school.ok("asset", "import", str(path))
    assert "Traceback" not in res.stderr
    rows = cards(school)
    assert set(rows) == {"ZC-2024-0001", "JY-007", "ZC-2023-0001", "ZC-2025-0001"}
    proj = asset_card(school, "ZC-2024-0001")
    assert_fields(proj, name="投影仪", category="202", spec="EB-X05", unit_value="3200.00")
    assert_fields(proj, acquired="2024-03-01", place="101", custodian="张老师", fixed=True)
    assert_fields(proj, funding="财政拨款", invoice="No.00123")
    chairs = asset_card(school, "JY-007")
    assert str(chairs["qty"]) == "50"
    assert_fields(chairs, category="601", unit="套", unit_value="180.00", total_value="9000.00")
    assert_fields(chairs, acquired="2024-03-01", custodian="初一(1)班", fixed=False)
    scopes = asset_card(school, "ZC-2023-0001")
    assert_fields(scopes, category="301", unit_value="1234.50", total_value="12345.00")
    assert_fields(scopes, acquired="2023-09-01", place="物理实验室", life_years=8, fixed=False)
    cabinet = asset_card(school, "ZC-2025-0001")
    assert_fields(cabinet, unit_value="1050.00", total_value="2100.00", acquired="2025-12-31")
    # the 合计 row is not a card; the import is one journal entry and verifies
    assert sum(str(r["qty"]) == "999" for r in rows.values()) == 0
    assert len(journal(school)) == before + 1
    assert [h["event"] for h in proj["history"]] == ["added"]
    school.ok("audit", "verify")


def test_import_gb18030_csv_with_english_headers(school: Cli, tmp_path: Path) -> None:
    text = (
        "name,category,value,acquired,qty,unit,place,custodian,funding,invoice,spec,"
        "life_years,code\n"
        '黑板,601,"1,500.00",2025-08-01,2,块,101,张老师,财政拨款,FP-1,绿板,,\n'
        "拖把,602,12,2025/8/1,10,把,仓库,,,,,,\n"
    )
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode("gb18030"))
    school.ok("asset", "import", str(path))
    rows = cards(school)
    assert set(rows) == {"ZC-2025-0001", "ZC-2025-0002"}
    board = rows["ZC-2025-0001"]
    assert_fields(board, name="黑板", unit_value="1500.00", total_value="3000.00", place="101")
    assert_fields(board, custodian="张老师", fixed=True)
    assert_fields(rows["ZC-2025-0002"], name="拖把", total_value="120.00", place="仓库")
    assert asset_card(school, "ZC-2025-0001")["spec"] == "绿板"


@pytest.mark.parametrize(
    ("row", "col", "value", "message"),
    [
        (1, 4, "180.005", "Row 5, column E (单价): Invalid amount '180.005'"),
        (2, 7, "2026年3月3日",
         "Row 6, column H (取得日期): The acquisition date 2026-03-03 is in the future"),
        (3, 2, "飞船", "Row 7, column C (类别): Unknown asset category '飞船'"),
        (3, 7, "2024-02-30", "Row 7, column H (取得日期): Invalid date '2024-02-30'"),
        (3, 8, "不存在的房间", "Row 7, column I (存放地点): No place matches '不存在的房间'"),
        (3, 5, "1.5", "Row 7, column F (数量): Invalid quantity '1.5'"),
        # row 7 repeats row 5's 编号
        (3, 0, "JY-007", "Row 7, column A (编号): The code JY-007 is already taken"),
    ],
)  # fmt: skip
def test_import_bad_cell_names_row_and_column(
    school: Cli, tmp_path: Path, row: int, col: int, value: str, message: str
) -> None:
    """One bad cell (GOOD_ROWS[0] is the sheet's row 4) refuses the register, with
    --dry-run as without, naming the row and the column as the sheet shows them."""
    rows = [list(r) for r in GOOD_ROWS]
    rows[row][col] = value
    path = register(tmp_path / "bad.xlsx", rows)
    for dry_run in ([], ["--dry-run"]):
        assert_refused(school, 2, "asset", "import", str(path), *dry_run, contains=message)
    # nothing was used up either
    assert add(school, "电脑 --category 201 --value 4500 --acquired 2024-03-01") == "ZC-2024-0001"


def test_import_bad_csv_row(school: Cli, tmp_path: Path) -> None:
    text = (
        "name,category,value,acquired,qty\n"
        "黑板,601,1500,2025-08-01,2\n"
        "拖把,602,12.345,2025-08-01,10\n"
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(text.encode("gb18030"))
    res = assert_refused(
        school, 2, "asset", "import", str(path),
        contains="Row 3, column 3 (value): Invalid amount '12.345'",
    )  # fmt: skip
    assert "3" in res.stderr and "value" in res.stderr, res


def test_import_reports_every_bad_row_at_once(school: Cli, tmp_path: Path) -> None:
    """Three bad rows in one register: one refusal naming all three (row and column
    as the sheet shows them), exit 2, and the ledger exactly as it was."""
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][4] = "3200.001"  # row 4, column E (单价)
    rows[1][2] = "飞船"  # row 5, column C (类别)
    rows[3][8] = "不存在的房间"  # row 7, column I (存放地点)
    path = register(tmp_path / "三处错.xlsx", rows)
    before = snapshot(school.db)
    res = school("asset", "import", str(path))
    assert res.exit_code == 2 and "Traceback" not in res.stderr, res
    assert res.stderr.splitlines() == [
        "Error: 三处错.xlsx: 3 rows refused; nothing was imported:",
        "Row 4, column E (单价): Invalid amount '3200.001': money has at most two decimal places"
        " (fen).",
        "Row 5, column C (类别): Unknown asset category '飞船'; see `houqin asset category list`.",
        "Row 7, column I (存放地点): No place matches '不存在的房间'.",
    ], res  # the good row 6 between them is not named
    assert snapshot(school.db) == before
    assert listing(school) == []


def test_import_dry_run_writes_nothing(school: Cli, tmp_path: Path) -> None:
    path = register(tmp_path / "校产登记簿.xlsx", GOOD_ROWS)
    before = snapshot(school.db)
    res = school("asset", "import", str(path), "--dry-run")
    assert res.exit_code == 0, res
    assert "4" in res.stderr, res
    assert snapshot(school.db) == before
    assert listing(school) == []


# -- move --------------------------------------------------------------------------------


def test_move_whole_card_does_not_split(stocked: Cli) -> None:
    res = stocked.ok("asset", "move", "ZC-2024-0001", "--to", "仓库", "--custodian", "李老师")
    assert res.stdout.strip() == "ZC-2024-0001"
    rows = cards(stocked)
    assert len(rows) == 4
    assert rows["ZC-2024-0001"]["place"] == "仓库"
    assert rows["ZC-2024-0001"]["custodian"] == "李老师"
    h = asset_card(stocked, "ZC-2024-0001")["history"]
    assert [e["event"] for e in h] == ["added", "moved"]
    assert h[1]["date"] == "2026-03-02"
    assert h[1]["operator"] == "tester"
    # the whole batch by --qty equal to what the card holds
    res = stocked.ok("asset", "move", "ZC-2024-0002", "--to", "仓库", "--qty", "50")
    assert res.stdout.strip() == "ZC-2024-0002"
    assert len(cards(stocked)) == 4


def test_move_part_of_batch_splits(stocked: Cli) -> None:
    res = stocked.ok(
        "asset", "move", "ZC-2024-0002", "--to", "仓库", "--qty", "20", "--custodian", "张老师"
    )
    new = res.stdout.strip()
    assert CODE_RE.fullmatch(new) and new != "ZC-2024-0002", res
    rows = cards(stocked)
    origin, part = rows["ZC-2024-0002"], rows[new]
    assert str(origin["qty"]) == "30" and str(part["qty"]) == "20"
    assert origin["total_value"] == "5400.00"
    assert part["total_value"] == "3600.00"
    assert part["unit_value"] == origin["unit_value"] == "180.00"
    assert origin["place"] == "101" and part["place"] == "仓库"
    assert origin["custodian"] == "初一(1)班" and part["custodian"] == "张老师"
    assert part["name"] == "课桌椅" and part["category"] == "601"
    # the new card keeps the acquisition, and each card names the other
    assert asset_card(stocked, new)["acquired"] == "2024-08-25"
    assert any(h["ref"] == "ZC-2024-0002" for h in asset_card(stocked, new)["history"])
    assert any(h["ref"] == new for h in asset_card(stocked, "ZC-2024-0002")["history"])
    assert "moved" in events(stocked, new)
    # totals unchanged
    assert sum(r["qty"] for r in listing(stocked, "--category", "601")) == 50


def test_split_remainder_to_the_fen(stocked: Cli) -> None:
    """3 pieces worth ¥100.00 in all: moving 1 gives ¥33.33 and ¥66.67. (A card's value
    comes from the unit value, so the uneven total is set up behind the program's back.)"""
    code = add(stocked, "椅子 --category 601 --value 33.33 --qty 3 --acquired 2025-09-01")
    with raw(stocked.db) as con:
        n = con.execute(
            sa.text("UPDATE asset SET value_fen = 10000 WHERE code = :c"), {"c": code}
        ).rowcount
        assert n == 1
    assert cards(stocked)[code]["total_value"] == "100.00"
    new = stocked.ok("asset", "move", code, "--to", "仓库", "--qty", "1").stdout.strip()
    rows = cards(stocked)
    values = sorted([rows[code]["total_value"], rows[new]["total_value"]])
    assert values == ["33.33", "66.67"]
    assert rows[new]["total_value"] == "33.33"
    assert rows[code]["total_value"] == "66.67"


def test_split_totals_unchanged(stocked: Cli) -> None:
    code = add(stocked, "椅子 --category 601 --value 33.33 --qty 7 --acquired 2025-09-01")
    a = stocked.ok("asset", "move", code, "--to", "仓库", "--qty", "3").stdout.strip()
    b = stocked.ok("asset", "move", code, "--to", "物理实验室", "--qty", "2").stdout.strip()
    rows = cards(stocked)
    parts = [rows[code], rows[a], rows[b]]
    assert [str(p["qty"]) for p in parts] == ["2", "3", "2"]
    fen = sum(int(p["total_value"].replace(".", "")) for p in parts)
    assert fen == 7 * 3333


PC_MOVE = ("asset", "move", "ZC-2024-0001")
CHAIRS_MOVE = ("asset", "move", "ZC-2024-0002", "--to", "仓库")


@pytest.mark.parametrize(
    ("code", "args", "message"),
    [
        (2, ["asset", "list", "--status", "lost"], "Invalid --status 'lost'"),
        (2, ["asset", "list", "--category", "飞船"], "Unknown asset category '飞船'"),
        (2, ["asset", "list", "--place", "不存在的房间"], "No place matches '不存在的房间'"),
        (2, ["asset", "show", "ZC-2099-0001"], "No asset matches 'ZC-2099-0001'"),
        (2, ["asset", "edit", "ZC-2024-0001"],
         "Nothing to change: give at least one option, such as --spec"),
        (2, ["asset", "edit", "ZC-2024-0001", "--category", "飞船"], "Unknown asset category '飞船'"),
        (2, ["asset", "edit", "ZC-2024-0001", "--value", "1.005"],
         "Invalid amount '1.005': money has at most two decimal places"),
        (2, ["asset", "edit", "ZC-2099-0009", "--spec", "x"], "No asset matches 'ZC-2099-0009'"),
        (2, [*PC_MOVE, "--to", "不存在的房间"], "No place matches '不存在的房间'"),
        (2, [*CHAIRS_MOVE, "--qty", "0"], "Invalid quantity '0': give a whole number of pieces"),
        (2, [*CHAIRS_MOVE, "--qty", "2.5"], "Invalid quantity '2.5': give a whole number of pieces"),
        (3, [*CHAIRS_MOVE, "--qty", "51"], "ZC-2024-0002 has only 50 套"),
        (2, [*PC_MOVE, "--to", "仓库", "--custodian", "不存在的人"],
         "No unit or person matches '不存在的人'"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(stocked: Cli, code: int, args: list[str], message: str) -> None:
    """list, show, edit and move given what they cannot take: refused, nothing changed."""
    assert_refused(stocked, code, *args, contains=message)


# -- the journal ---------------------------------------------------------------------------


def test_every_write_is_journalled(stocked: Cli, tmp_path: Path) -> None:
    def one_entry(action: str, *args: str) -> None:
        before = journal(stocked)
        stocked.ok(*args)
        after = journal(stocked)
        assert len(after) == len(before) + 1, (args, after[len(before) :])
        assert after[-1]["action"] == action, after[-1]

    one_entry(
        "asset.add", "asset", "add", "空调", "--category", "206", "--value", "3000",
        "--acquired", "2025-07-01",
    )  # fmt: skip
    one_entry("asset.edit", "asset", "edit", "ZC-2025-0003", "--spec", "格力 1.5P")
    one_entry("asset.move", "asset", "move", "ZC-2025-0003", "--to", "101")
    one_entry("asset.move", "asset", "move", "ZC-2024-0002", "--to", "仓库", "--qty", "5")
    path = register(tmp_path / "r.xlsx", GOOD_ROWS[:1])
    one_entry("asset.import", "asset", "import", str(path))
    # reading writes nothing
    before = snapshot(stocked.db)
    stocked.ok("asset", "list", "-f", "json")
    stocked.ok("asset", "show", "ZC-2024-0002", "-f", "json")
    stocked.ok("asset", "category", "list")
    assert snapshot(stocked.db) == before
    res = stocked("audit", "verify", "-f", "json")
    assert res.exit_code == 0, res
    assert js(res)["ok"] is True


def test_card_changed_behind_the_programs_back_is_named(stocked: Cli) -> None:
    stocked.ok("asset", "move", "ZC-2024-0002", "--to", "仓库", "--qty", "5")
    assert stocked("audit", "verify").exit_code == 0
    with raw(stocked.db) as con:
        n = con.execute(
            sa.text("UPDATE asset SET value_fen = 100 WHERE code = 'ZC-2025-0001'")
        ).rowcount
        assert n == 1
    res = stocked("audit", "verify", "-f", "json")
    assert res.exit_code == 1, res
    found = js(res)["findings"]
    assert any(f.get("table") == "asset" and f.get("record") == "ZC-2025-0001" for f in found), (
        found
    )
    assert any("ZC-2025-0001" in f["message"] for f in found), found
    assert not any(f.get("record") == "ZC-2024-0001" for f in found), found
